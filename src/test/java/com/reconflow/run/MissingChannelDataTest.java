package com.reconflow.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.reconflow.config.Db;
import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import com.reconflow.support.HistoricInstance;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A run whose sources are still missing at its deadline never matches a partial day by itself:
 * operations get a task in Tasklist and retry, postpone or proceed, and a source arriving while the
 * task is open lets the run go on. The deadline is moved into the past in the database, as time
 * passing would; the run's re-check (every 2 s in tests) then finds it. Each test has its own day of
 * August 2027, used by no other test: a store's till data ({@code pos}) and the card acquirer's
 * settlement ({@code card}).
 */
class MissingChannelDataTest extends H2AppTest {

    private static final AtomicInteger NEXT_DAY = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String POS_HEADER = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n";
    private static final String CARD_HEADER = "商户号,终端号,交易时间,交易类型,批次号,凭证号,参考号,卡号,交易金额,手续费,订单号,结算金额\n";

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    RunService runs;

    private LocalDate day;
    private Api finance;
    private Api ops;

    @BeforeEach
    void newDay() {
        BpmnAwareTests.init(engine);
        day = LocalDate.of(2027, 8, 5).plusDays(NEXT_DAY.getAndIncrement());
        finance = Api.as(rest(), "finance");
        ops = Api.as(rest(), "ops");
    }

