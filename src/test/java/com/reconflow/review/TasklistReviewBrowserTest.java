package com.reconflow.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.reconflow.demo.DemoDay;
import com.reconflow.demo.SyntheticDayGenerator;
import com.reconflow.demo.DemoFile;
import com.reconflow.support.Api;
import com.reconflow.support.BrowserAppTest;
import com.reconflow.support.Reviews;
import com.reconflow.support.Tasklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A review with four eyes, in a real browser: finance logs into Camunda Tasklist, finds the day's
 * cases in the filter "My group's open discrepancies", opens one above the approval threshold,
 * claims it, sees the form refuse a write-off without its reason, and decides; a manager then finds
 * it in "Awaiting my approval" and approves it. The decision, its decider and approver show on the
 * discrepancy in ReconFlow's API. See {@link Tasklist} for what the browser needs; on failure a
 * screenshot and the page source are written to target/browser-test/.
 */
class TasklistReviewBrowserTest extends BrowserAppTest {

    /** The end-to-end test uses 2026-11-20 in the same application context and database. */
    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    private static final String DECISION_LABEL = "Write off the difference";
    private static final String DECISION = "WRITE_OFF";
    private static final String COMMENT = "Coupon booked twice by the channel; not recoverable (browser test)";
    private static final String APPROVE_LABEL = "Approve: apply the decision";

    private Api finance;
    private Reviews reviews;
    private Long runId;

    @BeforeEach
    void callers() {
        finance = Api.as(rest(), "finance");
        reviews = new Reviews(rest());
    }

    /** Runs before the browser closes. */
    @AfterEach
    void closeTheDay() {
        completeRemainingReviews();
    }

    @Test
    void financeDecidesInTasklistAndAnotherManagerApprovesIt() {
        runId = startRunAndDropTheDaysFiles();
        awaitReviewTasks();

        // A difference above the routing table's approval threshold, in finance's list.
        Map<String, Object> chosen = discrepancies().stream()
                .filter(d -> "finance".equals(d.get("candidateGroup")) && Boolean.TRUE.equals(d.get("secondApproval")))
                .findFirst().orElseThrow(() -> new AssertionError("the demo day has no case for a second approval: "
                        + discrepancies()));
        String taskId = (String) chosen.get("taskId");
        String taskName = (String) finance.getJson("/engine-rest/task/" + taskId).get("name");
        String key = chosen.get("orderNo") != null ? (String) chosen.get("orderNo") : (String) chosen.get("txnId");
        assertThat(taskName).isEqualTo(DAY + " · " + chosen.get("type") + " · " + chosen.get("source") + " " + key
                + " · ¥" + chosen.get("difference"));
        List<String> financeTasks = reviewTasks().stream()
                .filter(t -> "finance".equals(reviews.deciderOf((String) t.get("id"))))
                .map(t -> (String) t.get("name")).toList();

        tasklist.login("finance", "finance");
        tasklist.selectFilter("My group's open discrepancies");
        assertThat(tasklist.waitForTaskList(financeTasks)).containsAll(financeTasks);

        tasklist.openTask(taskName);
        tasklist.claim();
        assertThat(tasklist.readOnlyField("Difference")).isEqualTo(chosen.get("difference"));
        assertThat(tasklist.readOnlyField("Expected (order)")).isEqualTo(chosen.get("expected"));
        assertThat(tasklist.readOnlyField("Record's origin (file, line)")).contains(" line ");
        assertThat(tasklist.readOnlyField("Raised by rule")).isNotBlank();

        tasklist.choose(DECISION_LABEL);
        // No comment: the form itself says what is missing, and the task stays open.
        tasklist.pressComplete();
        tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".fjs-form-field-textarea .fjs-form-field-error")));
        assertThat(finance.getJson("/engine-rest/task/" + taskId).get("id")).isEqualTo(taskId);
        tasklist.dismissNotifications();
        tasklist.write("Comment", COMMENT);
        tasklist.complete(taskName);

        String approvalName = "Approve · " + taskName;
        await().atMost(PATIENCE).until(() -> approvalTask(approvalName) != null);
        tasklist.login("manager", "manager");
        tasklist.selectFilter("Awaiting my approval");
        tasklist.waitForTaskList(List.of(approvalName));
        tasklist.openTask(approvalName);
        tasklist.claim();
        assertThat(tasklist.readOnlyField("Decision")).isEqualTo(DECISION);
        assertThat(tasklist.readOnlyField("Decided by")).isEqualTo("finance");
        tasklist.chooseRadio(APPROVE_LABEL);
        tasklist.complete(approvalName);

        await().atMost(PATIENCE).until(() -> "RESOLVED".equals(discrepancy(taskId).get("status")));
        Map<String, Object> resolved = discrepancy(taskId);
        assertThat(resolved.get("decision")).isEqualTo(DECISION);
        assertThat(resolved.get("comment")).isEqualTo(COMMENT);
        assertThat(resolved.get("decidedBy")).isEqualTo("finance");
        assertThat(resolved.get("approvedBy")).isEqualTo("manager");
        assertThat(discrepancies()).filteredOn(d -> !taskId.equals(d.get("taskId")))
                .as("only the reviewed discrepancy is closed")
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.get("status")).isEqualTo("OPEN"));
    }

    // ---- the day under review, over REST --------------------------------------------------------

    @SuppressWarnings("unchecked")
    private long startRunAndDropTheDaysFiles() {
        DemoDay demo = new SyntheticDayGenerator().generate(DAY, 7L);
        List<String> sources = demo.files().stream().map(DemoFile::source).distinct().toList();
        ResponseEntity<Map> started = finance.post("/api/runs",
                Map.of("businessDate", DAY.toString(), "sources", sources), Map.class);
        assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        long id = ((Number) started.getBody().get("id")).longValue();
        try {
            for (DemoFile file : demo.files()) {
                Path folder = Files.createDirectories(inbox().resolve(file.source()));
                Files.write(folder.resolve(file.fileName()), file.content());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot write the demo files into the inbox", e);
        }
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(finance.getJson("/api/runs/" + id).get("status")));
        return id;
    }

    /** Waits until the engine has created a review task per discrepancy of the day. */
    private void awaitReviewTasks() {
        int expected = discrepancies().size();
        assertThat(expected).as("discrepancies of the demo day").isPositive();
        await().atMost(PATIENCE).until(this::reviewTasks, tasks -> tasks.size() == expected);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> reviewTasks() {
        return finance.get("/engine-rest/task?processDefinitionKey=discrepancy-review&processInstanceBusinessKey="
                + DAY, List.class).getBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> discrepancies() {
        return finance.get("/api/runs/" + runId + "/discrepancies", List.class).getBody();
    }

    private Map<String, Object> discrepancy(String taskId) {
        return discrepancies().stream().filter(d -> taskId.equals(d.get("taskId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no discrepancy linked to task " + taskId));
    }

    /**
     * The application context, and so the engine, is shared with the other H2 tests: leave no open
     * review of this day behind, or they would find tasks they did not make.
     */
    private void completeRemainingReviews() {
        if (runId != null) {
            reviews.closeAll(DAY, "CHASE", "Closed after the browser test");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> approvalTask(String name) {
        List<Map<String, Object>> tasks = Api.as(rest(), "manager").get("/engine-rest/task?taskDefinitionKey="
                + "approveDecision&processInstanceBusinessKey=" + DAY, List.class).getBody();
        return tasks.stream().filter(t -> name.equals(t.get("name"))).findFirst().orElse(null);
    }

}
