package com.reconflow.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.reconflow.demo.DemoDay;
import com.reconflow.demo.DemoFile;
import com.reconflow.demo.ExpectedCase;
import com.reconflow.demo.GroundTruth;
import com.reconflow.demo.SyntheticDayGenerator;
import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import com.reconflow.support.Reviews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A generated day of 10,000 orders through the doors people use: its files dropped into the inbox,
 * the run started over REST waiting for all its sources (the bank's statement of the next day
 * included), and what the run stores is exactly the day's ground truth: the discrepancies with their
 * keys and amounts, the fallback's proposals, the late orders pending, the matches of each kind.
 *
 * <p>Its days are used by no other test of the shared application context. Its late orders'
 * payments belong to a next day this test does not import, so it leaves them resolved: a later-dated
 * run of another test must not carry them.
 */
class SyntheticDayReconciliationTest extends H2AppTest {

    private static final LocalDate DAY = LocalDate.of(2025, 6, 10);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private Api finance;
    private String runPath;

    /** A discrepancy by the keys and amounts the run reports. */
    private record Raised(String type, String source, String orderNo, String txnId, BigDecimal expected,
                          BigDecimal actual) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGeneratedDayIsReconciledExactlyAsItsGroundTruthSays() throws IOException {
        DemoDay day = new SyntheticDayGenerator().generate(DAY, 20250610L, 10_000);
        GroundTruth truth = day.truth();
        finance = Api.as(rest(), "finance");

        Map<String, Object> started = finance.post("/api/runs", Map.of("businessDate", DAY.toString(),
                "sources", day.sources()), Map.class).getBody();
        runPath = "/api/runs/" + started.get("id");
        for (DemoFile file : day.files()) {
            drop(file);
        }
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(finance.getJson(runPath).get("status")));
        // The inbox moves a file aside once its import has committed, which may be after the run has matched.
        for (DemoFile file : day.files()) {
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(inbox().resolve(file.source()).resolve(".done").resolve(file.fileName())).exists());
        }

        List<Map<String, Object>> discrepancies = finance.get(runPath + "/discrepancies", List.class).getBody();
        assertThat(discrepancies).extracting(d -> new Raised((String) d.get("type"), (String) d.get("source"),
                        (String) d.get("orderNo"), (String) d.get("txnId"), money(d.get("expected")), money(d.get("actual"))))
                .containsExactlyInAnyOrderElementsOf(truth.of(ExpectedCase.DISCREPANCY).stream()
                        .map(c -> new Raised(c.kind(), c.source(), c.orderNo(), c.txnId(), c.expected(), c.actual()))
                        .toList());

        List<Map<String, Object>> proposals = finance.get(runPath + "/proposals", List.class).getBody();
        assertThat(proposals).extracting(p -> side(p, "order").get("orderNo") + " " + side(p, "payment").get("source")
                        + " " + side(p, "payment").get("txnId") + " " + side(p, "payment").get("orderNo"))
                .containsExactlyInAnyOrderElementsOf(truth.of(ExpectedCase.PROPOSED).stream()
                        .map(c -> c.orderNo() + " " + c.counterSource() + " " + c.txnId() + " " + c.counterOrderNo())
                        .toList());

        Map<String, Object> counts = (Map<String, Object>) finance.getJson(runPath).get("counts");
        long recordsOfTheDay = truth.totals().entrySet().stream()
                .filter(t -> t.getKey().startsWith("records,") && !t.getKey().startsWith("records,bank/"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(number(counts, "records")).isEqualTo(recordsOfTheDay);
        assertThat(number(counts, "discrepancies")).isEqualTo(truth.of(ExpectedCase.DISCREPANCY).size());
        assertThat(number(counts, "pending")).isEqualTo(truth.total(ExpectedCase.PENDING, "TIMING")).isPositive();
        assertThat(number(counts, "proposed")).isEqualTo(truth.total(ExpectedCase.PROPOSED, "PROPOSAL")).isPositive();

        Map<String, Long> matches = new TreeMap<>();
        jdbc().sql("SELECT match_kind, COUNT(*) FROM recon_match WHERE run_id = ? AND superseded_at IS NULL "
                        + "GROUP BY match_kind")
                .param(started.get("id"))
                .query(rs -> {
                    matches.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Long> expectedMatches = new TreeMap<>();
        for (String kind : List.of("ONE_TO_ONE", "SPLIT", "MERGED", "ROUNDING", "TIMING")) {
            if (truth.total(ExpectedCase.MATCH, kind) > 0) {
                expectedMatches.put(kind, truth.total(ExpectedCase.MATCH, kind));
            }
        }
        assertThat(matches).isEqualTo(expectedMatches);
    }

    /**
     * The application context, and so the engine, is shared with the other tests: leave no open
     * review behind (Tasklist's list shows every task); the run then archives.
     */
    @AfterEach
    @SuppressWarnings("unchecked")
    void closeTheDaysReviews() {
        if (runPath == null) {
            return;
        }
        int raised = finance.get(runPath + "/discrepancies", List.class).getBody().size();
        await().atMost(PATIENCE).until(() -> reviewTasks().size() == raised);
        new Reviews(rest()).closeAll(DAY, "CHASE", "Planted by the generator");
        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(finance.getJson(runPath).get("status")));
        jdbc().sql("UPDATE recon_pending SET resolved_run_id = run_id WHERE since_date = ? AND resolved_run_id IS NULL")
                .param(DAY).update();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> reviewTasks() {
        return finance.get("/engine-rest/task?processDefinitionKey=discrepancy-review&processInstanceBusinessKey="
                + DAY + "&maxResults=1000", List.class).getBody();
    }

    /** Written beside, then moved in: the inbox never sees half a file. */
    private void drop(DemoFile file) throws IOException {
        Path folder = Files.createDirectories(inbox().resolve(file.source()));
        Path partial = Files.write(folder.resolve("." + file.fileName() + ".part"), file.content());
        Files.move(partial, folder.resolve(file.fileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> side(Map<String, Object> proposal, String name) {
        return (Map<String, Object>) proposal.get(name);
    }

    private static long number(Map<String, Object> counts, String name) {
        return ((Number) counts.get(name)).longValue();
    }

    private static BigDecimal money(Object value) {
        return value == null ? null : new BigDecimal(Objects.toString(value)).setScale(2);
    }
}
