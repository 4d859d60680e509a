package com.reconflow.trace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Everything ReconFlow knows about one order or payment, to explain its fate in one answer. */
record RecordTrace(String orderNo, String txnId, List<TracedRecord> records) {

    record TracedRecord(long id, String kind, String source, String format, LocalDate businessDate, String orderNo,
                        String txnId, String refundNo, String amount, String fee, String status,
                        OffsetDateTime occurredAt, long importId, String fileName, int lineNo, String rawLine,
                        List<TracedMatch> matches, List<TracedDiscrepancy> discrepancies) {
    }

    record TracedMatch(long runId, String kind, String ruleId, long counterpartRecordId) {
    }

    record TracedDiscrepancy(long id, long runId, String type, String ruleId, String expected, String actual,
                             String difference, String status, String decision, String comment, String decidedBy,
                             OffsetDateTime decidedAt) {
    }

    static String money(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
