package com.reconflow.trace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything ReconFlow knows about one order or payment, to explain its fate in one answer: where
 * each record came from, what it was matched with, by which rule, version, key and tolerance, the
 * discrepancies and proposals about it, whether it waits for a later day, and what people decided.
 * {@code fileColumns} is the file's column header ({@code "line 1: a,b,c"}), by which the raw line reads.
 * A discrepancy still open names its review case's open Tasklist task ({@code taskId}: the review, or the
 * approval once decided above the threshold); {@code null} when none is open.
 */
record RecordTrace(String orderNo, String txnId, List<TracedRecord> records) {

    record TracedRecord(long id, String kind, String source, String format, LocalDate businessDate, String orderNo,
                        String txnId, String refundNo, String amount, String fee, String status,
                        OffsetDateTime occurredAt, long importId, String fileName, int lineNo, String rawLine,
                        String fileColumns, List<TracedMatch> matches, List<TracedDiscrepancy> discrepancies,
                        List<TracedProposal> proposals, TracedPending pending) {
    }

    /** {@code superseded} is set when matching the day again no longer made this match. */
    record TracedMatch(long runId, String kind, String ruleId, String rulesVersion, String basis, String tolerance,
                       long counterpartRecordId, OffsetDateTime superseded) {
    }

    record TracedDiscrepancy(long id, long runId, String type, String ruleId, String rulesVersion, String basis,
                             String tolerance, String expected, String actual, String difference, String status,
                             String decision, String comment, String decidedBy, OffsetDateTime decidedAt,
                             String taskId) {
    }

    record TracedProposal(long id, long runId, String confidence, String ruleId, String basis,
                          long counterpartRecordId, String status, String decidedBy, String comment) {
    }

    /** Waiting for a later day's data since {@code since}; {@code resolvedByRunId} once matched or raised. */
    record TracedPending(LocalDate since, long runId, Long resolvedByRunId) {
    }

    static String money(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
