package com.reconflow.review;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.reconflow.run.RunService;
import com.reconflow.support.H2AppTest;
import com.reconflow.support.Reviews;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every path of {@code discrepancy-review} on the application's engine: routing, each decision and
 * what applying it writes, reassignment, second approval and rejection, four eyes refused by the
 * engine, reminder and escalation by the SLA's timers, idempotent application, and auto-resolution
 * when the run opens its cases. Each test makes its own run (a business date of March 2023) with
 * one order, one payment and the discrepancy under review.
 */
class DiscrepancyReviewProcessTest extends H2AppTest {

    private static final AtomicInteger NEXT_DAY = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    ReviewService reviews;
    @Autowired
    ReviewEvents events;
    @Autowired
    RunService runs;

    private LocalDate day;
    private long runId;

    @BeforeEach
    void newDay() {
        BpmnAwareTests.init(engine);
        day = LocalDate.of(2023, 3, 1).plusDays(NEXT_DAY.getAndIncrement());
        runId = insertRun(day);
    }

    @AfterEach
    void actAsNobody() {
        identityService.clearAuthentication();
    }

    @ParameterizedTest(name = "{0} is applied as a {0} posting of {2}")
    @CsvSource({
            "CONFIRM_MATCH, '', 12.30",
            "WRITE_OFF,     '', 12.30",
            "ADJUSTMENT,    -12.30, -12.30",
            "CHASE,         '', 12.30",
            "TIMING,        '', 12.30",
    })
    void aSmallDifferenceIsDecidedByFinanceAndAppliedWithoutApproval(String decision, String adjustment,
                                                                     String postedAmount) {
        long id = insertDiscrepancy("AMOUNT_MISMATCH", "tmall", "100.00", "112.30");
        ProcessInstance review = openCase(id);

        Task task = reviewTask(review);
        assertThat(task.getName()).isEqualTo(day + " · AMOUNT_MISMATCH · tmall ORD-" + id + " · ¥12.30");
        assertThat(candidateGroups(task)).containsExactly("finance");
        assertThat(task.getPriority()).isEqualTo(50);
        assertThat(task.getDueDate()).isNotNull();
        Map<String, Object> shown = taskService.getVariables(task.getId());
        assertThat(shown).containsEntry("difference", "12.30").containsEntry("secondApproval", false);
        assertThat((String) shown.get("origin")).isEqualTo("orders-" + day + ".csv line 2 (import #" + importOf(id) + ")");
        assertThat((String) shown.get("rule")).startsWith("amount/v1 (rules test)");

        decide(task, "finance", decision, adjustment.isEmpty() ? null : adjustment, "checked with the channel");
        awaitEnded(review);

        Discrepancy closed = reviews(id);
        assertThat(closed.status()).isEqualTo(Discrepancy.Status.RESOLVED);
        assertThat(closed.decision()).isEqualTo(decision);
        assertThat(closed.decidedBy()).isEqualTo("finance");
        assertThat(closed.approvedBy()).isNull();
        assertThat(posting(id)).containsEntry("KIND", decision).containsEntry("DECIDED_BY", "finance")
                .containsEntry("AMOUNT", new BigDecimal(postedAmount));
        assertThat(events.ofDiscrepancy(id)).extracting(ReviewEvents.Event::kind)
                .containsExactly(ReviewEvents.Kind.OPENED, ReviewEvents.Kind.DECIDED, ReviewEvents.Kind.APPLIED);
    }

    @Test
    void anIncompleteDecisionIsRefusedAndTheTaskStaysOpen() {
        long id = insertDiscrepancy("AMOUNT_MISMATCH", "jd", "50.00", "48.00");
        ProcessInstance review = openCase(id);
        Task task = reviewTask(review);
        identityService.setAuthentication("finance", List.of("finance"));
        taskService.claim(task.getId(), "finance");

        assertThatThrownBy(() -> complete(task, Map.of("decision", "WRITE_OFF", "comment", "  ")))
                .hasMessageContaining("a write-off needs a comment giving its reason");
        assertThatThrownBy(() -> complete(task, Map.of("decision", "ADJUSTMENT", "comment", "our price was wrong")))
                .hasMessageContaining("an adjustment needs its amount");
        assertThatThrownBy(() -> complete(task, Map.of("decision", "ADJUSTMENT", "adjustmentAmount", "1.234",
                "comment", "our price was wrong"))).hasMessageContaining("more than two decimals");
        assertThatThrownBy(() -> complete(task, Map.of("decision", "REASSIGN", "reassignTo", "marketing",
                "comment", "not ours"))).hasMessageContaining("reassign to one of the groups");
        assertThatThrownBy(() -> complete(task, Map.of("decision", "NOTHING", "comment", "hm")))
                .hasMessageContaining("unknown decision 'NOTHING'");

        identityService.clearAuthentication();
        BpmnAwareTests.assertThat(review).isWaitingAt("reviewDiscrepancy");
        assertThat(reviews(id).status()).isEqualTo(Discrepancy.Status.OPEN);
    }

