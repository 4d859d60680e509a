package com.reconflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import com.reconflow.archive.ArchiveService;
import com.reconflow.run.Run;
import com.reconflow.run.RunService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Archiving a big day: a day's records stored and matched (orders with a payment each, one in a
 * thousand missing), then the run archived as its job archives it: the workbook streamed from the
 * database, the voucher, the chain. Prints the time, the peak heap, and the workbook's size and
 * parts. {@code -Dbench.orders=N}, {@code -Dbench.db=h2|mysql}; run it with {@code -Xmx2g}.
 */
public final class ArchiveBenchmark {

    private ArchiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("bench.orders", 1_000_000);
        String db = System.getProperty("bench.db", "h2");
        Path work = Files.createTempDirectory("reconflow-bench");
        LocalDate day = LocalDate.of(2026, 10, 21);
        try (ConfigurableApplicationContext app = BenchApp.start(db, work)) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long records = MatchingStageBenchmark.seed(jdbc, day, orders);
            RunService runs = app.getBean(RunService.class);
            Run run = runs.start(day, List.of("jd", "wechatpay"), "benchmark");
            runs.match(run.id());
            long matches = jdbc.queryForObject("SELECT COUNT(*) FROM recon_match WHERE run_id = ?", Long.class,
                    run.id());
            System.gc();
            var heap = new BenchApp.HeapSampler();
            long started = System.nanoTime();
            app.getBean(ArchiveService.class).archive(run.id());
            double seconds = (System.nanoTime() - started) / 1e9;
            long peak = heap.stop();
            long parts = jdbc.queryForObject("SELECT COUNT(*) FROM recon_archive_report_part WHERE run_id = ?",
                    Long.class, run.id());
            long bytes = jdbc.queryForObject("SELECT LENGTH(report_xlsx) FROM recon_archive WHERE run_id = ?",
                    Long.class, run.id()) + (parts == 0 ? 0 : jdbc.queryForObject(
                    "SELECT SUM(LENGTH(content)) FROM recon_archive_report_part WHERE run_id = ?", Long.class,
                    run.id()));
            System.out.printf(Locale.ROOT, "%s: archived %,d records, %,d matches in %.1f s; workbook %,d bytes in %d "
                    + "parts; peak heap %,d MiB of %,d MiB%n", db, records, matches, seconds, bytes, parts + 1, peak,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            BenchApp.delete(work);
        }
    }
}
