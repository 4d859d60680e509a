package com.reconflow.review;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A real difference found by a run, and what became of it: routed (priority, second approval), decided,
 * approved, carried into a later run at its run's cut-off, or closed by an auto-resolution rule.
 */
public record Discrepancy(long id, long runId, String type, String ruleId, String source, String counterSource,
                          String orderNo, String txnId, BigDecimal expected, BigDecimal actual,
                          BigDecimal difference, Status status, String candidateGroup, String taskId,
                          String decision, String comment, String decidedBy, Instant decidedAt,
                          Integer priority, Boolean secondApproval, String approvedBy, Instant approvedAt,
                          Instant carriedAt, String resolutionRule) {

    public enum Status {
        OPEN,
        RESOLVED,
        /** No longer found when the day was matched again (late data, a person's pairing); kept for the record. */
        SUPERSEDED
    }
}
