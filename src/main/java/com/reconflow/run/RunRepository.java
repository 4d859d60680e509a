package com.reconflow.run;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.reconflow.config.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class RunRepository {

    private static final String COLUMNS = "id, business_date, sources, status, process_instance_id, started_by, "
            + "started_at, collect_until, matched_at, cut_off_at, matched_without";
    /** Rows per IN list: well below what either database accepts. */
    private static final int IN_LIST = 1000;

    /** A source's files of a day, as operations see them when the run waits for others. */
    record Delivery(String source, long files, long rows, Instant lastAt) {
    }

    /** What operations decided when the run's sources were missing at its deadline. */
    record CollectionDecision(MissingDataDecision decision, List<String> missingSources, Instant waitUntil,
                              String comment, String decidedBy, Instant decidedAt) {
    }

    /** An earlier run's discrepancy that its cut-off carried forward and that is still open. */
    record CarriedDiscrepancy(long id, long runId, LocalDate businessDate, Instant carriedAt, String type,
                              String source, String orderNo, String txnId, BigDecimal difference,
                              String candidateGroup, String taskId) {
    }

    private final JdbcClient jdbc;

    RunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(LocalDate businessDate, List<String> sources, String startedBy, Instant now, Instant collectUntil) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO recon_run (business_date, sources, status, started_by, started_at, collect_until)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(businessDate, String.join(",", sources), RunStatus.COLLECTING.name(), startedBy, Db.utc(now),
                        Db.utc(collectUntil))
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

    void markMatched(long id, RunStatus status, String rulesVersion, Instant now, Instant cutOffAt,
                     Collection<String> matchedWithout) {
        jdbc.sql("""
                UPDATE recon_run SET status = ?, rules_version = ?, matched_at = ?, cut_off_at = ?, matched_without = ?
                WHERE id = ?""")
                .params(status.name(), rulesVersion, Db.utc(now), Db.utc(cutOffAt),
                        matchedWithout.isEmpty() ? null : String.join(",", matchedWithout), id)
                .update();
    }

    void markArchived(long id, Instant now) {
        jdbc.sql("UPDATE recon_run SET status = ?, archived_at = ? WHERE id = ?")
                .params(RunStatus.ARCHIVED.name(), Db.utc(now), id).update();
    }

    void collectUntil(long id, Instant deadline) {
        jdbc.sql("UPDATE recon_run SET collect_until = ? WHERE id = ?").params(Db.utc(deadline), id).update();
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

    /** Each source's files of the day: how many, their rows, the last one's time. */
    Map<String, Delivery> deliveries(LocalDate businessDate) {
        Map<String, Delivery> deliveries = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT source, COUNT(*) AS files, SUM(rows_accepted) AS accepted, MAX(imported_at) AS last_at
                FROM recon_import WHERE business_date = ? GROUP BY source ORDER BY source""")
                .param(businessDate)
                .query(rs -> {
                    deliveries.put(rs.getString("source"), new Delivery(rs.getString("source"), rs.getLong("files"),
                            rs.getLong("accepted"), Db.instant(rs.getObject("last_at", LocalDateTime.class))));
                });
        return deliveries;
    }

    void recordCollectionDecision(long runId, MissingDataDecision decision, Collection<String> missingSources,
                                  Instant waitUntil, String comment, String decidedBy, Instant decidedAt) {
        jdbc.sql("""
                INSERT INTO recon_run_collection_decision (run_id, decision, missing_sources, wait_until, comment,
                    decided_by, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(runId, decision.name(), Db.clip(String.join(",", missingSources), 500), Db.utc(waitUntil),
                        comment == null || comment.isEmpty() ? null : Db.clip(comment, 2000), decidedBy,
                        Db.utc(decidedAt))
                .update();
    }

    List<CollectionDecision> collectionDecisions(long runId) {
        return jdbc.sql("""
                SELECT decision, missing_sources, wait_until, comment, decided_by, decided_at
                FROM recon_run_collection_decision WHERE run_id = ? ORDER BY id""")
                .param(runId)
                .query((rs, n) -> new CollectionDecision(MissingDataDecision.valueOf(rs.getString("decision")),
                        list(rs.getString("missing_sources")),
                        Db.instant(rs.getObject("wait_until", LocalDateTime.class)),
                        rs.getString("comment"), rs.getString("decided_by"),
                        Db.instant(rs.getObject("decided_at", LocalDateTime.class))))
                .list();
    }

    /** Whether operations decided to match the run without the sources still missing. */
    boolean proceedDecided(long runId) {
        return count("SELECT COUNT(*) FROM recon_run_collection_decision WHERE run_id = ? AND decision = 'PROCEED'",
                runId) > 0;
    }

    /** The run's open discrepancies not carried yet, oldest first. */
    List<Long> openNotCarried(long runId) {
        return jdbc.sql("SELECT id FROM recon_discrepancy WHERE run_id = ? AND status = 'OPEN' AND carried_at IS NULL "
                        + "ORDER BY id")
                .param(runId).query(Long.class).list();
    }

    void markCarried(List<Long> ids, Instant at) {
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            jdbc.sql("UPDATE recon_discrepancy SET carried_at = :at WHERE id IN (:ids) AND carried_at IS NULL")
                    .param("at", Db.utc(at)).param("ids", ids.subList(from, Math.min(ids.size(), from + IN_LIST)))
                    .update();
        }
    }

    /** Discrepancies of runs before the day that their cut-off carried forward and that nobody has closed yet. */
    List<CarriedDiscrepancy> carriedInto(LocalDate businessDate) {
        return jdbc.sql("""
                SELECT d.id, d.run_id, r.business_date, d.carried_at, d.type, d.source, d.order_no, d.txn_id,
                       d.difference, d.candidate_group, d.task_id
                FROM recon_discrepancy d JOIN recon_run r ON r.id = d.run_id
                WHERE d.carried_at IS NOT NULL AND d.status = 'OPEN' AND r.business_date < ?
                ORDER BY d.carried_at, d.id""")
                .param(businessDate)
                .query((rs, n) -> new CarriedDiscrepancy(rs.getLong("id"), rs.getLong("run_id"),
                        rs.getObject("business_date", LocalDate.class),
                        Db.instant(rs.getObject("carried_at", LocalDateTime.class)), rs.getString("type"),
                        rs.getString("source"), rs.getString("order_no"), rs.getString("txn_id"),
                        rs.getBigDecimal("difference") == null ? null : rs.getBigDecimal("difference").setScale(2),
                        rs.getString("candidate_group"), rs.getString("task_id")))
                .list();
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
        long carriedIn = count("""
                SELECT COUNT(*) FROM recon_discrepancy d JOIN recon_run r ON r.id = d.run_id
                WHERE d.carried_at IS NOT NULL AND d.status = 'OPEN' AND r.business_date < ?""", run.businessDate());
        return new RunCounts(records, matched, autoResolved, discrepancies, open, pending, proposed, carriedIn);
    }

    private long count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isEmpty() ? List.of()
                : Arrays.asList(commaSeparated.split(","));
    }

    private static Run map(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getLong("id"), rs.getObject("business_date", LocalDate.class),
                list(rs.getString("sources")), RunStatus.valueOf(rs.getString("status")),
                rs.getString("process_instance_id"), rs.getString("started_by"),
                Db.instant(rs.getObject("started_at", LocalDateTime.class)),
                Db.instant(rs.getObject("collect_until", LocalDateTime.class)),
                Db.instant(rs.getObject("matched_at", LocalDateTime.class)),
                Db.instant(rs.getObject("cut_off_at", LocalDateTime.class)), list(rs.getString("matched_without")));
    }
}
