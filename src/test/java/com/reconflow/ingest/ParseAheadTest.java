package com.reconflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Rows read on the reading thread reach the writer as if the parser had handed them over itself. */
class ParseAheadTest {

    private static final int ROWS = 5 * ParseAhead.CHUNK + 7;

    @Test
    void everyRowArrivesInTheFilesOrderWithRecordsPreparedForStoring() {
        Collected into = new Collected();
        ParseAhead.parse("orders.csv", sink -> {
            for (int line = 2; line < ROWS + 2; line++) {
                if (line % 100 == 0) {
                    sink.reject(new RowError(line, "订单金额", "bad", "raw " + line));
                } else {
                    sink.accept(order(line));
                }
            }
        }, into);

        assertThat(into.lines).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(into.lines.get(i)).isEqualTo(i + 2);
        }
        assertThat(into.keys).first().isEqualTo("ORDER:O-2");
        assertThat(into.errors).isEqualTo(ROWS / 100);
    }

    @Test
    void theColumnsReachTheWriterBeforeTheirRowsWhichThenNeedNoAttributesOfTheirOwn() {
        Collected into = new Collected();
        ParseAhead.parse("statement-and-orders.csv", sink -> {
            sink.accept(order(1));
            sink.columns(2, List.of("订单号", "订单金额", "退款金额"));
            for (int line = 3; line < ROWS; line++) {
                sink.accept(order(line));
            }
        }, into);

        assertThat(into.lines.get(0)).isEqualTo(1);
        assertThat(into.columns).containsExactly("2 before line 3: [订单号, 订单金额, 退款金额]");
        // a row without a header keeps its attributes; under one its raw line carries them
        assertThat(into.attributes.get(0)).isEqualTo("{\"退款金额\":\"0.00\"}");
        assertThat(into.attributes.subList(1, into.attributes.size())).containsOnlyNulls();
        assertThat(into.lines).hasSize(ROWS - 2);
    }

    @Test
    void aFileRejectedAtItsEndReachesTheWriterAsItWasThrownAfterTheRowsBeforeIt() {
        FileRejectedException summary = new FileRejectedException("bill.csv is truncated or corrupt");
        Collected into = new Collected();

        assertThatThrownBy(() -> ParseAhead.parse("bill.csv", sink -> {
            for (int line = 2; line < ROWS + 2; line++) {
                sink.accept(order(line));
            }
            throw summary;
        }, into)).isSameAs(summary);
        assertThat(into.lines).hasSizeLessThanOrEqualTo(ROWS);
    }

    @Test
    void whenWritingFailsReadingStopsBeforeTheCallReturns() {
        AtomicInteger handed = new AtomicInteger();
        AtomicBoolean readerEnded = new AtomicBoolean();
        IllegalStateException databaseDown = new IllegalStateException("database down");
        ParseAhead.Rows failing = new ParseAhead.Rows() {
            @Override
            public void add(StoredRecord record) {
                throw databaseDown;
            }

            @Override
            public void reject(RowError error) {
            }

            @Override
            public void columns(int line, List<String> names) {
            }
        };

        assertThatThrownBy(() -> ParseAhead.parse("orders.csv", sink -> {
            try {
                for (int line = 2; line < 100 * ParseAhead.CHUNK; line++) {
                    sink.accept(order(line));
                    handed.incrementAndGet();
                }
            } finally {
                readerEnded.set(true);
            }
        }, failing)).isSameAs(databaseDown);
        assertThat(readerEnded).isTrue();
        assertThat(handed.get()).isLessThan(100 * ParseAhead.CHUNK - 2);
    }

    @Test
    void anInterruptDoesNotStopAnImportHalfWayButIsKeptForTheCaller() {
        Collected into = new Collected();
        Thread.currentThread().interrupt();
        try {
            ParseAhead.parse("orders.csv", sink -> {
                for (int line = 2; line < ROWS + 2; line++) {
                    sink.accept(order(line));
                }
            }, into);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(into.lines).hasSize(ROWS);
    }

    private static CanonicalRecord order(int line) {
        return new CanonicalRecord(RecordKind.ORDER, LocalDate.of(2026, 11, 20), "O-" + line, null, null,
                new BigDecimal("10.00"), null, "CNY", "PAID", null, null, "cash", null, line, "raw " + line,
                Map.of("退款金额", "0.00"));
    }

    private static final class Collected implements ParseAhead.Rows {
        final List<Integer> lines = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final List<String> attributes = new ArrayList<>();
        final List<String> columns = new ArrayList<>();
        int errors;

        @Override
        public void add(StoredRecord record) {
            lines.add(record.record().lineNo());
            keys.add(record.naturalKey());
            attributes.add(record.attributesJson());
            assertThat(record.refundedAmount()).isEqualByComparingTo("0.00");
        }

        @Override
        public void reject(RowError error) {
            lines.add(error.line());
            errors++;
        }

        @Override
        public void columns(int line, List<String> names) {
            columns.add(line + " before line " + (lines.isEmpty() ? "?" : lines.size() + 2) + ": " + names);
        }
    }
}
