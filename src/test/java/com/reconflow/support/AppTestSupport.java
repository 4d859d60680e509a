package com.reconflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings every application test shares: a fresh inbox, fast polling, no demo files. */
public final class AppTestSupport {

    private AppTestSupport() {
    }

    public static Path newInbox(String name) {
        try {
            return Files.createTempDirectory("reconflow-" + name + "-inbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void commonProperties(DynamicPropertyRegistry registry, Path inbox) {
        registry.add("recon.inbox.dir", inbox::toString);
        registry.add("recon.inbox.poll-delay", () -> "200");
        registry.add("recon.inbox.read-lock-min-age", () -> "200");
        registry.add("recon.run.recheck-interval", () -> "PT2S");
        // The morning schedule would start yesterday's run by itself in the middle of a test run; in tests it
        // is due only on 29 February at 02:00 (business zone), and tests fire it by executing its job.
        registry.add("recon.run.schedule", () -> "0 0 2 29 2 *");
        registry.add("recon.demo.data", () -> "false");
        // Small batches, so that every run with more than a few discrepancies opens its review cases in a loop.
        registry.add("recon.review.open-batch-size", () -> "5");
        // Small chunks, so that every import's order lines are posted to the stock ledger by several jobs.
        registry.add("recon.stock.orders.chunk-size", () -> "3");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "500");
        // A wrong password locks its user out for a few seconds (the engine's login delay): the tests that try
        // one would otherwise refuse the next test's calls as that user, depending on which test runs next.
        registry.add("camunda.bpm.generic-properties.properties.login-delay-base", () -> "0");
        // Small parts, so that every archived workbook is stored in several, as a big day's is.
        registry.add("recon.archive.report-part-size", () -> "4KB");
    }
}
