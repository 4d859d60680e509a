package com.reconflow.trace;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.reconflow.config.AsSystem;
import com.reconflow.config.Db;
import com.reconflow.config.ReconProperties;
import com.reconflow.review.ReviewVariables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Traces an order or payment: the records that carry its number, the records matched with them,
 * where each came from (file and line), the rule that matched it, the discrepancies raised on it
 * and what people decided.
 */
@Service
class RecordTraceService {

    private final JdbcClient jdbc;
    private final ZoneId zone;
    private final TaskService taskService;
    private final IdentityService identityService;

    RecordTraceService(JdbcClient jdbc, ReconProperties properties, TaskService taskService,
                       IdentityService identityService) {
        this.jdbc = jdbc;
        this.taskService = taskService;
        this.identityService = identityService;
        this.zone = properties.zone();
    }

    RecordTrace trace(String orderNo, String txnId) {
        Set<Long> ids = new LinkedHashSet<>(jdbc.sql("""
                SELECT id FROM recon_record WHERE order_no = :orderNo OR txn_id = :txnId ORDER BY id""")
                .param("orderNo", orderNo).param("txnId", txnId).query(Long.class).list());
        if (!ids.isEmpty()) {
            ids.addAll(jdbc.sql("""
                    SELECT payment_record_id FROM recon_match WHERE order_record_id IN (:ids)
                    UNION SELECT order_record_id FROM recon_match WHERE payment_record_id IN (:ids)
                    UNION SELECT payment_record_id FROM recon_proposal WHERE order_record_id IN (:ids)
                    UNION SELECT order_record_id FROM recon_proposal WHERE payment_record_id IN (:ids)""")
                    .param("ids", ids).query(Long.class).list());
        }
        if (ids.isEmpty()) {
            return new RecordTrace(orderNo, txnId, List.of());
        }
        Map<Long, List<RecordTrace.TracedMatch>> matches = matches(ids);
        Map<Long, List<RecordTrace.TracedDiscrepancy>> discrepancies = discrepancies(ids);
        Map<Long, List<RecordTrace.TracedProposal>> proposals = proposals(ids);
        Map<Long, RecordTrace.TracedPending> pending = pending(ids);
        List<RecordTrace.TracedRecord> records = jdbc.sql("""
                SELECT r.id, r.kind, r.source, r.format, r.business_date, r.order_no, r.txn_id, r.refund_no, r.amount,
                       r.fee, r.status, r.occurred_at, r.import_id, i.file_name, r.line_no, r.raw_line,
                       i.column_headers
                FROM recon_record r JOIN recon_import i ON i.id = r.import_id
                WHERE r.id IN (:ids) ORDER BY r.id""")
                .param("ids", ids)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    BigDecimal fee = rs.getBigDecimal("fee");
                    return new RecordTrace.TracedRecord(id, rs.getString("kind"), rs.getString("source"),
                            rs.getString("format"), rs.getObject("business_date", LocalDate.class),
                            rs.getString("order_no"), rs.getString("txn_id"), rs.getString("refund_no"),
                            RecordTrace.money(rs.getBigDecimal("amount")), fee == null ? null : fee.toPlainString(),
                            rs.getString("status"), at(rs.getObject("occurred_at", LocalDateTime.class)),
                            rs.getLong("import_id"), rs.getString("file_name"), rs.getInt("line_no"),
                            rs.getString("raw_line"), rs.getString("column_headers"), matches.getOrDefault(id, List.of()),
                            discrepancies.getOrDefault(id, List.of()), proposals.getOrDefault(id, List.of()),
                            pending.get(id));
                })
                .list();
        return new RecordTrace(orderNo, txnId, records);
    }

    /** Each match listed under both of its records, naming the other one. */
    private Map<Long, List<RecordTrace.TracedMatch>> matches(Set<Long> ids) {
        Map<Long, List<RecordTrace.TracedMatch>> byRecord = new HashMap<>();
        jdbc.sql("""
                SELECT run_id, match_kind, rule_id, rules_version, basis, tolerance, order_record_id, payment_record_id,
                       superseded_at
                FROM recon_match WHERE order_record_id IN (:ids) OR payment_record_id IN (:ids) ORDER BY id""")
                .param("ids", ids)
                .query(rs -> {
                    long order = rs.getLong("order_record_id");
                    long payment = rs.getLong("payment_record_id");
                    long run = rs.getLong("run_id");
                    String kind = rs.getString("match_kind");
                    String rule = rs.getString("rule_id");
                    String version = rs.getString("rules_version");
                    String basis = rs.getString("basis");
                    String tolerance = RecordTrace.money(rs.getBigDecimal("tolerance"));
                    OffsetDateTime superseded = at(rs.getObject("superseded_at", LocalDateTime.class));
                    byRecord.computeIfAbsent(order, k -> new ArrayList<>()).add(new RecordTrace.TracedMatch(run, kind,
                            rule, version, basis, tolerance, payment, superseded));
                    byRecord.computeIfAbsent(payment, k -> new ArrayList<>()).add(new RecordTrace.TracedMatch(run, kind,
                            rule, version, basis, tolerance, order, superseded));
                });
        return byRecord;
    }

    /** Each discrepancy listed under the record it is about and the one it was compared with. */
    private Map<Long, List<RecordTrace.TracedDiscrepancy>> discrepancies(Set<Long> ids) {
        Map<Long, List<RecordTrace.TracedDiscrepancy>> byRecord = new HashMap<>();
        Map<Long, String> openTasks = new HashMap<>();
        jdbc.sql("""
                SELECT id FROM recon_discrepancy
                WHERE status = 'OPEN' AND (record_id IN (:ids) OR counter_record_id IN (:ids))""")
                .param("ids", ids).query(Long.class).list()
                .forEach(id -> openTasks.put(id, openTask(id)));
        jdbc.sql("""
                SELECT id, run_id, type, rule_id, rules_version, basis, tolerance, expected, actual, difference, status,
                       decision, decision_comment, decided_by, decided_at, record_id, counter_record_id
                FROM recon_discrepancy WHERE record_id IN (:ids) OR counter_record_id IN (:ids) ORDER BY id""")
                .param("ids", ids)
                .query(rs -> {
                    long id = rs.getLong("id");
                    var d = new RecordTrace.TracedDiscrepancy(id, rs.getLong("run_id"),
                            rs.getString("type"), rs.getString("rule_id"), rs.getString("rules_version"),
                            rs.getString("basis"), RecordTrace.money(rs.getBigDecimal("tolerance")),
                            RecordTrace.money(rs.getBigDecimal("expected")),
                            RecordTrace.money(rs.getBigDecimal("actual")),
                            RecordTrace.money(rs.getBigDecimal("difference")), rs.getString("status"),
                            rs.getString("decision"), rs.getString("decision_comment"), rs.getString("decided_by"),
                            at(rs.getObject("decided_at", LocalDateTime.class)),
                            openTasks.get(id));
                    byRecord.computeIfAbsent(rs.getLong("record_id"), k -> new ArrayList<>()).add(d);
                    long counter = rs.getLong("counter_record_id");
                    if (!rs.wasNull()) {
                        byRecord.computeIfAbsent(counter, k -> new ArrayList<>()).add(d);
                    }
                });
        return byRecord;
    }

    /** Each proposal listed under both of its records, naming the other one. */
    private Map<Long, List<RecordTrace.TracedProposal>> proposals(Set<Long> ids) {
        Map<Long, List<RecordTrace.TracedProposal>> byRecord = new HashMap<>();
        jdbc.sql("""
                SELECT id, run_id, confidence, rule_id, basis, status, decided_by, decision_comment, order_record_id,
                       payment_record_id
                FROM recon_proposal WHERE order_record_id IN (:ids) OR payment_record_id IN (:ids) ORDER BY id""")
                .param("ids", ids)
                .query(rs -> {
                    long order = rs.getLong("order_record_id");
                    long payment = rs.getLong("payment_record_id");
                    for (long[] sides : new long[][] {{order, payment}, {payment, order}}) {
                        byRecord.computeIfAbsent(sides[0], k -> new ArrayList<>()).add(new RecordTrace.TracedProposal(
                                rs.getLong("id"), rs.getLong("run_id"), rs.getBigDecimal("confidence").toPlainString(),
                                rs.getString("rule_id"), rs.getString("basis"), sides[1], rs.getString("status"),
                                rs.getString("decided_by"), rs.getString("decision_comment")));
                    }
                });
        return byRecord;
    }

    /**
     * The open task of a discrepancy's review case. Looked up in the engine rather than taken from the
     * discrepancy's row, which keeps the first review task: after a decision above the threshold the open one
     * is the approval. Only an id is read, so it is read as ReconFlow, whatever the caller may see in Tasklist.
     */
    private String openTask(long discrepancyId) {
        return AsSystem.call(identityService, () -> taskService.createTaskQuery()
                .processDefinitionKey(ReviewVariables.PROCESS_KEY)
                .processVariableValueEquals(ReviewVariables.DISCREPANCY_ID, discrepancyId)
                .active().orderByTaskCreateTime().desc().list().stream()
                .map(Task::getId).findFirst().orElse(null));
    }

    private Map<Long, RecordTrace.TracedPending> pending(Set<Long> ids) {
        Map<Long, RecordTrace.TracedPending> byRecord = new HashMap<>();
        jdbc.sql("SELECT record_id, since_date, run_id, resolved_run_id FROM recon_pending WHERE record_id IN (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    byRecord.put(rs.getLong("record_id"), new RecordTrace.TracedPending(
                            rs.getObject("since_date", LocalDate.class), rs.getLong("run_id"),
                            rs.getObject("resolved_run_id", Long.class)));
                });
        return byRecord;
    }

    private OffsetDateTime at(LocalDateTime utc) {
        return utc == null ? null : Db.instant(utc).atZone(zone).toOffsetDateTime();
    }
}
