package com.reconflow.archive;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * The detail rows of a run's workbook, handed over one at a time as the database sends them: a
 * million-order day has a million matches, which never sit in memory at once.
 */
interface ReportRows {

    /** The run's matches that stand (superseded ones left out), in the order they were made. */
    void matches(Consumer<MatchLine> each);

    /** Every discrepancy of the run, superseded ones included, with its decision and posting. */
    void discrepancies(Consumer<DiscrepancyLine> each);

    /** Discrepancies carried forward: this run's, and earlier runs' that are still open. */
    void carried(Consumer<CarriedLine> each);

    /** An order and the provider's record (payment or refund) that settles it. */
    record MatchLine(String kind, String ruleId, String orderNo, String orderSource, BigDecimal orderAmount,
                     String counterKind, String txnId, String refundNo, String counterSource,
                     BigDecimal counterAmount, String basis) {
    }

    record DiscrepancyLine(long id, String type, String ruleId, String source, String counterSource, String orderNo,
                           String txnId, BigDecimal expected, BigDecimal actual, BigDecimal difference, String status,
                           Integer priority, String decision, String comment, String decidedBy, Instant decidedAt,
                           String approvedBy, Instant approvedAt, String resolutionRule, Instant carriedAt,
                           String postingKind, BigDecimal postingAmount, Instant postedAt) {
    }

    /** @param thisRun whether this run carried it, or an earlier run did and it is still open */
    record CarriedLine(LocalDate runDate, long runId, long id, String type, String source, String orderNo,
                       String txnId, BigDecimal difference, String status, Instant carriedAt, boolean thisRun) {
    }
}
