package com.reconflow.archive;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import com.reconflow.run.RunCounts;

/**
 * The figures of an archived run that fit in memory whatever the day's size: what the workbook's
 * summary and the voucher show. The day's matches and discrepancies are streamed ({@link ReportRows}).
 *
 * @param deciders  who decided the run's discrepancies (people; auto-resolution is counted as a decision kind)
 * @param approvers who gave the second approval of a decision
 */
record ReconciliationReport(long runId, LocalDate businessDate, List<String> sources, String rulesVersion,
                            RunCounts counts, List<SourceTotal> sourceTotals,
                            List<DiscrepancyTotal> discrepancyTotals, List<DecisionTotal> decisionTotals,
                            List<String> deciders, List<String> approvers, ZonedDateTime archivedAt) {

    /** The day's records of one source and kind. */
    record SourceTotal(String source, String kind, long records, BigDecimal amount) {
    }

    /** The run's discrepancies (superseded ones not counted) of one source and code, with their differences added up. */
    record DiscrepancyTotal(String source, String code, long count, BigDecimal difference) {
    }

    /**
     * The run's decisions of one kind. The amount is what the decisions booked: a decision's posting
     * amount once it was applied, else the difference it decided on.
     */
    record DecisionTotal(String kind, long count, BigDecimal amount) {
    }
}
