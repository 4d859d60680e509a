package com.reconflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import com.reconflow.ReconFlowApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application as the import benchmarks run it: H2 in a file under the work folder, or the
 * MySQL-protocol server on 127.0.0.1:3306 (root, no password) in a database of the benchmarks' own,
 * made empty first, with the URL settings of the {@code mysql} profile. No demo day; no jobs unless
 * asked for.
 * {@code -Dbench.h2.options=;KEY=VALUE} adds to the H2 URL, {@code -Dbench.args="--a=b --c=d"} adds
 * application settings.
 */
final class BenchApp {

    /** {@code -Dbench.mysql.database} names another, so that two people may run benchmarks on one server. */
    static final String MYSQL_DATABASE = System.getProperty("bench.mysql.database", "reconflow_bench_ingest");

    private BenchApp() {
    }

    /** Settings as command-line arguments: they override application.yaml, as an operator's would. */
    static ConfigurableApplicationContext start(String db, Path work, String... more) throws SQLException {
        return start(db, work, false, more);
    }

    /** With {@code jobs}, Camunda's job executor runs, so that a run goes through its stages on its own. */
    static ConfigurableApplicationContext start(String db, Path work, boolean jobs, String... more)
            throws SQLException {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--recon.demo.data=false",
                "--camunda.bpm.job-execution.enabled=" + jobs, "--recon.inbox.dir=" + work.resolve("inbox"),
                "--logging.level.root=WARN"));
        if ("mysql".equals(db)) {
            recreateMysqlDatabase();
            args.addAll(List.of("--spring.profiles.active=demo,mysql", "--RECON_DB_HOST=127.0.0.1",
                    "--RECON_DB_NAME=" + MYSQL_DATABASE, "--RECON_DB_USER=root", "--RECON_DB_PASSWORD="));
        } else if ("h2".equals(db)) {
            args.addAll(List.of("--spring.profiles.active=demo",
                    "--spring.datasource.url=jdbc:h2:file:" + work.resolve("h2/bench")
                            + System.getProperty("bench.h2.options", "")));
        } else {
            throw new IllegalArgumentException("bench.db is h2 or mysql, not " + db);
        }
        args.addAll(List.of(more));
        String extra = System.getProperty("bench.args", "").strip();
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\s+")));
        }
        return new SpringApplicationBuilder(ReconFlowApplication.class).run(args.toArray(String[]::new));
    }

    /** As the README asks for production: utf8mb4 with binary collation. */
    private static void recreateMysqlDatabase() throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/", "root", "");
             var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + MYSQL_DATABASE);
            s.execute("CREATE DATABASE " + MYSQL_DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    /** Removes a benchmark's work folder (files of hundreds of MB, a database of GBs) once it is done. */
    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The InnoDB redo log's size: MySQL 8.0.30 and later name it {@code innodb_redo_log_capacity}, MariaDB
     * {@code innodb_log_file_size}. Too small a log makes the server flush a big import's pages early.
     */
    static long redoLogBytes(JdbcClient jdbc) {
        try {
            return jdbc.sql("SELECT @@innodb_redo_log_capacity").query(Long.class).single();
        } catch (DataAccessException mariaDb) {
            return jdbc.sql("SELECT @@innodb_log_file_size").query(Long.class).single();
        }
    }

    /** CPU time of this whole JVM so far (all threads, the garbage collector's included), in seconds. */
    static double cpuSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    /** The most heap in use at once, sampled every 10 ms (pool peaks would add up different moments). */
    static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapSampler() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    LockSupport.parkNanos(10_000_000);
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        /** Stops sampling; the peak in MiB. */
        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get() >> 20;
        }
    }
}
