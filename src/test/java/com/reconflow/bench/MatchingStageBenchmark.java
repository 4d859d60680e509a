package com.reconflow.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.reconflow.run.Run;
import com.reconflow.run.RunService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The persisted matching stage alone: a day's records already stored (orders with a payment each,
 * one in a thousand missing), then the run's matching step timed as the job runs it: load, match,
 * store matches and discrepancies. {@code -Dbench.orders=N}, {@code -Dbench.db=h2|mysql}.
 */
public final class MatchingStageBenchmark {

    private MatchingStageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("bench.orders", 1_000_000);
        String db = System.getProperty("bench.db", "h2");
        Path work = Files.createTempDirectory("reconflow-bench");
        LocalDate day = LocalDate.of(2026, 10, 20);
        try (ConfigurableApplicationContext app = BenchApp.start(db, work,
                "--logging.level.com.reconflow.matching=INFO")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long seeded = seed(jdbc, day, orders);
            RunService runs = app.getBean(RunService.class);
            Run run = runs.start(day, List.of("jd", "wechatpay"), "benchmark");
            // The seeded payments come without an import of their own: the stage is timed on what is there.
            runs.decideMissingData(run.id(), "PROCEED", null, null, "benchmark: payments seeded without an import",
                    "benchmark");
            System.gc();
            long started = System.nanoTime();
            List<Long> opened = runs.match(run.id());
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "%s: matching stage for %,d orders, %,d records: %.1f s = %,.0f records/s, "
                    + "%,d discrepancies%n", db, orders, seeded, seconds, seeded / seconds, opened.size());
        } finally {
            BenchApp.delete(work);
        }
    }

    /** Orders with a payment each, one in a thousand missing; the records stored. */
    static long seed(JdbcTemplate jdbc, LocalDate day, int orders) {
        jdbc.update("""
                INSERT INTO recon_import (source, format, file_name, content_sha256, business_date, status, rows_accepted,
                                          rows_rejected, rows_duplicate, imported_by, imported_at)
                VALUES ('jd', 'channel-orders', 'bench', ?, ?, 'ACCEPTED', 0, 0, 0, 'bench', ?)""",
                "bench" + System.nanoTime(), day, LocalDateTime.now());
        long importId = jdbc.queryForObject("SELECT MAX(id) FROM recon_import", Long.class);
        List<Object[]> rows = new ArrayList<>();
        long count = 0;
        for (int i = 0; i < orders; i++) {
            BigDecimal amount = BigDecimal.valueOf(990 + (i * 7919L) % 99_000, 2);
            LocalDateTime at = day.atTime(0, 5).plusSeconds(i % 80_000);
            rows.add(new Object[] {importId, i, "ORDER", "jd", day, "B" + i, null, amount, null, at, "wechatpay",
                    "ORDER:B" + i});
            if (i % 1000 != 3) {
                rows.add(new Object[] {importId, i, "PAYMENT", "wechatpay", day, "B" + i, "W" + i, amount,
                        amount.multiply(new BigDecimal("0.006")).setScale(2, java.math.RoundingMode.HALF_UP), at, null,
                        "PAYMENT:W" + i});
            }
            if (rows.size() >= 10_000) {
                count += insert(jdbc, rows);
            }
        }
        return count + insert(jdbc, rows);
    }

    private static int insert(JdbcTemplate jdbc, List<Object[]> rows) {
        jdbc.batchUpdate("""
                INSERT INTO recon_record (import_id, line_no, kind, source, format, business_date, order_no, txn_id,
                                          amount, fee, currency, occurred_at, payment_method, raw_line, natural_key)
                VALUES (?, ?, ?, ?, 'bench', ?, ?, ?, ?, ?, 'CNY', ?, ?, '', ?)""", rows);
        int n = rows.size();
        rows.clear();
        return n;
    }
}