    @Test
    void aReassignedCaseGoesToTheOtherGroupsListUndecided() {
        long id = insertDiscrepancy("STATUS_CONFLICT", "douyin", "80.00", "80.00");
        ProcessInstance review = openCase(id);
        decide(reviewTask(review), "finance", "REASSIGN", null, "cancelled in the shop, ops must check",
                Map.of("reassignTo", "operations"));

        Task again = reviewTask(review);
        assertThat(candidateGroups(again)).containsExactly("operations");
        assertThat(again.getAssignee()).isNull();
        assertThat(reviews(id).candidateGroup()).isEqualTo("operations");
        assertThat(reviews(id).status()).isEqualTo(Discrepancy.Status.OPEN);
        assertThat(events.ofDiscrepancy(id)).extracting(ReviewEvents.Event::kind)
                .containsExactly(ReviewEvents.Kind.OPENED, ReviewEvents.Kind.REASSIGNED);
    }

    @Test
    void aLargeDifferenceIsAppliedOnlyOnceAnotherManagerApproves() {
        long id = insertDiscrepancy("AMOUNT_MISMATCH", "jd", "3000.00", "1500.00");
        ProcessInstance review = openCase(id);
        decide(reviewTask(review), "finance", "WRITE_OFF", null, "customer goodwill, agreed by phone");

        BpmnAwareTests.assertThat(review).isWaitingAt("approveDecision");
        Task approval = approvalTask(review);
        assertThat(approval.getName()).startsWith("Approve · " + day + " · AMOUNT_MISMATCH");
        assertThat(candidateGroups(approval)).containsExactly("finance-manager");
        assertThat(reviews(id).status()).as("not applied before approval").isEqualTo(Discrepancy.Status.OPEN);

        answer(approval, "manager", Map.of("approval", "APPROVE"));
        awaitEnded(review);

        Discrepancy closed = reviews(id);
        assertThat(closed.decision()).isEqualTo("WRITE_OFF");
        assertThat(closed.decidedBy()).isEqualTo("finance");
        assertThat(closed.approvedBy()).isEqualTo("manager");
        assertThat(closed.secondApproval()).isTrue();
        assertThat(posting(id)).containsEntry("APPROVED_BY", "manager").containsEntry("AMOUNT", new BigDecimal("-1500.00"));
        assertThat(events.ofDiscrepancy(id)).extracting(ReviewEvents.Event::kind).containsExactly(
                ReviewEvents.Kind.OPENED, ReviewEvents.Kind.DECIDED, ReviewEvents.Kind.APPROVED,
                ReviewEvents.Kind.APPLIED);
    }

    @Test
    void whoDecidedCannotApproveTheirOwnDecision() {
        long id = insertDiscrepancy("PAYOUT_MISMATCH", "bank", "25000.00", "12000.00");
        ProcessInstance review = openCase(id);
        Task task = reviewTask(review);
        assertThat(candidateGroups(task)).as("a large payout difference goes to the managers").containsExactly("finance-manager");
        assertThat(task.getPriority()).isEqualTo(90);
        decide(task, "manager", "CHASE", null, "the bank holds 13,000 back: claim raised");

        Task approval = approvalTask(review);
        identityService.setAuthentication("manager", List.of("finance", "finance-manager"));
        assertThatThrownBy(() -> taskService.claim(approval.getId(), "manager"))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("manager took this decision and may not approve it too");
        assertThatThrownBy(() -> taskService.complete(approval.getId(), Map.of("approval", "APPROVE")))
                .hasMessageContaining("may not approve it too");
        identityService.clearAuthentication();
        BpmnAwareTests.assertThat(review).isWaitingAt("approveDecision");
        assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult().getAssignee()).isNull();

