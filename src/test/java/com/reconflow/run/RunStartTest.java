package com.reconflow.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import com.reconflow.support.HistoricInstance;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three ways a run starts, one run per date whichever comes first: every morning by the schedule's
 * timer (for the previous business day, at 02:00 in the business zone while the server runs in UTC),
 * from Tasklist's start form (a date, yesterday when empty), and by {@code POST /api/runs}. The tests'
 * schedule is 02:00 on 29 February (see AppTestSupport); its timer is fired by executing its job. Its
 * dates, 2027-08-01 and 2027-08-02, and the real yesterday are used by no other test.
 */
class RunStartTest extends H2AppTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    ProcessEngine engine;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    RunSchedule schedule;
    @Autowired
    Clock clock;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void theMorningTimerIsDueAtTheScheduledTimeOfTheBusinessZoneWhileTheServerRunsInUtc() {
        assertThat(ZoneId.systemDefault().normalized()).as("the JVM's zone (surefire's -Duser.timezone)")
                .isEqualTo(ZoneOffset.UTC);
        int year = Year.now(clock).getValue();
        while (!Year.isLeap(year) || !at0200InShanghai(year).isAfter(clock.instant())) {
            year++;
        }

        Job timer = schedule.timer().orElseThrow();

        assertThat(timer.getDuedate().toInstant()).isEqualTo(at0200InShanghai(year));
        assertThat(LocalDateTime.ofInstant(timer.getDuedate().toInstant(), ZoneOffset.UTC))
                .isEqualTo(LocalDateTime.of(year, 2, 28, 18, 0));
    }

    @Test
    void aTimerOffItsScheduleIsPutBackOnItAtStartUp() {
        Job timer = schedule.timer().orElseThrow();
        Date onSchedule = timer.getDuedate();
        // As a timer scheduled under an earlier setting of recon.run.schedule would be.
        managementService.setJobDuedate(timer.getId(), Date.from(onSchedule.toInstant().minus(Duration.ofDays(3))));

        schedule.keepTimerOnSchedule();

        assertThat(managementService.createJobQuery().jobId(timer.getId()).singleResult().getDuedate())
                .isEqualTo(onSchedule);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMorningTimerStartsYesterdaysRunOnceAndLaterStartsOfThatDateKeepIt() {
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        assertThat(runIds(yesterday)).as("no run of " + yesterday + " before the timer").isEmpty();

        HistoricProcessInstance morning = fireTimer();

        BpmnAwareTests.assertThat(HistoricInstance.of(morning)).isEnded().hasPassed("startScheduledRun", "scheduledRunStarted");
        assertThat(morning.getBusinessKey()).isEqualTo(yesterday.toString());
        long runId = runIds(yesterday).get(0);
        Map<String, Object> run = Api.as(rest(), "finance").getJson("/api/runs/" + runId);
        assertThat(run).containsEntry("businessDate", yesterday.toString()).containsEntry("startedBy", "system")
                .containsEntry("status", "COLLECTING")
                .containsEntry("sources", List.of("jd", "douyin", "miniprogram", "alipay", "wechatpay"));
        HistoricProcessInstance daily = reconciliationsOf(yesterday).get(0);
        assertThat(daily.getId()).isEqualTo(run.get("processInstanceId"));
        BpmnAwareTests.assertThat(HistoricInstance.of(daily)).hasPassed("registerRun").hasNotPassed("runAlreadyRegistered");
        assertThat(schedule.timer()).as("the next morning's timer").isPresent();

        HistoricProcessInstance nextMorning = fireTimer();

        BpmnAwareTests.assertThat(HistoricInstance.of(nextMorning)).isEnded().hasPassed("scheduledDateAlreadyHasRun")
                .hasNotPassed("scheduledRunStarted");
        assertThat(historicVariable(nextMorning, RunVariables.EXISTING_RUN_ID)).isEqualTo(runId);
        assertThat(runIds(yesterday)).containsExactly(runId);
        assertThat(reconciliationsOf(yesterday)).as("no second daily-reconciliation for the date").hasSize(1);

        // Tasklist's start form left empty means yesterday: that date has its run.
        String fromTasklist = submitStartForm(Map.of());
        HistoricProcessInstance ended = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(fromTasklist).singleResult();
        BpmnAwareTests.assertThat(HistoricInstance.of(ended)).isEnded().hasPassed("runAlreadyRegistered").hasNotPassed("collectRecords");
        assertThat(historicVariable(ended, RunVariables.EXISTING_RUN_ID)).isEqualTo(runId);

        ResponseEntity<Map> posted = Api.as(rest(), "finance").post("/api/runs",
                Map.of("businessDate", yesterday.toString()), Map.class);
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(((Number) posted.getBody().get("id")).longValue()).isEqualTo(runId);
        assertThat(posted.getBody()).containsEntry("processInstanceId", daily.getId());
        assertThat(runIds(yesterday)).containsExactly(runId);
    }

    @Test
    @SuppressWarnings("unchecked")
    void operationsStartTheRunOfADateFromTasklistsStartForm() {
        Api ops = Api.as(rest(), "ops");
        assertThat(ops.getJson("/engine-rest/process-definition/key/daily-reconciliation/deployed-start-form"))
                .containsEntry("id", "run-start-form");

        String instance = submitStartForm(Map.of("businessDate", "2027-08-01", "sources", "pos, card"));

        long runId = runIds(LocalDate.of(2027, 8, 1)).get(0);
        Map<String, Object> run = ops.getJson("/api/runs/" + runId);
        assertThat(run).containsEntry("startedBy", "ops").containsEntry("sources", List.of("pos", "card"))
                .containsEntry("processInstanceId", instance).containsEntry("status", "COLLECTING");
        assertThat(OffsetDateTime.parse((String) run.get("collectUntil")).toInstant())
                .as("the collection window from the start")
                .isEqualTo(OffsetDateTime.parse((String) run.get("startedAt")).toInstant().plus(Duration.ofHours(6)));
        HistoricProcessInstance started = historyService.createHistoricProcessInstanceQuery().processInstanceId(instance)
                .singleResult();
        assertThat(started.getBusinessKey()).as("imports wake the run by its date").isEqualTo("2027-08-01");
        BpmnAwareTests.assertThat(HistoricInstance.of(started)).hasPassed("registerRun").isNotEnded();
    }

    @Test
    void aTasklistStartOfADateThatHasItsRunEndsAndChangesNothing() {
        Api finance = Api.as(rest(), "finance");
        Map<?, ?> run = finance.post("/api/runs", Map.of("businessDate", "2027-08-02", "sources", List.of("pos")),
                Map.class).getBody();

        String instance = submitStartForm(Map.of("businessDate", "2027-08-02"));

        HistoricProcessInstance ended = historyService.createHistoricProcessInstanceQuery().processInstanceId(instance)
                .singleResult();
        BpmnAwareTests.assertThat(HistoricInstance.of(ended)).isEnded().hasPassed("runAlreadyRegistered");
        assertThat(historicVariable(ended, RunVariables.EXISTING_RUN_ID)).isEqualTo(((Number) run.get("id")).longValue());
        assertThat(runIds(LocalDate.of(2027, 8, 2))).containsExactly(((Number) run.get("id")).longValue());
        assertThat(finance.getJson("/api/runs/" + run.get("id")))
                .containsEntry("processInstanceId", run.get("processInstanceId"))
                .containsEntry("startedBy", "finance");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static Instant at0200InShanghai(int year) {
        return LocalDateTime.of(year, 2, 29, 2, 0).atZone(SHANGHAI).toInstant();
    }

    /** Fires the morning timer as the job executor would at its time; the schedule's instance it started. */
    private HistoricProcessInstance fireTimer() {
        List<String> before = scheduleInstances().stream().map(HistoricProcessInstance::getId).toList();
        managementService.executeJob(schedule.timer().orElseThrow().getId());
        return scheduleInstances().stream().filter(i -> !before.contains(i.getId())).findFirst().orElseThrow();
    }

    private List<HistoricProcessInstance> scheduleInstances() {
        return historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(RunVariables.SCHEDULE_PROCESS_KEY).list();
    }

    private List<HistoricProcessInstance> reconciliationsOf(LocalDate day) {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(RunVariables.PROCESS_KEY)
                .processInstanceBusinessKey(day.toString()).list();
    }

    private Object historicVariable(HistoricProcessInstance instance, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(name).singleResult().getValue();
    }

    /** What Tasklist's "Start process" sends, as the ops user. */
    @SuppressWarnings("unchecked")
    private String submitStartForm(Map<String, String> fields) {
        Map<String, Object> variables = new java.util.HashMap<>();
        fields.forEach((name, value) -> variables.put(name, Map.of("value", value, "type", "String")));
        ResponseEntity<Map> started = Api.as(rest(), "ops").post(
                "/engine-rest/process-definition/key/daily-reconciliation/submit-form",
                Map.of("variables", variables), Map.class);
        assertThat(started.getStatusCode().is2xxSuccessful()).as(String.valueOf(started.getBody())).isTrue();
        return (String) started.getBody().get("id");
    }

    private List<Long> runIds(LocalDate day) {
        return jdbc().sql("SELECT id FROM recon_run WHERE business_date = ?").param(day).query(Long.class).list();
    }
}
