package com.reconflow.matching;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.reconflow.config.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pairs proposed by the fallback rule, and what people decided about them. */
@Repository
public class ProposalRepository {

    private static final String COLUMNS = """
            p.id, p.run_id, p.confidence, p.rule_id, p.rules_version, p.basis, p.status, p.decided_by, p.decided_at,
            p.decision_comment, o.id AS order_id, o.source AS order_source, o.order_no, o.amount AS order_amount,
            o.occurred_at AS order_at, y.id AS payment_id, y.source AS payment_source, y.order_no AS payment_order_no,
            y.txn_id AS payment_txn_id, y.amount AS payment_amount, y.occurred_at AS payment_at""";
    private static final String FROM = " FROM recon_proposal p JOIN recon_record o ON o.id = p.order_record_id"
            + " JOIN recon_record y ON y.id = p.payment_record_id";

    private final JdbcClient jdbc;

    ProposalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<StoredProposal> findByRun(long runId) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE p.run_id = ? ORDER BY p.id").param(runId)
                .query((rs, n) -> map(rs)).list();
    }

    public Optional<StoredProposal> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE p.id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    /** The run's open proposals whose review case is not opened yet, at most {@code limit}, oldest first. */
    public List<Long> unreviewedIds(long runId, int limit) {
        return jdbc.sql("SELECT id FROM recon_proposal WHERE run_id = ? AND status = 'OPEN' AND review_opened_at IS NULL "
                        + "ORDER BY id LIMIT ?")
                .params(runId, limit).query(Long.class).list();
    }

    public void reviewOpened(List<Long> ids, Instant at) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE recon_proposal SET review_opened_at = :at WHERE id IN (:ids)")
                    .param("at", Db.utc(at)).param("ids", ids).update();
        }
    }

    /** How many of the run's proposals still wait for a person. */
    public long countOpen(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM recon_proposal WHERE run_id = ? AND status = 'OPEN'")
                .param(runId).query(Long.class).single();
    }

    /** The run's proposals no longer open whose review case was opened: their cases must end. */
    public List<Long> closedWithCase(long runId) {
        return jdbc.sql("SELECT id FROM recon_proposal WHERE run_id = ? AND status <> 'OPEN' AND task_id IS NOT NULL")
                .param(runId).query(Long.class).list();
    }

    public void linkTask(long id, String taskId) {
        jdbc.sql("UPDATE recon_proposal SET task_id = ? WHERE id = ?").params(taskId, id).update();
    }

    /** Records a person's decision on an open proposal; false when it was no longer open. */
    public boolean decide(long id, StoredProposal.Status status, String comment, String decidedBy, Instant at) {
        return jdbc.sql("""
                UPDATE recon_proposal SET status = ?, decision_comment = ?, decided_by = ?, decided_at = ?
                WHERE id = ? AND status = 'OPEN'""")
                .params(status.name(), comment, decidedBy, Db.utc(at), id)
                .update() == 1;
    }

    /**
     * Brings the run's proposals in line with the latest matching: new ones open, open ones the
     * matching no longer makes are superseded, decided ones stay as they are.
     */
    void keep(long runId, String rulesVersion, List<Proposal> proposals, Instant now) {
        Map<RecordPair, Long> open = new HashMap<>();
        Map<RecordPair, Long> all = new HashMap<>();
        jdbc.sql("SELECT id, order_record_id, payment_record_id, status FROM recon_proposal WHERE run_id = ?")
                .param(runId)
                .query(rs -> {
                    RecordPair pair = new RecordPair(rs.getLong(2), rs.getLong(3));
                    all.put(pair, rs.getLong(1));
                    if (StoredProposal.Status.OPEN.name().equals(rs.getString(4))) {
                        open.put(pair, rs.getLong(1));
                    }
                });
        for (Proposal p : proposals) {
            RecordPair pair = new RecordPair(p.order().id(), p.payment().id());
            open.remove(pair);
            if (!all.containsKey(pair)) {
                jdbc.sql("""
                        INSERT INTO recon_proposal (run_id, order_record_id, payment_record_id, confidence, rule_id,
                                                    rules_version, basis, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                        .params(runId, pair.orderId(), pair.paymentId(), p.confidence(), p.ruleId(), rulesVersion,
                                Db.clip(p.basis(), 300))
                        .update();
            }
        }
        open.values().stream().sorted().forEach(id -> jdbc.sql("""
                UPDATE recon_proposal SET status = 'SUPERSEDED', decided_by = 'system', decided_at = ?,
                       decision_comment = 'no longer proposed when the day was matched again'
                WHERE id = ?""").params(Db.utc(now), id).update());
    }

    private static StoredProposal map(ResultSet rs) throws SQLException {
        return new StoredProposal(rs.getLong("id"), rs.getLong("run_id"), rs.getBigDecimal("confidence"),
                rs.getString("rule_id"), rs.getString("rules_version"), rs.getString("basis"),
                StoredProposal.Status.valueOf(rs.getString("status")),
                new StoredProposal.Side(rs.getLong("order_id"), rs.getString("order_source"), rs.getString("order_no"),
                        null, money(rs.getBigDecimal("order_amount")),
                        Db.instant(rs.getObject("order_at", LocalDateTime.class))),
                new StoredProposal.Side(rs.getLong("payment_id"), rs.getString("payment_source"),
                        rs.getString("payment_order_no"), rs.getString("payment_txn_id"),
                        money(rs.getBigDecimal("payment_amount")),
                        Db.instant(rs.getObject("payment_at", LocalDateTime.class))),
                rs.getString("decided_by"), Db.instant(rs.getObject("decided_at", LocalDateTime.class)),
                rs.getString("decision_comment"));
    }

    private static BigDecimal money(BigDecimal value) {
        return value == null ? null : value.setScale(2);
    }
}
