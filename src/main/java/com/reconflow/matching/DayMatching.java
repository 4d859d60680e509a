package com.reconflow.matching;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.reconflow.config.Db;
import com.reconflow.config.ReconProperties;
import com.reconflow.ingest.RecordKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Runs the matcher over one business day's stored records and keeps the matches it made. */
@Service
public class DayMatching {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final MatchingRules rules;
    private final DayMatcher matcher;
    private final ZoneId zone;

    DayMatching(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ReconProperties properties) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        var m = properties.matching();
        this.rules = new MatchingRules(m.rulesVersion(), m.roundingTolerance(), m.feeRates(), m.feeTolerance(),
                m.mergedPrefix(), m.mergedSeparator(), m.payoutReferences(), m.timingWindow(), m.timingDays());
        this.matcher = new DayMatcher(rules);
        this.zone = properties.zone();
    }

    public MatchingRules rules() {
        return rules;
    }

    public DayResult matchDay(long runId, LocalDate businessDate) {
        List<LedgerEntry> records = new ArrayList<>(load("recon_record r WHERE r.business_date = ?", businessDate));
        // The bank credits the day's settlements later (T+1): those credits name the day.
        records.addAll(load("recon_record r WHERE r.kind = 'PAYOUT' AND r.order_no LIKE ? AND r.business_date <> ?",
                "%" + MatchingRules.settlementSuffix(businessDate), businessDate));
        Map<Long, LocalDate> carried = new HashMap<>();
        jdbc.sql("SELECT record_id, since_date FROM recon_pending WHERE resolved_run_id IS NULL AND since_date < ?")
                .param(businessDate)
                .query(rs -> {
                    carried.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
                });
        records.addAll(load("recon_record r JOIN recon_pending p ON p.record_id = r.id "
                + "WHERE p.resolved_run_id IS NULL AND p.since_date < ?", businessDate));

        DayResult result = matcher.match(businessDate, records, carried);
        jdbcTemplate.batchUpdate("""
                INSERT INTO recon_match (run_id, match_kind, rule_id, order_record_id, payment_record_id)
                VALUES (?, ?, ?, ?, ?)""", result.matches(), 500, (ps, m) -> {
            ps.setLong(1, runId);
            ps.setString(2, m.kind().name());
            ps.setString(3, m.ruleId());
            ps.setLong(4, m.order().id());
            ps.setLong(5, m.payment().id());
        });
        keepPending(runId, result.pending(), carried);
        return result;
    }

    /** New timing differences start waiting; carried ones no longer pending were matched or raised now. */
    private void keepPending(long runId, List<Pending> pending, Map<Long, LocalDate> carried) {
        Set<Long> stillPending = new HashSet<>();
        List<Pending> fresh = new ArrayList<>();
        for (Pending p : pending) {
            stillPending.add(p.entry().id());
            if (!carried.containsKey(p.entry().id())) {
                fresh.add(p);
            }
        }
        jdbcTemplate.batchUpdate("INSERT INTO recon_pending (record_id, since_date, run_id) VALUES (?, ?, ?)",
                fresh, 500, (ps, p) -> {
                    ps.setLong(1, p.entry().id());
                    ps.setObject(2, p.since());
                    ps.setLong(3, runId);
                });
        List<Long> resolved = carried.keySet().stream().filter(id -> !stillPending.contains(id)).sorted().toList();
        jdbcTemplate.batchUpdate("UPDATE recon_pending SET resolved_run_id = ? WHERE record_id = ?", resolved, 500,
                (ps, id) -> {
                    ps.setLong(1, runId);
                    ps.setLong(2, id);
                });
    }

    private List<LedgerEntry> load(String fromWhere, Object... params) {
        return jdbc.sql("SELECT r.id, r.kind, r.source, r.order_no, r.txn_id, r.amount, r.status, r.payment_method, "
                        + "r.fee, r.refunded_amount, r.memo, r.occurred_at FROM " + fromWhere + " ORDER BY r.id")
                .params(params)
                .query((rs, n) -> {
                    LocalDateTime occurredUtc = rs.getObject("occurred_at", LocalDateTime.class);
                    return new LedgerEntry(rs.getLong("id"), RecordKind.valueOf(rs.getString("kind")),
                            rs.getString("source"), rs.getString("order_no"), rs.getString("txn_id"),
                            rs.getBigDecimal("amount").setScale(2), rs.getString("status"),
                            rs.getString("payment_method"), rs.getBigDecimal("fee"),
                            rs.getBigDecimal("refunded_amount"), rs.getString("memo"),
                            occurredUtc == null ? null : Db.instant(occurredUtc).atZone(zone).toLocalDateTime());
                })
                .list();
    }
}
