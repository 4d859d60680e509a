package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.RowError;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * Parses one file in a JVM of its own, keeping nothing but counts, so a test can run it with a small
 * heap: {@code StreamingProbe <parser class> <file>} prints {@code records=… rejected=… amount=…}.
 */
public final class StreamingProbe {

    private StreamingProbe() {
    }

    public static void main(String[] args) throws Exception {
        ChannelFileParser parser = (ChannelFileParser) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        ChannelFile file = new ChannelFile(args[1], Path.of(args[1]), ZoneId.of("Asia/Shanghai"));
        long[] counts = new long[2];
        BigDecimal[] amount = {BigDecimal.ZERO};
        parser.parse(file, new RecordSink() {
            @Override
            public void accept(CanonicalRecord record) {
                counts[0]++;
                amount[0] = amount[0].add(record.amount());
            }

            @Override
            public void reject(RowError error) {
                counts[1]++;
            }
        });
        System.out.println("records=" + counts[0] + " rejected=" + counts[1] + " amount=" + amount[0]);
    }
}
