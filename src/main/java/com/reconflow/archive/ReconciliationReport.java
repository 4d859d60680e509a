package com.reconflow.archive;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import com.reconflow.review.Discrepancy;
import com.reconflow.run.RunCounts;

/** Everything the archived report of a run shows. */
record ReconciliationReport(long runId, LocalDate businessDate, List<String> sources, RunCounts counts,
                            List<SourceTotal> sourceTotals, List<Discrepancy> discrepancies,
                            ZonedDateTime generatedAt) {

    record SourceTotal(String source, String kind, long records, BigDecimal amount) {
    }
}
