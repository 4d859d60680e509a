package com.reconflow.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import com.reconflow.support.MariaDbAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail's queries on MySQL's dialect: a reviewed day asked about by order, person, period and run. */
class AuditTrailOnMariaDbTest extends MariaDbAppTest {

    @Test
    void theTrailOfAReviewedDay() {
        AuditDay day = AuditDay.inReview(this, "2023-10-11", "AM");
        day.decide("短款 10.00 已调账");
        Api auditor = Api.as(rest(), "auditor");

        List<Map<String, Object>> order = trail(auditor, "orderNo=AM2");
        assertThat(order).extracting(e -> OffsetDateTime.parse((String) e.get("at")).toInstant()).isSorted();
        assertThat(order).anyMatch(e -> "RECORD_IMPORTED".equals(e.get("action"))
                        && (day.posFile() + " line 3").equals(e.get("subject")) && "finance".equals(e.get("actor")))
                .anyMatch(e -> "RUN_MATCHED".equals(e.get("action")))
                .anyMatch(e -> "DISCREPANCY_RAISED".equals(e.get("action")))
                .anyMatch(e -> "REVIEW_DECIDED".equals(e.get("action")) && "finance".equals(e.get("actor"))
                        && (AuditDay.DECISION + ": 短款 10.00 已调账").equals(e.get("detail")))
                .anyMatch(e -> "TASK_COMPLETED".equals(e.get("action")) && "finance".equals(e.get("actor"))
                        && ((Number) e.get("discrepancyId")).longValue() == day.discrepancyId)
                .anyMatch(e -> "COMPLETE".equals(e.get("action")) && "camunda".equals(e.get("origin")));
        assertThat(trail(auditor, "orderNo=AM1")).anyMatch(e -> "MATCHED".equals(e.get("action")));

        List<Map<String, Object>> run = trail(auditor, "runId=" + day.runId);
        assertThat(run).allSatisfy(e -> assertThat(((Number) e.get("runId")).longValue()).isEqualTo(day.runId))
                .anyMatch(e -> day.cardFile().equals(e.get("subject")))
                .anyMatch(e -> "MATCHED".equals(e.get("action")))
                .anyMatch(e -> "CLAIM".equals(e.get("action")));
        assertThat(trail(auditor, "user=finance&runId=" + day.runId)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("actor")).isEqualTo("finance"));

        Instant decided = order.stream().filter(e -> "REVIEW_DECIDED".equals(e.get("action")))
                .map(e -> OffsetDateTime.parse((String) e.get("at")).toInstant()).findFirst().orElseThrow();
        assertThat(trail(auditor, "from=" + decided + "&to=" + decided.plusSeconds(1)))
                .anyMatch(e -> "REVIEW_DECIDED".equals(e.get("action")))
                .noneMatch(e -> "RECORD_IMPORTED".equals(e.get("action")));
        ResponseEntity<byte[]> xlsx = auditor.get("/api/audit?runId=" + day.runId + "&format=xlsx", byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static List<Map<String, Object>> trail(Api auditor, String query) {
        return AuditDay.list(auditor, "/api/audit?" + query);
    }
}
