package com.reconflow.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.reconflow.config.Db;
import com.reconflow.ingest.RecordKind;
import com.reconflow.matching.Finding;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class DiscrepancyRepository {

    private static final String COLUMNS = """
            id, run_id, type, rule_id, source, counter_source, order_no, txn_id, expected, actual, difference,
            status, candidate_group, task_id, decision, decision_comment, decided_by, decided_at, priority,
            second_approval, approved_by, approved_at, carried_at, resolution_rule""";

    private static final int BATCH_SIZE = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    DiscrepancyRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Marks open discrepancies no longer found when their day was matched again: kept for the record, out of
     * review. Decided ones are left as they are.
     */
    public void supersede(List<Long> ids, Instant now) {
        jdbcTemplate.batchUpdate("""
                UPDATE recon_discrepancy SET status = 'SUPERSEDED', decided_by = 'system', decided_at = ?,
                       decision_comment = 'no longer found when the day was matched again'
                WHERE id = ? AND status = 'OPEN'""", ids, BATCH_SIZE, (ps, id) -> {
            ps.setObject(1, Db.utc(now));
            ps.setLong(2, id);
        });
    }

    /** What keeping a run's findings changed: discrepancies opened now, open ones no longer found. */
    public record Kept(List<Long> opened, List<Long> superseded) {
    }

    /**
     * Brings the run's discrepancies in line with its latest findings: a finding not stored yet
     * opens a discrepancy, an open discrepancy no longer found (late data, a person's pairing) is
     * superseded, and everything else, decisions included, stays as it is. Inserted in batches.
     */
    public Kept keep(long runId, List<Finding> findings, String candidateGroup, String rulesVersion, Instant now) {
        // The run's discrepancies that stand (open or decided), by what they are about.
        Map<String, Long> stored = new HashMap<>();
        Map<String, Long> open = new HashMap<>();
        long[] lastId = {0};
        // Stock mismatches are kept by the stock reconciliation, from its own findings.
        jdbc.sql("SELECT id, type, rule_id, record_id, counter_record_id, expected, actual, status "
                        + "FROM recon_discrepancy WHERE run_id = ? AND status <> 'SUPERSEDED' AND type <> 'STOCK_MISMATCH'")
                .param(runId)
                .query(rs -> {
                    String key = key(rs);
                    stored.put(key, rs.getLong(1));
                    if (Discrepancy.Status.OPEN.name().equals(rs.getString("status"))) {
                        open.put(key, rs.getLong(1));
                    }
                    lastId[0] = Math.max(lastId[0], rs.getLong(1));
                });
        List<Finding> fresh = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (Finding f : findings) {
            String key = key(f);
            if (found.add(key) && !stored.containsKey(key)) {
                fresh.add(f);
            }
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO recon_discrepancy (run_id, type, rule_id, rules_version, basis, tolerance, source,
                    counter_source, order_no, txn_id, record_id, counter_record_id, expected, actual, difference,
                    status, candidate_group)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""", fresh, BATCH_SIZE, (ps, f) -> {
            ps.setLong(1, runId);
            ps.setString(2, f.type().name());
            ps.setString(3, f.ruleId());
            ps.setString(4, rulesVersion);
            ps.setString(5, Db.clip(f.basis(), 300));
            ps.setBigDecimal(6, f.tolerance());
            ps.setString(7, f.record().source());
            ps.setString(8, f.counterSource());
            ps.setString(9, orderNo(f));
            ps.setString(10, txnId(f));
            ps.setLong(11, f.record().id());
            ps.setObject(12, f.counterpart() == null ? null : f.counterpart().id());
            ps.setBigDecimal(13, f.expected());
            ps.setBigDecimal(14, f.actual());
            ps.setBigDecimal(15, f.difference());
            ps.setString(16, candidateGroup);
        });
        List<Long> superseded = open.entrySet().stream().filter(e -> !found.contains(e.getKey()))
                .map(Map.Entry::getValue).sorted().toList();
        supersede(superseded, now);
        // The caller holds the run's lock: the run's rows after the last one standing are the ones just added.
        List<Long> opened = fresh.isEmpty() ? List.of() : jdbc.sql(
                        "SELECT id FROM recon_discrepancy WHERE run_id = ? AND id > ? AND status = 'OPEN' "
                                + "AND type <> 'STOCK_MISMATCH' ORDER BY id")
                .params(runId, lastId[0]).query(Long.class).list();
        return new Kept(opened, superseded);
    }

    /** The same finding: the same rule saying the same thing about the same records with the same figures. */
    private static String key(Finding f) {
        return key(f.type().name(), f.ruleId(), f.record().id(), f.counterpart() == null ? null : f.counterpart().id(),
                f.expected(), f.actual());
    }

    private static String key(ResultSet rs) throws SQLException {
        return key(rs.getString("type"), rs.getString("rule_id"), rs.getLong("record_id"),
                rs.getObject("counter_record_id", Long.class), rs.getBigDecimal("expected"), rs.getBigDecimal("actual"));
    }

    private static String key(String type, String ruleId, long recordId, Long counterRecordId, BigDecimal expected,
                              BigDecimal actual) {
        return type + "/" + ruleId + "/" + recordId + "/" + counterRecordId + "/" + plain(expected) + "/" + plain(actual);
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    public Optional<Discrepancy> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM recon_discrepancy WHERE id = ?")
                .param(id).query(DiscrepancyRepository::map).optional();
    }

    public List<Discrepancy> findByRun(long runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM recon_discrepancy WHERE run_id = ? ORDER BY id")
                .param(runId).query(DiscrepancyRepository::map).list();
    }

    /** The run's open discrepancies whose review case is not opened yet, at most {@code limit}, oldest first. */
    public List<Long> unreviewedIds(long runId, int limit) {
        // LIMIT: H2 and MySQL both read it, and a day may have thousands waiting.
        return jdbc.sql("SELECT id FROM recon_discrepancy WHERE run_id = ? AND status = ? AND review_opened_at IS NULL "
                        + "ORDER BY id LIMIT ?")
                .params(runId, Discrepancy.Status.OPEN.name(), limit).query(Long.class).list();
    }

    public void reviewOpened(List<Long> ids, Instant at) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE recon_discrepancy SET review_opened_at = :at WHERE id IN (:ids)")
                    .param("at", Db.utc(at)).param("ids", ids).update();
        }
    }

    /** How many of the run's discrepancies still wait for a decision. */
    public long countOpen(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM recon_discrepancy WHERE run_id = ? AND status = ?")
                .params(runId, Discrepancy.Status.OPEN.name()).query(Long.class).single();
    }

    void linkTask(long id, String taskId) {
        jdbc.sql("UPDATE recon_discrepancy SET task_id = ? WHERE id = ?").params(taskId, id).update();
    }

    /** Where a record came from, as finance looks it up: the file, its line, and the import. */
    Optional<String> origin(Long recordId) {
        if (recordId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT i.file_name, r.line_no, i.id FROM recon_record r JOIN recon_import i ON i.id = r.import_id
                WHERE r.id = ?""")
                .param(recordId)
                .query((rs, n) -> rs.getString(1) + " line " + rs.getInt(2) + " (import #" + rs.getLong(3) + ")")
                .optional();
    }

    /** The records a discrepancy is about, and the rule that raised it with its version and tolerance. */
    record Basis(LocalDate businessDate, long recordId, Long counterRecordId, String rule) {
    }

    Basis basis(long id) {
        return jdbc.sql("""
                SELECT r.business_date, d.record_id, d.counter_record_id, d.rule_id, d.rules_version, d.basis,
                       d.tolerance
                FROM recon_discrepancy d JOIN recon_run r ON r.id = d.run_id WHERE d.id = ?""")
                .param(id)
                .query((rs, n) -> new Basis(rs.getObject("business_date", LocalDate.class), rs.getLong("record_id"),
                        rs.getObject("counter_record_id", Long.class),
                        rs.getString("rule_id") + " (rules " + rs.getString("rules_version") + ")"
                                + (rs.getString("basis") == null ? "" : ": " + rs.getString("basis"))
                                + (rs.getBigDecimal("tolerance") == null ? ""
                                : ", tolerance " + rs.getBigDecimal("tolerance").toPlainString())))
                .single();
    }

    void route(long id, ReviewRules.Routing routing) {
        jdbc.sql("UPDATE recon_discrepancy SET candidate_group = ?, priority = ?, sla = ?, second_approval = ? WHERE id = ?")
                .params(routing.candidateGroup(), routing.priority(), routing.sla().toString(),
                        routing.secondApproval(), id)
                .update();
    }

    void reassign(long id, String candidateGroup, Integer priority) {
        jdbc.sql("UPDATE recon_discrepancy SET candidate_group = ?, priority = COALESCE(?, priority) WHERE id = ?")
                .params(candidateGroup, priority, id).update();
    }

    void approved(long id, String approvedBy, Instant at) {
        jdbc.sql("UPDATE recon_discrepancy SET approved_by = ?, approved_at = ? WHERE id = ?")
                .params(approvedBy, Db.utc(at), id).update();
    }

    /** Closed by an auto-resolution rule: kept as a discrepancy, with the rule that closed it. */
    boolean autoResolve(long id, String rule, Instant at) {
        return jdbc.sql("""
                UPDATE recon_discrepancy
                SET status = ?, decision = ?, decision_comment = ?, decided_by = 'system', decided_at = ?,
                    resolution_rule = ?
                WHERE id = ? AND status = ?""")
                .params(Discrepancy.Status.RESOLVED.name(), Decision.AUTO_RESOLVED, "resolved by rule " + rule,
                        Db.utc(at), Db.clip(rule, 100), id, Discrepancy.Status.OPEN.name())
                .update() == 1;
    }

    /** What applying a decision wrote, if it was applied already. */
    Optional<String> postingKind(long discrepancyId) {
        return jdbc.sql("SELECT kind FROM recon_decision_posting WHERE discrepancy_id = ?")
                .param(discrepancyId).query(String.class).optional();
    }

    /**
     * Closes the discrepancy with a person's decision and writes what the decision produces (the
     * write-off, the adjustment to post, the claim to chase, the confirmed match, the timing carried
     * forward). Applying the same decision again finds the posting and changes nothing.
     *
     * @return false when there was nothing to apply: applied before, or no longer open
     */
    boolean apply(long id, Decision decision, BigDecimal amount, String comment, String decidedBy,
                  String approvedBy, Instant at) {
        lockRun(id);
        if (postingKind(id).isPresent()) {
            return false;
        }
        int closed = jdbc.sql("""
                UPDATE recon_discrepancy
                SET status = ?, decision = ?, decision_comment = ?, decided_by = ?, decided_at = ?
                WHERE id = ? AND status = ?""")
                .params(Discrepancy.Status.RESOLVED.name(), decision.name(), comment, decidedBy, Db.utc(at), id,
                        Discrepancy.Status.OPEN.name())
                .update();
        if (closed == 0) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO recon_decision_posting (discrepancy_id, run_id, kind, amount, comment, decided_by,
                    approved_by, created_at)
                SELECT id, run_id, ?, ?, ?, ?, ?, ? FROM recon_discrepancy WHERE id = ?""")
                .params(decision.name(), amount, comment, decidedBy, approvedBy, Db.utc(at), id)
                .update();
        return true;
    }

    /**
     * The run's row first, as a re-match and the check for the run's last open case take it: with one
     * order of locks a decision and a re-match superseding the same discrepancy wait for each other
     * instead of deadlocking. (Its own query: the run package depends on this one, not the reverse.)
     */
    private void lockRun(long discrepancyId) {
        jdbc.sql("SELECT id FROM recon_run WHERE id = (SELECT run_id FROM recon_discrepancy WHERE id = ?) FOR UPDATE")
                .param(discrepancyId).query(Long.class).list();
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
                rs.getString("decided_by"), Db.instant(rs.getObject("decided_at", LocalDateTime.class)),
                rs.getObject("priority", Integer.class), rs.getObject("second_approval", Boolean.class),
                rs.getString("approved_by"), Db.instant(rs.getObject("approved_at", LocalDateTime.class)),
                Db.instant(rs.getObject("carried_at", LocalDateTime.class)), rs.getString("resolution_rule"));
    }

    private static BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.setScale(2);
    }
}
