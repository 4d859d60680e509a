package com.reconflow.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import com.reconflow.config.Db;
import com.reconflow.config.ReconProperties;
import com.reconflow.ingest.ImportRequest;
import com.reconflow.ingest.ImportService;
import com.reconflow.run.RunService;
import com.reconflow.stock.replenishment.Replenishments;
import com.reconflow.stock.replenishment.Thresholds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * On the very first start of a demo installation, drops yesterday's files into the inbox (the
 * channels' orders, the providers' bills, and today's bank statement with yesterday's payouts) and
 * starts that day's run waiting for all of them, so a newcomer finds real discrepancy tasks in
 * Tasklist a minute later.
 */
@Component
@Profile("demo")
@Order(3)
class DemoDaySeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDaySeeder.class);
    private static final long SEED = 20261120L;

    private final ReconProperties properties;
    private final RunService runs;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ImportService imports;
    private final Replenishments replenishments;

    DemoDaySeeder(ReconProperties properties, RunService runs, JdbcClient jdbc, Clock clock, ImportService imports,
                  Replenishments replenishments) {
        this.properties = properties;
        this.runs = runs;
        this.jdbc = jdbc;
        this.clock = clock;
        this.imports = imports;
        this.replenishments = replenishments;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo().data() || !firstStart()) {
            return;
        }
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        try {
            // The insert is the guard: of several nodes starting together, one seeds.
            jdbc.sql("INSERT INTO recon_demo_seed (business_date, seeded_at) VALUES (?, ?)")
                    .params(yesterday, Db.utc(clock.instant())).update();
        } catch (DuplicateKeyException anotherNodeSeeds) {
            return;
        }
        DemoDay day = new SyntheticDayGenerator().generate(yesterday, SEED);
        openStock(day);
        day.files().forEach(this::drop);
        List<String> sources = day.files().stream().map(DemoFile::source).distinct().sorted().toList();
        runs.start(yesterday, sources, "demo");
        log.info("Demo: dropped {} files for {} into {} with {} genuine discrepancies and {} proposals to confirm; "
                        + "its run has started", day.files().size(), yesterday, properties.inbox().dir().toAbsolutePath(),
                day.discrepancies().size(), day.truth().of(ExpectedCase.PROPOSED).size());
    }

    /**
     * The warehouse's stock movements of the day come first, so that the stock ledger keeps the demo's SKUs
     * (its morning receipts) before the orders take from it: the run then finds the stock differences planted
     * in the file. A few SKUs of the online warehouse get a reorder point their day's sales cross, so that
     * purchasing finds replenishment tasks too.
     */
    private void openStock(DemoDay day) {
        DemoFile file = day.stock().file();
        try {
            Path content = Files.createTempFile("reconflow-demo-stock", ".csv");
            try {
                Files.write(content, file.content());
                imports.importFile(new ImportRequest(file.source(), file.fileName(), content, null, null, "demo"));
            } finally {
                Files.deleteIfExists(content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("demo stock file " + file.fileName() + " could not be imported", e);
        }
        replenishments.setThresholds(REORDER_POINTS.stream().map(sku -> new Thresholds.Threshold(sku, "WH-EAST",
                25, 5, "禾木供应链（上海）有限公司", true)).toList(), "demo");
    }

    /** Products of the demo whose online stock falls to its reorder point during the demo day. */
    private static final List<String> REORDER_POINTS = List.of("MZ0014", "FZ0028", "JJ0003");

    private boolean firstStart() {
        return jdbc.sql("SELECT COUNT(*) FROM recon_demo_seed").query(Long.class).single() == 0;
    }

    /** Written beside, then moved in: the inbox never sees half a file. */
    private void drop(DemoFile file) {
        try {
            Path folder = Files.createDirectories(properties.inbox().dir().resolve(file.source()));
            Path partial = Files.write(folder.resolve("." + file.fileName() + ".part"), file.content());
            Files.move(partial, folder.resolve(file.fileName()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("demo file " + file.fileName() + " could not be written", e);
        }
    }
}
