package com.reconflow.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.reconflow.demo.DemoDay;
import com.reconflow.demo.DemoFile;
import com.reconflow.demo.ExpectedDiscrepancy;
import com.reconflow.demo.SyntheticDayGenerator;
import com.reconflow.support.Api;
import com.reconflow.support.MariaDbAppTest;
import com.reconflow.support.Reviews;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A generated day from the morning timer to its archive, on MySQL (MariaDB here): yesterday's files
 * are in the inbox, the schedule's timer fires (its job executed as the engine would at 02:00), the
 * run it starts collects and matches the day, every case is decided in its group (and approved by
 * another manager where the routing asks), the run archives, the chain verifies, and the audit
 * trail tells who decided about an order. Yesterday (in the business zone) is used by no other
 * MariaDB test.
 */
class TimerToArchiveOnMariaDbTest extends MariaDbAppTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    RunSchedule schedule;
    @Autowired
    ManagementService managementService;
    @Autowired
    Clock clock;

    @Test
    @SuppressWarnings("unchecked")
    void yesterdaysDayRunsFromTheMorningTimerToItsArchive() throws Exception {
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        DemoDay demo = new SyntheticDayGenerator().generate(yesterday, 11L);
        for (DemoFile file : demo.files()) {
            Path folder = Files.createDirectories(inbox().resolve(file.source()));
            Files.write(folder.resolve(file.fileName()), file.content());
        }
        await().atMost(PATIENCE).until(() -> demo.files().stream().allMatch(file ->
                Files.exists(inbox().resolve(file.source()).resolve(".done").resolve(file.fileName()))));

        managementService.executeJob(schedule.timer().orElseThrow().getId());

        Api finance = Api.as(rest(), "finance");
        long runId = jdbc().sql("SELECT id FROM recon_run WHERE business_date = ?").param(yesterday)
                .query(Long.class).single();
        String run = "/api/runs/" + runId;
        assertThat(finance.getJson(run)).containsEntry("startedBy", "system");
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(finance.getJson(run).get("status")));
        List<Map<String, Object>> raised = finance.get(run + "/discrepancies", List.class).getBody();
        assertThat(raised).extracting(d -> new ExpectedDiscrepancy((String) d.get("type"), (String) d.get("orderNo"),
                (String) d.get("txnId"))).containsAll(demo.discrepancies());
        // Anything else is an earlier test day's record that waited for its counterpart in vain: as
        // the latest day of the shared database, this run takes such records in and raises them.
        raised.stream().filter(d -> !demo.discrepancies().contains(new ExpectedDiscrepancy((String) d.get("type"),
                (String) d.get("orderNo"), (String) d.get("txnId")))).forEach(extra -> assertThat(jdbc().sql("""
                        SELECT r.business_date FROM recon_discrepancy d JOIN recon_record r ON r.id = d.record_id
                        WHERE d.id = ?""").param(((Number) extra.get("id")).longValue())
                .query(LocalDate.class).single()).as("a raised record not planted: " + extra).isBefore(yesterday));

        Reviews reviews = new Reviews(rest());
        long open = raised.stream().filter(d -> "OPEN".equals(d.get("status"))).count();
        await().atMost(PATIENCE).until(() -> reviews.tasks(yesterday).size() == open);
        reviews.closeAll(yesterday, "WRITE_OFF", "Written off after the morning run");
        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(finance.getJson(run).get("status")));

        assertThat(finance.get(run + "/voucher.pdf", byte[].class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(finance.getJson("/api/archive/verify")).containsEntry("ok", true);
        String orderNo = demo.discrepancies().stream().filter(d -> d.orderNo() != null).findFirst().orElseThrow()
                .orderNo();
        List<Map<String, Object>> trail = Api.as(rest(), "auditor").get("/api/audit?orderNo=" + orderNo, List.class)
                .getBody();
        assertThat(trail).anyMatch(e -> "REVIEW_DECIDED".equals(e.get("action"))
                && List.of("finance", "manager").contains(e.get("actor"))
                && String.valueOf(e.get("detail")).startsWith("WRITE_OFF: Written off after the morning run"));
    }
}
