package com.reconflow.matching;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reconflow.config.ReconProperties;
import com.reconflow.ingest.RecordKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Runs the matcher over one business day's stored records and keeps the matches it made. */
@Service
public class DayMatching {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ObjectMapper json;
    private final MatchingRules rules;
    private final DayMatcher matcher;

    DayMatching(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ObjectMapper json, ReconProperties properties) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        var m = properties.matching();
        this.rules = new MatchingRules(m.rulesVersion(), m.roundingTolerance(), m.feeRates(), m.feeTolerance(),
                m.mergedPrefix(), m.mergedSeparator(), m.payoutReferences());
        this.matcher = new DayMatcher(rules);
    }

    public MatchingRules rules() {
        return rules;
    }

    public DayResult matchDay(long runId, LocalDate businessDate) {
        List<LedgerEntry> records = new ArrayList<>(load("business_date = ?", businessDate));
        // The bank credits the day's settlements later (T+1): those credits name the day.
        records.addAll(load("kind = 'PAYOUT' AND order_no LIKE ? AND business_date <> ?",
                "%" + MatchingRules.SETTLE + DateTimeFormatter.BASIC_ISO_DATE.format(businessDate), businessDate));
        DayResult result = matcher.match(businessDate, records);
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

    private List<LedgerEntry> load(String condition, Object... params) {
        return jdbc.sql("SELECT id, kind, source, order_no, txn_id, amount, status, payment_method, fee, attributes "
                        + "FROM recon_record WHERE " + condition + " ORDER BY id")
                .params(params)
                .query((rs, n) -> {
                    Map<String, String> attributes = attributes(rs.getString("attributes"));
                    return new LedgerEntry(rs.getLong("id"), RecordKind.valueOf(rs.getString("kind")),
                            rs.getString("source"), rs.getString("order_no"), rs.getString("txn_id"),
                            rs.getBigDecimal("amount").setScale(2), rs.getString("status"),
                            rs.getString("payment_method"), rs.getBigDecimal("fee"), money(attributes.get("退款金额")),
                            attributes.get("商户数据包"));
                })
                .list();
    }

    private Map<String, String> attributes(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(stored, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not JSON: " + stored, e);
        }
    }

    private static BigDecimal money(String value) {
        return value == null || value.isBlank() ? null : new BigDecimal(value);
    }
}