        answer(approval, Reviews.SECOND_MANAGER, Map.of("approval", "APPROVE"));
        awaitEnded(review);
        assertThat(reviews(id).approvedBy()).isEqualTo(Reviews.SECOND_MANAGER);
        assertThat(reviews(id).decidedBy()).isEqualTo("manager");
    }

    @Test
    void aRejectedDecisionReturnsToTheReviewerWithTheReason() {
        long id = insertDiscrepancy("DUPLICATE_PAYMENT", "wechatpay", "600.00", "1200.00");
        ProcessInstance review = openCase(id);
        decide(reviewTask(review), "finance", "WRITE_OFF", null, "customer paid twice, small shop");

        Task approval = approvalTask(review);
        assertThatThrownBy(() -> answer(approval, "manager", Map.of("approval", "REJECT")))
                .hasMessageContaining("a rejection needs the reason");
        identityService.clearAuthentication();
        answer(approvalTask(review), "manager", Map.of("approval", "REJECT",
                "rejectionReason", "a double payment is refunded, not written off"));

        Task again = reviewTask(review);
        assertThat(taskService.getVariable(again.getId(), "rejectionReason"))
                .isEqualTo("a double payment is refunded, not written off");
        assertThat(reviews(id).status()).isEqualTo(Discrepancy.Status.OPEN);
        decide(again, "finance", "CHASE", null, "refund requested from WeChat Pay");
        Task second = approvalTask(review);
        assertThat(taskService.getVariable(second.getId(), "approval")).as("the last round's answer is gone").isNull();
        answer(second, "manager", Map.of("approval", "APPROVE"));
        awaitEnded(review);

        assertThat(reviews(id).decision()).isEqualTo("CHASE");
        assertThat(events.ofDiscrepancy(id)).extracting(ReviewEvents.Event::kind).containsExactly(
                ReviewEvents.Kind.OPENED, ReviewEvents.Kind.DECIDED, ReviewEvents.Kind.REJECTED,
                ReviewEvents.Kind.DECIDED, ReviewEvents.Kind.APPROVED, ReviewEvents.Kind.APPLIED);
        assertThat(events.ofDiscrepancy(id).get(2).detail()).isEqualTo("a double payment is refunded, not written off");
    }

    @Test
    void aReviewPastItsSlaIsRemindedThenEscalatedToTheManagers() {
        long id = insertDiscrepancy("MISSING_PAYMENT", "miniprogram", "88.00", null);
        ProcessInstance review = openCase(id);
        Task task = reviewTask(review);
        identityService.setAuthentication("finance", List.of("finance"));
        taskService.claim(task.getId(), "finance");
        identityService.clearAuthentication();

        executeTimer(review, "reminderDue");
        Task reminded = reviewTask(review);
        assertThat(reminded.getPriority()).isEqualTo(60);
        assertThat(taskService.getTaskComments(task.getId())).singleElement()
                .satisfies(c -> assertThat(c.getFullMessage()).startsWith("Reminder: this review is due"));

        executeTimer(review, "slaBreached");
        Task escalated = reviewTask(review);
        assertThat(escalated.getId()).as("the same task, moved").isEqualTo(task.getId());
        assertThat(escalated.getPriority()).isEqualTo(100);
        assertThat(escalated.getAssignee()).isNull();
        assertThat(candidateGroups(escalated)).containsExactly("finance-manager");
        assertThat(reviews(id).candidateGroup()).isEqualTo("finance-manager");
        assertThat(events.ofDiscrepancy(id)).extracting(ReviewEvents.Event::kind).containsExactly(
                ReviewEvents.Kind.OPENED, ReviewEvents.Kind.REMINDED, ReviewEvents.Kind.ESCALATED);

        decide(escalated, "manager", "CHASE", null, "customer asked to pay again");
        awaitEnded(review);
        assertThat(reviews(id).decidedBy()).isEqualTo("manager");
    }

    @Test
    void applyingADecisionTwiceWritesItOnce() {
        long id = insertDiscrepancy("AMOUNT_MISMATCH", "tmall", "10.00", "9.00");
        reviews.apply(id, "WRITE_OFF", "one yuan, not worth a claim", null, "finance", null);
        reviews.apply(id, "WRITE_OFF", "one yuan, not worth a claim", null, "finance", null);

        assertThat(count("SELECT COUNT(*) FROM recon_decision_posting WHERE discrepancy_id = ?", id)).isEqualTo(1);
        assertThat(events.ofDiscrepancy(id)).extracting(ReviewEvents.Event::kind)
                .containsExactly(ReviewEvents.Kind.APPLIED);
        assertThat(reviews(id).status()).isEqualTo(Discrepancy.Status.RESOLVED);
    }

    @Test
    void theRunClosesKnownSmallDifferencesByRuleAndOpensCasesForTheRest() {
        long smallFee = insertDiscrepancy("FEE_MISMATCH", "alipay", "0.60", "0.63");
        long realFee = insertDiscrepancy("FEE_MISMATCH", "alipay", "0.60", "1.00");

        RunService.OpenedCases opened = runs.openReviewCases(runId);

        assertThat(opened.more()).isFalse();
        assertThat(opened.stillOpen()).isEqualTo(1);
        Discrepancy closed = reviews(smallFee);
        assertThat(closed.status()).isEqualTo(Discrepancy.Status.RESOLVED);
        assertThat(closed.decision()).isEqualTo(Decision.AUTO_RESOLVED);
        assertThat(closed.resolutionRule()).isEqualTo("discrepancy-auto-resolution/fee-difference-up-to-0.05");
        assertThat(closed.decidedBy()).isEqualTo("system");
        assertThat(events.ofDiscrepancy(smallFee)).extracting(ReviewEvents.Event::kind)
                .containsExactly(ReviewEvents.Kind.AUTO_RESOLVED);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewVariables.PROCESS_KEY)
                .variableValueEquals(ReviewVariables.DISCREPANCY_ID, smallFee).count()).isZero();

        ProcessInstance review = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ReviewVariables.PROCESS_KEY)
                .variableValueEquals(ReviewVariables.DISCREPANCY_ID, realFee).singleResult();
        assertThat(candidateGroups(reviewTask(review))).containsExactly("finance");
        decide(reviewTask(review), "finance", "CHASE", null, "fee claim for the month");
        awaitEnded(review);
    }

    // ---- the case under review ----------------------------------------------------------------------

    private ProcessInstance openCase(long discrepancyId) {
        return runtimeService.createProcessInstanceByKey(ReviewVariables.PROCESS_KEY)
                .businessKey(day.toString())
                .setVariable(ReviewVariables.DISCREPANCY_ID, discrepancyId)
                .setVariable("runId", runId)
                .setVariable("businessDate", day.toString())
                .execute();
    }

    private Task reviewTask(ProcessInstance review) {
        return taskService.createTaskQuery().processInstanceId(review.getId()).taskDefinitionKey("reviewDiscrepancy")
                .singleResult();
    }

    private Task approvalTask(ProcessInstance review) {
        return taskService.createTaskQuery().processInstanceId(review.getId()).taskDefinitionKey("approveDecision")
                .singleResult();
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> "candidate".equals(l.getType())).map(IdentityLink::getGroupId).toList();
    }

    private void decide(Task task, String user, String decision, String adjustment, String comment) {
        decide(task, user, decision, adjustment, comment, Map.of());
    }

    private void decide(Task task, String user, String decision, String adjustment, String comment,
                        Map<String, Object> more) {
        Map<String, Object> variables = new java.util.HashMap<>(more);
        variables.put("decision", decision);
        variables.put("comment", comment);
        if (adjustment != null) {
            variables.put("adjustmentAmount", adjustment);
        }
        answer(task, user, variables);
    }

    /** Claims and completes the task as the user, with the groups the demo gives them. */
    private void answer(Task task, String user, Map<String, Object> variables) {
        List<String> groups = switch (user) {
            case "finance" -> List.of("finance");
            case "manager" -> List.of("finance", "finance-manager");
            default -> List.of("finance-manager");
        };
        identityService.setAuthentication(user, groups);
        try {
            taskService.claim(task.getId(), user);
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private void complete(Task task, Map<String, Object> variables) {
        taskService.complete(task.getId(), variables);
    }

    private void executeTimer(ProcessInstance review, String boundaryEvent) {
        Job timer = managementService.createJobQuery().processInstanceId(review.getId()).activityId(boundaryEvent)
                .timers().singleResult();
        assertThat(timer).as(boundaryEvent + " timer").isNotNull();
        managementService.executeJob(timer.getId());
    }

    private void awaitEnded(ProcessInstance review) {
        await().atMost(PATIENCE).until(() -> runtimeService.createProcessInstanceQuery()
                .processInstanceId(review.getId()).count() == 0);
    }

    private Discrepancy reviews(long id) {
        return jdbcDiscrepancies().find(id).orElseThrow();
    }

    @Autowired
    DiscrepancyRepository discrepancyRepository;

    private DiscrepancyRepository jdbcDiscrepancies() {
        return discrepancyRepository;
    }

    private Map<String, Object> posting(long discrepancyId) {
        return jdbc().sql("SELECT kind, amount, decided_by, approved_by FROM recon_decision_posting WHERE discrepancy_id = ?")
                .param(discrepancyId).query().singleRow().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toUpperCase(),
                        e -> e.getValue() == null ? "" : e.getValue()));
    }

    private long count(String sql, Object param) {
        return jdbc().sql(sql).param(param).query(Long.class).single();
    }

    private long importOf(long discrepancyId) {
        return count("SELECT r.import_id FROM recon_discrepancy d JOIN recon_record r ON r.id = d.record_id WHERE d.id = ?",
                discrepancyId);
    }

    // ---- the day's rows, as matching would have left them --------------------------------------------

    private long insertRun(LocalDate date) {
        jdbc().sql("""
                INSERT INTO recon_run (business_date, sources, status, process_instance_id, rules_version, started_by,
                    started_at, matched_at)
                VALUES (?, 'tmall,jd', 'IN_REVIEW', 'none', 'test', 'test', ?, ?)""")
                .params(date, LocalDateTime.now(), LocalDateTime.now()).update();
        return count("SELECT id FROM recon_run WHERE business_date = ?", date);
    }

    /** An order of {@code expected} and, when {@code actual} is given, its payment, and the discrepancy between them. */
    private long insertDiscrepancy(String code, String source, String expected, String actual) {
        String tag = day + "-" + System.nanoTime();
        jdbc().sql("""
                INSERT INTO recon_import (source, format, file_name, content_sha256, business_date, status,
                    rows_accepted, rows_rejected, rows_duplicate, imported_by, imported_at)
                VALUES (?, 'channel-orders', ?, ?, ?, 'IMPORTED', 2, 0, 0, 'test', ?)""")
                .params(source, "orders-" + day + ".csv", sha(tag), day, LocalDateTime.now()).update();
        long importId = count("SELECT id FROM recon_import WHERE content_sha256 = ?", sha(tag));
        long order = insertRecord(importId, 2, "ORDER", source, expected, tag + "-o");
        Long payment = actual == null ? null : insertRecord(importId, 3, "PAYMENT", source, actual, tag + "-p");
        BigDecimal difference = actual == null ? new BigDecimal(expected).negate()
                : new BigDecimal(actual).subtract(new BigDecimal(expected));
        jdbc().sql("""
                INSERT INTO recon_discrepancy (run_id, type, rule_id, rules_version, basis, tolerance, source,
                    counter_source, order_no, txn_id, record_id, counter_record_id, expected, actual, difference,
                    status, candidate_group, review_opened_at)
                VALUES (?, ?, 'amount/v1', 'test', 'orderNo', 0.01, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 'finance', NULL)""")
                .params(runId, code, source, actual == null ? null : source, "ORD-" + tag, actual == null ? null : "TXN-" + tag,
                        order, payment, new BigDecimal(expected), actual == null ? null : new BigDecimal(actual),
                        difference)
                .update();
        long id = count("SELECT MAX(id) FROM recon_discrepancy WHERE run_id = ?", runId);
        jdbc().sql("UPDATE recon_discrepancy SET order_no = ? WHERE id = ?").params("ORD-" + id, id).update();
        return id;
    }

    private long insertRecord(long importId, int line, String kind, String source, String amount, String key) {
        jdbc().sql("""
                INSERT INTO recon_record (import_id, line_no, kind, source, format, business_date, order_no, amount,
                    currency, raw_line, natural_key)
                VALUES (?, ?, ?, ?, 'channel-orders', ?, ?, ?, 'CNY', ?, ?)""")
                .params(importId, line, kind, source, day, key, new BigDecimal(amount), key, key).update();
        return count("SELECT id FROM recon_record WHERE natural_key = ?", key);
    }

    private static String sha(String tag) {
        return com.reconflow.config.Digests.sha256Hex(tag.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
