package com.reconflow.security;

import java.time.LocalDate;
import java.util.Map;

import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ApiSecurityTest extends H2AppTest {

    @Test
    void nothingButHealthAnswersWithoutLogin() {
        Api anonymous = Api.anonymous(rest());
        assertThat(anonymous.get("/engine-rest/process-definition", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.get("/api/runs/1", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.get("/api/imports/1", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.post("/api/runs", Map.of("businessDate", "2026-01-01"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.get("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(anonymous.get("/actuator/env", String.class).getStatusCode().is2xxSuccessful()).isFalse();
    }

    @Test
    void aFinanceUserReadsRunsAndTheEngineApiWithTheirPassword() {
        Api finance = Api.as(rest(), "finance");
        var run = finance.post("/api/runs", Map.of("businessDate", LocalDate.of(2025, 1, 2).toString()), Map.class);
        assertThat(run.getStatusCode()).as(String.valueOf(run.getBody())).isEqualTo(HttpStatus.ACCEPTED);

        assertThat(finance.get("/api/runs/" + run.getBody().get("id"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(finance.get("/engine-rest/process-definition", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(finance.get("/api/runs/999999", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Api impostor = Api.as(rest(), "finance", "not-the-password");
        assertThat(impostor.get("/api/runs/1", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(impostor.get("/engine-rest/process-definition", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void groupsDecideWhatAnApiUserMayDo() {
        assertThat(Api.as(rest(), "buyer").get("/api/runs/1", String.class).getStatusCode())
                .as("purchasing has no business with reconciliation runs").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Api.as(rest(), "auditor").post("/api/runs", Map.of("businessDate", "2025-01-03"), String.class)
                .getStatusCode()).as("auditors read, they do not start runs").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Api.as(rest(), "ops").post("/api/runs", Map.of("businessDate", "2025-01-03"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void aRunForAnUnknownSourceOrWithoutDateIsABadRequest() {
        Api finance = Api.as(rest(), "finance");
        assertThat(finance.post("/api/runs", Map.of("businessDate", "2025-01-04", "sources", java.util.List.of("ebay")),
                String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(finance.post("/api/runs", Map.of("sources", java.util.List.of("jd")), String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
