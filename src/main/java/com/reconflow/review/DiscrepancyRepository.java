package com.reconflow.review;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.reconflow.config.Db;
import com.reconflow.ingest.RecordKind;
import com.reconflow.matching.Finding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class DiscrepancyRepository {

    private static final String COLUMNS = """
            id, run_id, type, rule_id, source, counter_source, order_no, txn_id, expected, actual, difference,
            status, candidate_group, task_id, decision, decision_comment, decided_by, decided_at""";

    private final JdbcClient jdbc;

    DiscrepancyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens one discrepancy per finding; returns their ids in the findings' order. */
    public List<Long> openAll(long runId, List<Finding> findings, String candidateGroup) {
        List<Long> ids = new ArrayList<>();
        for (Finding f : findings) {
            var keys = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO recon_discrepancy (run_id, type, rule_id, source, counter_source, order_no, txn_id,
                        record_id, counter_record_id, expected, actual, difference, status, candidate_group)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(runId, f.type().name(), f.ruleId(), f.record().source(), f.counterSource(),
                            orderNo(f), txnId(f), f.record().id(),
                            f.counterpart() == null ? null : f.counterpart().id(),
                            f.expected(), f.actual(), f.difference(), Discrepancy.Status.OPEN.name(), candidateGroup)
                    .update(keys, "id");
            ids.add(keys.getKey().longValue());
        }
        return ids;
    }

    public Optional<Discrepancy> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM recon_discrepancy WHERE id = ?")
                .param(id).query(DiscrepancyRepository::map).optional();
    }

    public List<Discrepancy> findByRun(long runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM recon_discrepancy WHERE run_id = ? ORDER BY id")
                .param(runId).query(DiscrepancyRepository::map).list();
    }

    List<Long> openIdsOfRun(long runId) {
        return jdbc.sql("SELECT id FROM recon_discrepancy WHERE run_id = ? AND status = ? ORDER BY id")
                .params(runId, Discrepancy.Status.OPEN.name()).query(Long.class).list();
    }

    void linkTask(long id, String taskId) {
        jdbc.sql("UPDATE recon_discrepancy SET task_id = ? WHERE id = ?").params(taskId, id).update();
    }

    void resolve(long id, Decision decision, String comment, String decidedBy, Instant decidedAt) {
        jdbc.sql("""
                UPDATE recon_discrepancy
                SET status = ?, decision = ?, decision_comment = ?, decided_by = ?, decided_at = ?
                WHERE id = ?""")
                .params(Discrepancy.Status.RESOLVED.name(), decision.name(), comment, decidedBy, Db.utc(decidedAt), id)
                .update();
    }

    /** A missing payment is about the order; a missing order about the payment: keys come from whichever exists. */
    private static String orderNo(Finding f) {
        return f.record().orderNo() != null ? f.record().orderNo()
                : f.counterpart() == null ? null : f.counterpart().orderNo();
    }

    private static String txnId(Finding f) {
        if (f.counterpart() != null && f.counterpart().txnId() != null) {
            return f.counterpart().txnId();
        }
        return f.record().kind() == RecordKind.ORDER ? null : f.record().txnId();
    }

    private static Discrepancy map(ResultSet rs, int row) throws SQLException {
        return new Discrepancy(rs.getLong("id"), rs.getLong("run_id"), rs.getString("type"), rs.getString("rule_id"),
                rs.getString("source"), rs.getString("counter_source"), rs.getString("order_no"),
                rs.getString("txn_id"), money(rs, "expected"), money(rs, "actual"), money(rs, "difference"),
                Discrepancy.Status.valueOf(rs.getString("status")), rs.getString("candidate_group"),
                rs.getString("task_id"), rs.getString("decision"), rs.getString("decision_comment"),
                rs.getString("decided_by"), Db.instant(rs.getObject("decided_at", LocalDateTime.class)));
    }

    private static BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.setScale(2);
    }
}
