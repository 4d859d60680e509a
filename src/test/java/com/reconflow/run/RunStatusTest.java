package com.reconflow.run;

import java.util.Map;

import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RunStatusTest extends H2AppTest {

    @Autowired
    RuntimeService runtimeService;

    @Test
    void aRunWithAnIncidentIsFailedUntilTheIncidentIsResolved() {
        Api finance = Api.as(rest(), "finance");
        Map<?, ?> run = finance.post("/api/runs", Map.of("businessDate", "2025-02-01", "sources", java.util.List.of("jd")),
                Map.class).getBody();
        String path = "/api/runs/" + run.get("id");
        assertThat(finance.getJson(path).get("status")).isEqualTo("COLLECTING");

        String processInstanceId = (String) run.get("processInstanceId");
        // Waiting for its sources, at the message catch event.
        String executionId = await().until(() -> runtimeService.createExecutionQuery()
                .processInstanceId(processInstanceId).messageEventSubscriptionName("recordsImported").list(),
                executions -> !executions.isEmpty()).get(0).getId();
        Incident incident = runtimeService.createIncident("stuckStep", executionId, "test", "the job ran out of retries");
        assertThat(finance.getJson(path).get("status")).isEqualTo("FAILED");

        runtimeService.resolveIncident(incident.getId());
        assertThat(finance.getJson(path).get("status")).isEqualTo("COLLECTING");
    }

    @Test
    void theReportOfARunThatIsStillOpenIsAConflictAndOfNoRunNotFound() {
        Api finance = Api.as(rest(), "finance");
        Map<?, ?> run = finance.post("/api/runs", Map.of("businessDate", "2025-02-02", "sources", java.util.List.of("jd")),
                Map.class).getBody();

        var open = finance.get("/api/runs/" + run.get("id") + "/report.xlsx", String.class);
        assertThat(open.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(finance.get("/api/runs/987654/report.xlsx", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
