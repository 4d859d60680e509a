package com.reconflow.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.reconflow.config.TaskActor;

/**
 * One thing someone (a person, or {@code system} for ReconFlow and the engine acting on their own) did,
 * when, to what: an import, a run's stage, a match, a pairing, a discrepancy's decision, a review event,
 * a Camunda task or user operation. {@code origin} names the record it was read from: ReconFlow's own
 * tables or Camunda's history.
 */
@JsonPropertyOrder({"at", "actor", "action", "runId", "businessDate", "orderNo", "discrepancyId", "subject", "detail",
        "origin"})
record AuditEntry(@JsonIgnore OffsetDateTime at, String actor, String action, Long runId, LocalDate businessDate,
                  String orderNo, Long discrepancyId, String subject, String detail, String origin) {

    static final String RECONFLOW = "reconflow";
    static final String CAMUNDA = "camunda";
    static final String SYSTEM = TaskActor.SYSTEM;

    /** The columns of the exports, in the order of the JSON fields. */
    static final String[] COLUMNS = {"at", "actor", "action", "runId", "businessDate", "orderNo", "discrepancyId",
            "subject", "detail", "origin"};

    /** Always to the millisecond, with the business zone's offset, in JSON and in the files alike. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    @JsonProperty("at")
    String time() {
        return TIME.format(at);
    }

    String[] cells() {
        return new String[] {time(), actor, action, text(runId), text(businessDate), orderNo,
                text(discrepancyId), subject, detail, origin};
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
