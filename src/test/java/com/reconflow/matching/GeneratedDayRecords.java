package com.reconflow.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.reconflow.demo.DemoDay;
import com.reconflow.demo.DemoFile;
import com.reconflow.demo.ExpectedCase;
import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.format.ChannelFile;
import com.reconflow.ingest.format.ChannelFileParser;
import com.reconflow.ingest.format.FormatDetector;

/**
 * A generated day read the way the import reads it (format detection, the real parsers) and turned
 * into matching's records as {@link DayMatching} loads them: the refunded amount from the attribute
 * 退款金额, the memo from 商户数据包, times as local times of the business zone.
 */
final class GeneratedDayRecords {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final FormatDetector FORMATS = FormatDetector.standard();

    /** A discrepancy by the keys the run stores with it (see DiscrepancyRepository) and its amounts. */
    record Raised(String type, String source, String orderNo, String txnId, BigDecimal expected, BigDecimal actual) {

        static Raised of(ExpectedCase c) {
            return new Raised(c.kind(), c.source(), c.orderNo(), c.txnId(), c.expected(), c.actual());
        }

        static Raised of(Finding f) {
            String orderNo = f.record().orderNo() != null ? f.record().orderNo()
                    : f.counterpart() == null ? null : f.counterpart().orderNo();
            String txnId = f.counterpart() != null && f.counterpart().txnId() != null ? f.counterpart().txnId()
                    : f.record().kind() == RecordKind.ORDER ? null : f.record().txnId();
            return new Raised(f.type().name(), f.record().source(), orderNo, txnId, f.expected(), f.actual());
        }
    }

    private GeneratedDayRecords() {
    }

    /** Every file of the day, parsed without a rejected row; record ids continue from {@code ids}. */
    static List<LedgerEntry> read(DemoDay day, AtomicLong ids) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (DemoFile file : day.files()) {
            ChannelFile channelFile = ChannelFile.ofBytes(file.fileName(), file.content(), ZONE);
            ChannelFileParser parser = FORMATS.detect(channelFile);
            ParsedFile.Collector collector = new ParsedFile.Collector();
            parser.parse(channelFile, collector);
            ParsedFile parsed = collector.toParsedFile(parser.formatId());
            assertThat(parsed.rejectedRows()).as(file.fileName()).isEmpty();
            try {
                java.nio.file.Files.deleteIfExists(channelFile.path());
            } catch (java.io.IOException ignored) {
                // a temporary file; deleted on exit anyway
            }
            for (CanonicalRecord r : parsed.records()) {
                entries.add(entry(ids.incrementAndGet(), file.source(), r));
            }
        }
        return entries;
    }

    static LedgerEntry entry(long id, String source, CanonicalRecord r) {
        String refunded = r.attributes().get("退款金额");
        return new LedgerEntry(id, r.kind(), source, r.orderNo(), r.txnId(), r.amount(), r.status(),
                r.paymentMethod(), r.fee(), refunded == null || refunded.isBlank() ? null : new BigDecimal(refunded),
                r.attributes().get("商户数据包"),
                r.occurredAt() == null ? null : r.occurredAt().atZoneSameInstant(ZONE).toLocalDateTime());
    }
}