    @Test
    @SuppressWarnings("unchecked")
    void operationsAreAskedInTasklistAndRetryingWaitsAnotherWindowForTheMissingSource() {
        Map<String, Object> run = startRun("pos", "card");
        importTill();
        passDeadline(run);

        Task task = awaitOperationsTask(run);
        assertThat(task.getName()).isEqualTo("Missing channel data · " + day + " · card");
        assertThat(taskService.getIdentityLinksForTask(task.getId())).filteredOn(l -> "candidate".equals(l.getType()))
                .extracting(IdentityLink::getGroupId).containsExactly("operations");
        // What operations see in Tasklist: the task in their list, its form, what has arrived.
        assertThat(ops.get("/engine-rest/task?candidateGroup=operations&processInstanceId=" + pid(run), List.class)
                .getBody()).hasSize(1);
        assertThat((List<?>) ops.get("/engine-rest/filter", List.class).getBody()).as("Tasklist filters").isNotEmpty();
        assertThat(ops.getJson("/engine-rest/authorization/check?permissionName=ACCESS&resourceName=application"
                + "&resourceType=0&resourceId=tasklist")).containsEntry("authorized", true);
        assertThat(ops.getJson("/engine-rest/task/" + task.getId() + "/deployed-form"))
                .containsEntry("id", "missing-channel-data-form");
        Map<String, Object> form = ops.getJson("/engine-rest/task/" + task.getId() + "/form-variables");
        assertThat(value(form, "businessDate")).isEqualTo(day.toString());
        assertThat(value(form, "missingSources")).isEqualTo("card");
        assertThat((String) value(form, "arrivedSources"))
                .matches("pos: 1 file, 2 rows, the last at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(Asia/Shanghai\\)");
        assertThat((String) value(form, "collectUntil")).endsWith("(Asia/Shanghai)");
        assertThat(status(run)).isEqualTo("COLLECTING");
        assertThatThrownBy(() -> runs.match(id(run))).as("never a silent partial day")
                .hasMessageContaining("misses [card] and nobody decided to match without them");

        Instant before = Instant.now();
        assertThat(decide(task, Map.of("missingDataDecision", "RETRY")).getStatusCode().is2xxSuccessful()).isTrue();
        Instant after = Instant.now();

        Map<String, Object> retried = finance.getJson(path(run));
        assertThat(instant(retried.get("collectUntil"))).as("a retry window (1 h) more")
                .isBetween(before.plus(Duration.ofHours(1)).minusSeconds(1), after.plus(Duration.ofHours(1)));
        assertThat((List<Map<String, Object>>) retried.get("collectionDecisions")).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("decision", "RETRY").containsEntry("missingSources", List.of("card"))
                    .containsEntry("decidedBy", "ops");
            assertThat(instant(d.get("waitUntil"))).isEqualTo(instant(retried.get("collectUntil")));
        });
        await().atMost(PATIENCE).until(() -> waitsForImports(run));
        assertThat(openTasks(run)).isEmpty();

        importCard();
        Map<String, Object> matched = awaitMatched(run);
        assertThat(matched).containsEntry("matchedWithout", List.of());
        List<Map<String, Object>> sale = (List<Map<String, Object>>) finance.getJson("/api/records?orderNo=MD1-" + day)
                .get("records");
        assertThat(sale).as("the card sale and its settlement").hasSize(2)
                .allSatisfy(r -> assertThat((List<?>) r.get("matches")).hasSize(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void proceedingWithoutTheMissingSourceNeedsAReasonAndIsRecordedOnTheRun() {
        Map<String, Object> run = startRun("pos", "card");
        importCashSales();
        passDeadline(run);
        Task task = awaitOperationsTask(run);

        ResponseEntity<String> refused = decide(task, Map.of("missingDataDecision", "PROCEED"));
        assertThat(refused.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(refused.getBody()).contains("needs a comment giving the reason");
        assertThat(openTasks(run)).extracting(Task::getId).containsExactly(task.getId());

        assertThat(decide(task, Map.of("missingDataDecision", "PROCEED",
                "missingDataComment", "Acquirer outage; card settlement reconciled tomorrow")).getStatusCode()
                .is2xxSuccessful()).isTrue();

        Map<String, Object> matched = awaitMatched(run);
        assertThat(matched).containsEntry("matchedWithout", List.of("card"));
        assertThat((List<Map<String, Object>>) matched.get("collectionDecisions")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("decision", "PROCEED")
                        .containsEntry("missingSources", List.of("card")).containsEntry("decidedBy", "ops")
                        .containsEntry("comment", "Acquirer outage; card settlement reconciled tomorrow")
                        .containsEntry("waitUntil", null));
        assertThat((Map<String, Object>) matched.get("counts")).containsEntry("records", 1);
        BpmnAwareTests.assertThat(instance(run)).hasPassed("missingChannelData", "matchDay");
    }

    @Test
    @SuppressWarnings("unchecked")
    void postponingWaitsUntilTheGivenTimeOrForTheGivenDurationAndThenChecksAgain() {
        Map<String, Object> run = startRun("pos", "card");
        importCashSales();
        passDeadline(run);
        Task first = awaitOperationsTask(run);

        ResponseEntity<String> refused = decide(first, Map.of("missingDataDecision", "POSTPONE"));
        assertThat(refused.getBody()).contains("postponing needs either the time to wait until or how long to wait");
        assertThat(decide(first, Map.of("missingDataDecision", "POSTPONE", "postponeUntil", "2020-01-01T10:00"))
                .getBody()).contains("the time to wait until has passed");

        // The form's date-time field sends a local time: the business zone's.
        assertThat(decide(first, Map.of("missingDataDecision", "POSTPONE", "postponeUntil", "2099-01-01T10:00",
                "missingDataComment", "The acquirer resends its file at ten")).getStatusCode().is2xxSuccessful())
                .isTrue();
        assertThat(instant(finance.getJson(path(run)).get("collectUntil")))
                .isEqualTo(Instant.parse("2099-01-01T02:00:00Z"));
        await().atMost(PATIENCE).until(() -> waitsForImports(run));

        passDeadline(run);
        Task second = awaitOperationsTask(run);
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(taskService.getVariable(second.getId(), "missingDataDecision")).as("an empty form again").isNull();

        Instant before = Instant.now();
        assertThat(decide(second, Map.of("missingDataDecision", "POSTPONE", "postponeFor", "1h 30m")).getStatusCode()
                .is2xxSuccessful()).isTrue();
        Map<String, Object> postponed = finance.getJson(path(run));
        assertThat(instant(postponed.get("collectUntil")))
                .isBetween(before.plus(Duration.ofMinutes(90)).minusSeconds(1), Instant.now().plus(Duration.ofMinutes(90)));
        assertThat((List<Map<String, Object>>) postponed.get("collectionDecisions"))
                .extracting(d -> d.get("decision")).containsExactly("POSTPONE", "POSTPONE");
        assertThat(status(run)).isEqualTo("COLLECTING");
    }

    @Test
    void aSourceArrivingWhileOperationsDecideShowsOnTheirFormAndTheLastOneEndsTheTask() {
        Map<String, Object> run = startRun("pos", "card");
        passDeadline(run);
        Task task = awaitOperationsTask(run);
        assertThat(task.getName()).endsWith(" · card, pos");

        importTill();
        await().atMost(PATIENCE).until(() -> "card".equals(runtimeService.getVariable(pid(run), "missingSources")));
        assertThat(openTasks(run)).extracting(Task::getId).as("still open: card is missing").containsExactly(task.getId());
        assertThat((String) runtimeService.getVariable(pid(run), "arrivedSources")).startsWith("pos: 1 file, 2 rows");

        importCard();
        Map<String, Object> matched = awaitMatched(run);
        assertThat(openTasks(run)).isEmpty();
        BpmnAwareTests.assertThat(instance(run)).hasPassed("channelDataComplete", "matchDay")
                .hasNotPassed("missingDataDecisionGateway");
        assertThat(matched).containsEntry("matchedWithout", List.of()).containsEntry("collectionDecisions", List.of());
    }

    // ---- the day's files -----------------------------------------------------------------------------

    /** A card sale and a cash sale in the store. */
    private void importTill() {
        upload("pos", POS_HEADER + """
                MD1-%1$s,%1$s 10:00:00,%1$s 10:00:20,100.00,card,MDREF-%1$s,PAID,0.00,S001,饰品,SS0001,1
                MD2-%1$s,%1$s 11:00:00,%1$s 11:00:05,20.00,cash,,PAID,0.00,S001,饰品,SS0002,1
                """.formatted(day));
    }

    /** Only cash: nothing the card acquirer's data could settle. */
    private void importCashSales() {
        upload("pos", POS_HEADER + """
                MC1-%1$s,%1$s 12:00:00,%1$s 12:00:05,35.00,cash,,PAID,0.00,S001,饰品,SS0003,1
                """.formatted(day));
    }

    /** The acquirer's settlement of the till's card sale. */
    private void importCard() {
        upload("card", CARD_HEADER + """
                898310056510001,00010001,%1$s 10:00:25,消费,000301,000001,MDREF-%1$s,621700******0001,100.00,0.50,MD1-%1$s,99.50
                """.formatted(day));
    }

    private void upload(String source, String content) {
        ResponseEntity<Map> imported = finance.importFile(source, source + "_" + day + ".csv", content);
        assertThat(imported.getStatusCode()).as(String.valueOf(imported.getBody())).isEqualTo(HttpStatus.CREATED);
    }

    // ---- the run and operations' task ----------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Map<String, Object> startRun(String... sources) {
        ResponseEntity<Map> started = finance.post("/api/runs", Map.of("businessDate", day.toString(),
                "sources", List.of(sources)), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return started.getBody();
    }

    /** Time passes beyond the run's deadline. */
    private void passDeadline(Map<String, Object> run) {
        jdbc().sql("UPDATE recon_run SET collect_until = ? WHERE id = ?")
                .params(Db.utc(Instant.now().minusSeconds(60)), id(run)).update();
    }

    private Task awaitOperationsTask(Map<String, Object> run) {
        await().atMost(PATIENCE).until(() -> openTasks(run).size() == 1);
        return openTasks(run).get(0);
    }

    private List<Task> openTasks(Map<String, Object> run) {
        return taskService.createTaskQuery().processInstanceId(pid(run)).taskDefinitionKey("missingChannelData").list();
    }

    /** Claims and completes the task over the engine's REST API as the ops user, as Tasklist does. */
    private ResponseEntity<String> decide(Task task, Map<String, String> fields) {
        ops.post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "ops"), String.class);
        Map<String, Object> variables = new java.util.HashMap<>();
        fields.forEach((name, value) -> variables.put(name, Map.of("value", value, "type", "String")));
        return ops.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", variables), String.class);
    }

    /**
     * The run once matched. (Not necessarily archived: the latest-dated run of the shared test database
     * also takes in other days' records still waiting as timing differences, and may raise them.)
     */
    private Map<String, Object> awaitMatched(Map<String, Object> run) {
        await().atMost(PATIENCE).until(() -> finance.getJson(path(run)).get("matchedAt") != null);
        return finance.getJson(path(run));
    }

    private boolean waitsForImports(Map<String, Object> run) {
        return runtimeService.createEventSubscriptionQuery().processInstanceId(pid(run)).eventName("recordsImported")
                .count() == 1;
    }

    private org.camunda.bpm.engine.runtime.ProcessInstance instance(Map<String, Object> run) {
        return HistoricInstance.of(historyService.createHistoricProcessInstanceQuery().processInstanceId(pid(run))
                .singleResult());
    }

    private String status(Map<String, Object> run) {
        return (String) finance.getJson(path(run)).get("status");
    }

    private static String path(Map<String, Object> run) {
        return "/api/runs/" + run.get("id");
    }

    private static long id(Map<String, Object> run) {
        return ((Number) run.get("id")).longValue();
    }

    private static String pid(Map<String, Object> run) {
        return (String) run.get("processInstanceId");
    }

    @SuppressWarnings("unchecked")
    private static Object value(Map<String, Object> formVariables, String name) {
        return ((Map<String, Object>) formVariables.get(name)).get("value");
    }

    private static Instant instant(Object offsetDateTime) {
        return OffsetDateTime.parse((String) offsetDateTime).toInstant();
    }
}
