package com.reconflow.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import com.reconflow.demo.ExpectedCase;
import com.reconflow.demo.GroundTruth;
import com.reconflow.demo.SyntheticDayGenerator;
import com.reconflow.run.Run;
import com.reconflow.run.RunService;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole way from files to discrepancies, as production runs it: a generated day (the eight
 * files of the synthetic retailer, with its ground truth) dropped into the inbox of a running app
 * whose run for the day waits for them; the inbox imports them, the run wakes, and its matching job
 * stores matches and discrepancies. Prints, per size, the seconds to the last import committed
 * (rows/s), the matching stage after it, the total, the peak heap, whether the stored
 * discrepancies are exactly the ground truth's, and how long the run then takes to open a review
 * case for each of them. {@code -Dbench.sizes=10000,100000,1000000},
 * {@code -Dbench.db=h2|mysql}; run under -Xmx2g by the {@code bench} profile.
 */
public final class ReconciliationBenchmark {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 3);

    private ReconciliationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String db = System.getProperty("bench.db", "h2");
        Path work = Files.createTempDirectory("reconflow-e2e");
        for (String size : System.getProperty("bench.sizes", "10000,100000,1000000").split(",")) {
            run(db, work.resolve("orders-" + size.strip()), Integer.parseInt(size.strip()));
        }
    }

    private static void run(String db, Path work, int orders) throws Exception {
        long generating = System.nanoTime();
        Path generated = work.resolve("generated");
        GroundTruth truth = SyntheticDayGenerator.writeTo(generated, DAY, 20250303L, orders);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(generated)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.getParent().equals(generated)).sorted().toList();
        }
        long rows = truth.totals().entrySet().stream().filter(t -> t.getKey().startsWith("records,"))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.printf(Locale.ROOT, "%n%s, %,d orders: %d files, %,d rows generated in %.1f s%n", db, orders,
                files.size(), rows, (System.nanoTime() - generating) / 1e9);

        try (ConfigurableApplicationContext app = BenchApp.start(db, work, true,
                "--logging.level.com.reconflow.matching=INFO", "--logging.level.com.reconflow.run=INFO")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            if ("mysql".equals(db)) {
                // The server's page cache decides much of the import's speed: a day should fit in it.
                System.out.printf(Locale.ROOT, "  server %s, InnoDB buffer pool %,d MiB, redo log %,d MiB%n",
                        jdbc.sql("SELECT VERSION()").query(String.class).single(),
                        jdbc.sql("SELECT @@innodb_buffer_pool_size").query(Long.class).single() >> 20,
                        BenchApp.redoLogBytes(jdbc) >> 20);
            }
            // The imported orders are also posted to the stock ledger, chunk by chunk in the background, a few
            // hundred lines a second (StockPostingBenchmark); the run does not wait for that. Held here, as
            // operations may hold a backlog in Cockpit, so that the figures are the reconciliation's alone.
            app.getBean(ManagementService.class).suspendJobDefinitionByProcessDefinitionKey("stock-posting", true);
            System.out.println("  stock posting held (its jobs suspended) for the benchmark");
            List<String> sources = files.stream().map(f -> f.getParent().getFileName().toString()).distinct().toList();
            Run run = app.getBean(RunService.class).start(DAY, sources, "benchmark");
            System.gc();
            BenchApp.HeapSampler heap = new BenchApp.HeapSampler();
            double cpuBefore = BenchApp.cpuSeconds();
            long started = System.nanoTime();
            for (Path file : files) {
                Path folder = Files.createDirectories(work.resolve("inbox").resolve(file.getParent().getFileName()));
                Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            long imported = 0;
            long matched;
            while (true) {
                if (imported == 0 && jdbc.sql("SELECT COUNT(*) FROM recon_import").query(Long.class).single() == files.size()) {
                    imported = System.nanoTime();
                }
                if (jdbc.sql("SELECT COUNT(*) FROM recon_run WHERE id = ? AND matched_at IS NOT NULL").param(run.id())
                        .query(Long.class).single() == 1) {
                    matched = System.nanoTime();
                    break;
                }
                if (System.nanoTime() - started > 1_800_000_000_000L) {
                    throw new IllegalStateException("not matched within 30 minutes");
                }
                LockSupport.parkNanos(50_000_000);
            }
            double cpu = BenchApp.cpuSeconds() - cpuBefore;
            long peak = heap.stop();
            double importing = (imported - started) / 1e9;
            double matching = (matched - imported) / 1e9;
            double total = (matched - started) / 1e9;
            long stored = jdbc.sql("SELECT COUNT(*) FROM recon_record").query(Long.class).single();
            System.out.printf(Locale.ROOT, "  files -> records:        %6.1f s  %,9.0f rows/s (%,d rows stored)%n",
                    importing, stored / importing, stored);
            System.out.printf(Locale.ROOT, "  matching stage:          %6.1f s  %,9.0f records/s%n", matching,
                    stored / matching);
            System.out.printf(Locale.ROOT, "  files -> discrepancies:  %6.1f s  (app CPU %.0f s, peak heap %,d MiB of %,d)%n",
                    total, cpu, peak, Runtime.getRuntime().maxMemory() >> 20);
            compare(jdbc, run.id(), truth);
            reviewCasesOpened(jdbc, run.id(), matched);
        } finally {
            // A million-order day leaves gigabytes behind (files, H2 database): gone before the next size.
            BenchApp.delete(work);
        }
    }

    /** After matching, the run opens a review case per discrepancy in batches: how long until all are open. */
    private static void reviewCasesOpened(JdbcClient jdbc, long runId, long matched) {
        long cases = jdbc.sql("SELECT COUNT(*) FROM recon_discrepancy WHERE run_id = ?").param(runId)
                .query(Long.class).single();
        while (jdbc.sql("SELECT COUNT(*) FROM recon_discrepancy WHERE run_id = ? AND review_opened_at IS NULL")
                .param(runId).query(Long.class).single() > 0) {
            if (System.nanoTime() - matched > 1_800_000_000_000L) {
                throw new IllegalStateException("review cases not opened within 30 minutes");
            }
            LockSupport.parkNanos(200_000_000);
        }
        double seconds = (System.nanoTime() - matched) / 1e9;
        System.out.printf(Locale.ROOT, "  review cases opened:     %6.1f s after matching, %,d cases (%,.0f/s)%n",
                seconds, cases, cases / seconds);
    }

    /** The stored discrepancies against the ground truth, by code, order no. and transaction id. */
    private static void compare(JdbcClient jdbc, long runId, GroundTruth truth) {
        Map<String, Integer> expected = new HashMap<>();
        truth.of(ExpectedCase.DISCREPANCY).forEach(c -> expected.merge(c.kind() + " " + c.orderNo() + " " + c.txnId()
                + " " + plain(c.expected()) + " " + plain(c.actual()), 1, Integer::sum));
        Map<String, Integer> found = new HashMap<>();
        jdbc.sql("SELECT type, order_no, txn_id, expected, actual FROM recon_discrepancy WHERE run_id = ?").param(runId)
                .query(rs -> {
                    found.merge(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                            + plain(rs.getBigDecimal(4)) + " " + plain(rs.getBigDecimal(5)), 1, Integer::sum);
                });
        List<String> missed = new ArrayList<>();
        expected.forEach((k, n) -> {
            if (!n.equals(found.get(k))) {
                missed.add(k);
            }
        });
        List<String> unexpected = new ArrayList<>();
        found.forEach((k, n) -> {
            if (!n.equals(expected.get(k))) {
                unexpected.add(k);
            }
        });
        System.out.printf(Locale.ROOT, "  ground truth: %,d discrepancies planted, %,d stored: %s%n",
                truth.of(ExpectedCase.DISCREPANCY).size(), found.values().stream().mapToInt(Integer::intValue).sum(),
                missed.isEmpty() && unexpected.isEmpty() ? "exactly the ground truth"
                        : "DIFFERENT, missed " + missed.stream().limit(5).toList() + " unexpected "
                        + unexpected.stream().limit(5).toList());
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2).toPlainString();
    }
}
