package com.reconflow.matching;

import java.time.LocalDate;

import com.reconflow.ingest.RecordKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Runs the matcher over one business day's stored records and keeps the matches it made. */
@Service
public class DayMatching {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ExactKeyMatcher matcher = new ExactKeyMatcher();

    DayMatching(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    public DayResult matchDay(long runId, LocalDate businessDate) {
        var records = jdbc.sql("""
                SELECT id, kind, source, order_no, txn_id, amount, status, payment_method
                FROM recon_record WHERE business_date = ? ORDER BY id""")
                .param(businessDate)
                .query((rs, n) -> new LedgerEntry(rs.getLong("id"), RecordKind.valueOf(rs.getString("kind")),
                        rs.getString("source"), rs.getString("order_no"), rs.getString("txn_id"),
                        rs.getBigDecimal("amount").setScale(2), rs.getString("status"),
                        rs.getString("payment_method")))
                .list();
        DayResult result = matcher.match(records);
        jdbcTemplate.batchUpdate("""
                INSERT INTO recon_match (run_id, match_kind, rule_id, order_record_id, payment_record_id)
                VALUES (?, ?, ?, ?, ?)""", result.matches(), 500, (ps, m) -> {
            ps.setLong(1, runId);
            ps.setString(2, m.kind().name());
            ps.setString(3, m.ruleId());
            ps.setLong(4, m.order().id());
            ps.setLong(5, m.payment().id());
        });
        return result;
    }
}
