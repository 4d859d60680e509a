package com.reconflow.archive;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.reconflow.config.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * A run's rows written straight into the database, as matching and review leave them, for tests
 * about the archive itself: what it shows does not depend on how the rows came about.
 */
final class ArchiveFixture {

    static final String RULES_VERSION = "2026-11-2";

    private final JdbcClient jdbc;

    ArchiveFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run in review of the day, waiting for those sources. */
    long run(LocalDate day, String... sources) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO recon_run (business_date, sources, status, rules_version, started_by, started_at, matched_at)
                VALUES (?, ?, 'IN_REVIEW', ?, 'finance', ?, ?)""")
                .params(day, String.join(",", sources), RULES_VERSION, Db.utc(at(day, 1)), Db.utc(at(day, 2)))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    long importFile(String source, LocalDate day) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO recon_import (source, format, file_name, content_sha256, business_date, status,
                    rows_accepted, rows_rejected, rows_duplicate, imported_by, imported_at)
                VALUES (?, 'channel-orders', ?, ?, ?, 'IMPORTED', 0, 0, 0, 'finance', ?)""")
                .params(source, source + "-" + day + ".csv", UUID.randomUUID().toString().replace("-", "")
                        + UUID.randomUUID().toString().replace("-", ""), day, Db.utc(at(day, 1)))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    long record(long importId, String kind, String source, LocalDate day, String orderNo, String txnId,
                String refundNo, String amount) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO recon_record (import_id, line_no, kind, source, format, business_date, order_no, txn_id,
                    refund_no, amount, currency, raw_line, natural_key)
                VALUES (?, 2, ?, ?, 'channel-orders', ?, ?, ?, ?, ?, 'CNY', ?, ?)""")
                .params(importId, kind, source, day, orderNo, txnId, refundNo, new BigDecimal(amount),
                        orderNo + "," + txnId + "," + amount, kind + ":" + UUID.randomUUID())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void match(long runId, String kind, String ruleId, long orderId, long paymentId, String basis) {
        jdbc.sql("""
                INSERT INTO recon_match (run_id, match_kind, rule_id, rules_version, basis, order_record_id,
                    payment_record_id) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(runId, kind, ruleId, RULES_VERSION, basis, orderId, paymentId).update();
    }

    long discrepancy(long runId, String type, String source, String counterSource, long recordId, String orderNo,
                     String txnId, String expected, String actual, String difference) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO recon_discrepancy (run_id, type, rule_id, rules_version, source, counter_source, order_no,
                    txn_id, record_id, expected, actual, difference, status, candidate_group)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 'finance')""")
                .params(runId, type, type.toLowerCase().replace('_', '-'), RULES_VERSION, source, counterSource,
                        orderNo, txnId, recordId, money(expected), money(actual), money(difference))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void decide(long discrepancyId, String decision, String comment, String decidedBy, Instant decidedAt) {
        jdbc.sql("""
                UPDATE recon_discrepancy SET status = 'RESOLVED', decision = ?, decision_comment = ?, decided_by = ?,
                    decided_at = ? WHERE id = ?""")
                .params(decision, comment, decidedBy, Db.utc(decidedAt), discrepancyId).update();
    }

    void approve(long discrepancyId, String approvedBy, Instant approvedAt) {
        jdbc.sql("UPDATE recon_discrepancy SET second_approval = TRUE, approved_by = ?, approved_at = ? WHERE id = ?")
                .params(approvedBy, Db.utc(approvedAt), discrepancyId).update();
    }

    void autoResolve(long discrepancyId, String rule, Instant at) {
        decide(discrepancyId, "AUTO_RESOLVED", "closed by " + rule, "system", at);
        jdbc.sql("UPDATE recon_discrepancy SET resolution_rule = ? WHERE id = ?").params(rule, discrepancyId).update();
    }

    void supersede(long discrepancyId) {
        jdbc.sql("UPDATE recon_discrepancy SET status = 'SUPERSEDED' WHERE id = ?").param(discrepancyId).update();
    }

    void carry(long discrepancyId, Instant at) {
        jdbc.sql("UPDATE recon_discrepancy SET carried_at = ? WHERE id = ?").params(Db.utc(at), discrepancyId).update();
    }

    void post(long discrepancyId, long runId, String kind, String amount, String decidedBy, String approvedBy,
              Instant at) {
        jdbc.sql("""
                INSERT INTO recon_decision_posting (discrepancy_id, run_id, kind, amount, comment, decided_by,
                    approved_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(discrepancyId, runId, kind, money(amount), kind + " posted", decidedBy, approvedBy,
                        Db.utc(at)).update();
    }

    /** A day with one order paid in full and matched, nothing else: enough for an archive in the chain. */
    long plainDay(LocalDate day) {
        long run = run(day, "jd", "alipay");
        long orders = importFile("jd", day);
        long payments = importFile("alipay", day);
        long order = record(orders, "ORDER", "jd", day, "P" + day.toString().replace("-", ""), null, null, "10.00");
        long payment = record(payments, "PAYMENT", "alipay", day, "P" + day.toString().replace("-", ""),
                "T" + day.toString().replace("-", ""), null, "10.00");
        match(run, "ONE_TO_ONE", "order-no", order, payment, "order_no=P" + day);
        return run;
    }

    /** A moment of the day, as UTC hours after its midnight in UTC. */
    static Instant at(LocalDate day, int hoursUtc) {
        return day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(hoursUtc * 3600L);
    }

    private static BigDecimal money(String amount) {
        return amount == null ? null : new BigDecimal(amount);
    }
}
