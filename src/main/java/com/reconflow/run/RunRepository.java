package com.reconflow.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.reconflow.config.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class RunRepository {

    private static final String COLUMNS = "id, business_date, sources, status, process_instance_id, started_at";

    private final JdbcClient jdbc;

    RunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(LocalDate businessDate, List<String> sources, String startedBy, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO recon_run (business_date, sources, status, started_by, started_at)
                VALUES (?, ?, ?, ?, ?)""")
                .params(businessDate, String.join(",", sources), RunStatus.COLLECTING.name(), startedBy, Db.utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Run> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM recon_run WHERE id = ?").param(id)
                .query(RunRepository::map).optional();
    }

    Optional<Run> findByDate(LocalDate businessDate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM recon_run WHERE business_date = ?").param(businessDate)
                .query(RunRepository::map).optional();
    }

    /** Locks the run's row until the transaction ends: one matching of a day at a time, on any node. */
    Optional<Run> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM recon_run WHERE id = ? FOR UPDATE").param(id)
                .query(RunRepository::map).optional();
    }

    void setProcessInstance(long id, String processInstanceId) {
        jdbc.sql("UPDATE recon_run SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    }

    void setStatus(long id, RunStatus status) {
        jdbc.sql("UPDATE recon_run SET status = ? WHERE id = ?").params(status.name(), id).update();
    }

    void markMatched(long id, RunStatus status, String rulesVersion, Instant now) {
        jdbc.sql("UPDATE recon_run SET status = ?, rules_version = ?, matched_at = ? WHERE id = ?")
                .params(status.name(), rulesVersion, Db.utc(now), id).update();
    }

    void markArchived(long id, Instant now) {
        jdbc.sql("UPDATE recon_run SET status = ?, archived_at = ? WHERE id = ?")
                .params(RunStatus.ARCHIVED.name(), Db.utc(now), id).update();
    }

    /** The sources that delivered at least one file for the day. */
    Set<String> sourcesImported(LocalDate businessDate) {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT source FROM recon_import WHERE business_date = ?")
                .param(businessDate).query(String.class).list());
    }

    /** The sources that delivered a credit with one of these payout references (a bank statement). */
    Set<String> sourcesCrediting(List<String> payoutReferences) {
        if (payoutReferences.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT DISTINCT source FROM recon_record WHERE order_no IN (:references) "
                        + "AND kind = 'PAYOUT'")
                .param("references", payoutReferences).query(String.class).list());
    }

    RunCounts counts(Run run) {
        long records = count("SELECT COUNT(*) FROM recon_record WHERE business_date = ?", run.businessDate());
        // A record may be in several matches (an order with its payment and its refund): count records.
        long matched = count("SELECT COUNT(DISTINCT order_record_id) FROM recon_match WHERE run_id = ? AND superseded_at IS NULL", run.id())
                + count("SELECT COUNT(DISTINCT payment_record_id) FROM recon_match WHERE run_id = ? AND superseded_at IS NULL",
                run.id());
        long discrepancies = count("SELECT COUNT(*) FROM recon_discrepancy WHERE run_id = ? AND status <> 'SUPERSEDED'",
                run.id());
        long open = count("SELECT COUNT(*) FROM recon_discrepancy WHERE run_id = ? AND status = 'OPEN'", run.id());
        // Rounding and timing matches, and discrepancies an auto-resolution rule closed.
        long autoResolved = count("SELECT COUNT(*) FROM recon_match WHERE run_id = ? AND superseded_at IS NULL "
                        + "AND match_kind IN ('ROUNDING', 'TIMING')",
                run.id())
                + count("SELECT COUNT(*) FROM recon_discrepancy WHERE run_id = ? AND status = 'RESOLVED' "
                        + "AND resolution_rule IS NOT NULL", run.id());
        long pending = count("SELECT COUNT(*) FROM recon_pending WHERE run_id = ? AND resolved_run_id IS NULL", run.id());
        long proposed = count("SELECT COUNT(*) FROM recon_proposal WHERE run_id = ? AND status = 'OPEN'", run.id());
        return new RunCounts(records, matched, autoResolved, discrepancies, open, pending, proposed);
    }

    private long count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }

    private static Run map(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getLong("id"), rs.getObject("business_date", LocalDate.class),
                Arrays.asList(rs.getString("sources").split(",")), RunStatus.valueOf(rs.getString("status")),
                rs.getString("process_instance_id"), Db.instant(rs.getObject("started_at", LocalDateTime.class)));
    }
}
