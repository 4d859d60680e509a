package com.reconflow.matching;

import java.math.BigDecimal;
import java.time.Instant;

/** A proposed pair as stored with its run, and its fate. */
public record StoredProposal(long id, long runId, BigDecimal confidence, String ruleId, String rulesVersion,
                             String basis, Status status, Side order, Side payment, String decidedBy,
                             Instant decidedAt, String decisionComment) {

    public enum Status {
        OPEN,
        CONFIRMED,
        REJECTED,
        SUPERSEDED
    }

    /** One record of the pair: enough to decide without another lookup. */
    public record Side(long recordId, String source, String orderNo, String txnId, BigDecimal amount,
                       Instant occurredAt) {
    }
}
