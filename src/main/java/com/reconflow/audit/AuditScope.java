package com.reconflow.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a query is about, looked up once before the sources are read: the run it names, and for an order
 * its records, the records matched, proposed or paired with them, its discrepancies and its runs.
 */
record AuditScope(AuditQuery query, Run run, Order order) {

    record Run(long id, LocalDate businessDate, String processInstanceId, Instant startedAt, Instant archivedAt) {
    }

    /**
     * {@code recordIds}: the records carrying the order's number; {@code relatedRecordIds}: those and
     * their counterparts (the payment that settled it, a proposed or manually paired one).
     */
    record Order(String orderNo, List<Long> recordIds, List<Long> relatedRecordIds, List<Case> cases,
                 List<Long> runIds) {

        boolean isEmpty() {
            return relatedRecordIds.isEmpty() && cases.isEmpty();
        }

        List<Long> discrepancyIds() {
            return cases.stream().map(Case::discrepancyId).toList();
        }
    }

    /** A discrepancy of the order and where its review lives in Camunda (business key = the run's date). */
    record Case(long discrepancyId, long runId, LocalDate businessDate, String taskId) {
    }
}
