package com.reconflow.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.reconflow.config.Db;
import com.reconflow.config.Digests;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The archive's tables, and what the archive reads of a run to write its workbook and voucher. */
@Repository
class ArchiveRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final int partSize;

    ArchiveRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ArchiveProperties properties) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.partSize = (int) properties.reportPartSize().toBytes();
    }

    /** The head of the chain: the last archive's place and chain hash (0 and none before the first). */
    record ChainHead(long lastSeq, String lastHash) {
    }

    /** An archive's fields as stored, without its files. */
    record StoredArchive(long runId, LocalDate businessDate, Instant archivedAt, Long seq, String reportSha256,
                         String voucherSha256, String prevHash, String recordHash, String chainHash) {
    }

    /** What is appended: the workbook is read from a file, as a big day's workbook is tens of megabytes. */
    record NewArchive(long runId, LocalDate businessDate, Instant archivedAt, Path report, String reportSha256,
                      byte[] voucher, String voucherSha256, long seq, String prevHash, String recordHash,
                      String chainHash) {
    }

    // --- the run's figures ---

    /** Locks the run's row until the transaction ends: one archiving of a run at a time, on any node. */
    boolean lockRun(long runId) {
        return !jdbc.sql("SELECT id FROM recon_run WHERE id = ? FOR UPDATE").param(runId).query(Long.class).list()
                .isEmpty();
    }

    String rulesVersion(long runId) {
        return jdbc.sql("SELECT rules_version FROM recon_run WHERE id = ?").param(runId).query(String.class).single();
    }

    List<ReconciliationReport.SourceTotal> sourceTotals(LocalDate businessDate) {
        return jdbc.sql("""
                        SELECT source, kind, COUNT(*) AS records, SUM(amount) AS amount
                        FROM recon_record WHERE business_date = ? GROUP BY source, kind ORDER BY source, kind""")
                .param(businessDate)
                .query((rs, n) -> new ReconciliationReport.SourceTotal(rs.getString("source"), rs.getString("kind"),
                        rs.getLong("records"), money(rs, "amount")))
                .list();
    }

    List<ReconciliationReport.DiscrepancyTotal> discrepancyTotals(long runId) {
        return jdbc.sql("""
                        SELECT source, type, COUNT(*) AS n, SUM(difference) AS difference
                        FROM recon_discrepancy WHERE run_id = ? AND status <> 'SUPERSEDED'
                        GROUP BY source, type ORDER BY source, type""")
                .param(runId)
                .query((rs, n) -> new ReconciliationReport.DiscrepancyTotal(rs.getString("source"),
                        rs.getString("type"), rs.getLong("n"), money(rs, "difference")))
                .list();
    }

    /** Decided discrepancies by decision: a posting's kind and amount once applied, else the decision and its difference. */
    List<ReconciliationReport.DecisionTotal> decisionTotals(long runId) {
        return jdbc.sql("""
                        SELECT COALESCE(p.kind, d.decision) AS kind, COUNT(*) AS n,
                               SUM(COALESCE(p.amount, d.difference)) AS amount
                        FROM recon_discrepancy d LEFT JOIN recon_decision_posting p ON p.discrepancy_id = d.id
                        WHERE d.run_id = ? AND d.status = 'RESOLVED' AND d.decision IS NOT NULL
                        GROUP BY COALESCE(p.kind, d.decision) ORDER BY 1""")
                .param(runId)
                .query((rs, n) -> new ReconciliationReport.DecisionTotal(rs.getString("kind"), rs.getLong("n"),
                        money(rs, "amount")))
                .list();
    }

    /** The people who decided the run's discrepancies; auto-resolution ("system") is no person. */
    List<String> deciders(long runId) {
        return sorted(jdbc.sql("""
                        SELECT decided_by FROM recon_discrepancy
                        WHERE run_id = ? AND decision IS NOT NULL AND decided_by IS NOT NULL AND decided_by <> 'system'
                        UNION
                        SELECT decided_by FROM recon_decision_posting WHERE run_id = ? AND decided_by <> 'system'""")
                .params(runId, runId).query(String.class).list());
    }

    List<String> approvers(long runId) {
        return sorted(jdbc.sql("""
                        SELECT approved_by FROM recon_discrepancy WHERE run_id = ? AND approved_by IS NOT NULL
                        UNION
                        SELECT approved_by FROM recon_decision_posting WHERE run_id = ? AND approved_by IS NOT NULL""")
                .params(runId, runId).query(String.class).list());
    }

    /** The run's detail rows, each query streamed and read to its end before the next one starts. */
    ReportRows rows(long runId, LocalDate businessDate) {
        return new ReportRows() {
            @Override
            public void matches(Consumer<MatchLine> each) {
                stream("""
                        SELECT m.match_kind, m.rule_id, o.order_no, o.source, o.amount, p.kind, p.txn_id, p.refund_no,
                               p.source, p.amount, m.basis
                        FROM recon_match m
                        JOIN recon_record o ON o.id = m.order_record_id
                        JOIN recon_record p ON p.id = m.payment_record_id
                        WHERE m.run_id = ? AND m.superseded_at IS NULL ORDER BY m.id""", rs -> each.accept(
                        new MatchLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                money(rs, 5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                money(rs, 10), rs.getString(11))), runId);
            }

            @Override
            public void discrepancies(Consumer<DiscrepancyLine> each) {
                stream("""
                        SELECT d.id, d.type, d.rule_id, d.source, d.counter_source, d.order_no, d.txn_id, d.expected,
                               d.actual, d.difference, d.status, d.priority, d.decision, d.decision_comment,
                               d.decided_by, d.decided_at, d.approved_by, d.approved_at, d.resolution_rule,
                               d.carried_at, p.kind, p.amount, p.created_at
                        FROM recon_discrepancy d LEFT JOIN recon_decision_posting p ON p.discrepancy_id = d.id
                        WHERE d.run_id = ? ORDER BY d.id""", rs -> each.accept(
                        new DiscrepancyLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), money(rs, 8), money(rs, 9),
                                money(rs, 10), rs.getString(11), rs.getObject(12, Integer.class), rs.getString(13),
                                rs.getString(14), rs.getString(15), time(rs, 16), rs.getString(17), time(rs, 18),
                                rs.getString(19), time(rs, 20), rs.getString(21), money(rs, 22), time(rs, 23))),
                        runId);
            }

            @Override
            public void carried(Consumer<CarriedLine> each) {
                stream("""
                        SELECT r.business_date, d.run_id, d.id, d.type, d.source, d.order_no, d.txn_id, d.difference,
                               d.status, d.carried_at
                        FROM recon_discrepancy d JOIN recon_run r ON r.id = d.run_id
                        WHERE d.carried_at IS NOT NULL
                          AND (d.run_id = ? OR (r.business_date < ? AND d.status = 'OPEN'))
                        ORDER BY r.business_date, d.id""", rs -> each.accept(
                        new CarriedLine(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), money(rs, 8),
                                rs.getString(9), time(rs, 10), rs.getLong(2) == runId)), runId, businessDate);
            }
        };
    }

    // --- the archive and its chain ---

    boolean exists(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM recon_archive WHERE run_id = ?").param(runId).query(Long.class)
                .single() > 0;
    }

    /** Locks the chain's head until the transaction ends: appends from every node queue here. */
    ChainHead lockChainHead() {
        return jdbc.sql("SELECT last_seq, last_hash FROM recon_archive_chain WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2))).single();
    }

    ChainHead chainHead() {
        return jdbc.sql("SELECT last_seq, last_hash FROM recon_archive_chain WHERE id = 1")
                .query((rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2))).single();
    }

    /**
     * Appends the archive after the head; the caller holds the head's lock. The workbook goes in
     * parts, one statement each, so that no statement exceeds what the database server accepts.
     */
    void append(NewArchive archive, Instant now) {
        try (InputStream report = Files.newInputStream(archive.report())) {
            byte[] first = report.readNBytes(partSize);
            jdbc.sql("""
                            INSERT INTO recon_archive (run_id, business_date, report_xlsx, report_sha256, voucher_pdf,
                                voucher_sha256, chain_seq, prev_hash, record_hash, chain_hash, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(archive.runId(), archive.businessDate(), first, archive.reportSha256(), archive.voucher(),
                            archive.voucherSha256(), archive.seq(), archive.prevHash(), archive.recordHash(),
                            archive.chainHash(), Db.utc(archive.archivedAt()))
                    .update();
            int partNo = 0;
            for (byte[] part = report.readNBytes(partSize); part.length > 0; part = report.readNBytes(partSize)) {
                jdbc.sql("INSERT INTO recon_archive_report_part (run_id, part_no, content) VALUES (?, ?, ?)")
                        .params(archive.runId(), ++partNo, part).update();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the workbook of run #" + archive.runId() + " could not be stored", e);
        }
        int moved = jdbc.sql("UPDATE recon_archive_chain SET last_seq = ?, last_hash = ?, updated_at = ? "
                        + "WHERE id = 1 AND last_seq = ?")
                .params(archive.seq(), archive.chainHash(), Db.utc(now), archive.seq() - 1).update();
        if (moved != 1) {
            throw new IllegalStateException("the archive chain's head moved while run #" + archive.runId()
                    + " was appended to it");
        }
    }

    /**
     * The run's workbook, its parts read one at a time as the stream is read: a big day's workbook
     * never sits in memory whole. Archives are never changed once written, so no transaction is needed.
     */
    Optional<InputStream> report(long runId) {
        Optional<byte[]> first = jdbc.sql("SELECT report_xlsx FROM recon_archive WHERE run_id = ?").param(runId)
                .query((rs, n) -> rs.getBytes(1)).optional();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        int parts = jdbc.sql("SELECT COUNT(*) FROM recon_archive_report_part WHERE run_id = ?").param(runId)
                .query(Integer.class).single();
        Enumeration<InputStream> pieces = new Enumeration<>() {
            private int next = 0;

            @Override
            public boolean hasMoreElements() {
                return next <= parts;
            }

            @Override
            public InputStream nextElement() {
                int partNo = next++;
                return new ByteArrayInputStream(partNo == 0 ? first.get() : jdbc.sql(
                                "SELECT content FROM recon_archive_report_part WHERE run_id = ? AND part_no = ?")
                        .params(runId, partNo).query((rs, n) -> rs.getBytes(1)).single());
            }
        };
        return Optional.of(new SequenceInputStream(pieces));
    }

    /** The SHA-256 of the run's workbook as stored now, all its parts in order. */
    String reportSha256(long runId) {
        try (InputStream in = report(runId).orElseThrow()) {
            return Digests.sha256Hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of the run's voucher as stored now; null without one. */
    String voucherSha256(long runId) {
        return jdbc.sql("SELECT voucher_pdf FROM recon_archive WHERE run_id = ?").param(runId)
                .query((rs, n) -> {
                    byte[] pdf = rs.getBytes(1);
                    return pdf == null ? null : Digests.sha256Hex(pdf);
                }).single();
    }

    /** Empty when the run is not archived, or was archived before vouchers were written. */
    Optional<byte[]> voucher(long runId) {
        return jdbc.sql("SELECT voucher_pdf FROM recon_archive WHERE run_id = ? AND voucher_pdf IS NOT NULL")
                .param(runId).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** The chained archives up to the given place, in chain order: fields only, a few hundred bytes a year's day. */
    List<StoredArchive> chained(long upToSeq) {
        return jdbc.sql(STORED + " WHERE chain_seq IS NOT NULL AND chain_seq <= ? ORDER BY chain_seq")
                .param(upToSeq).query(ArchiveRepository::stored).list();
    }

    /** The archives written before the chain, oldest first. */
    List<StoredArchive> unchained() {
        return jdbc.sql(STORED + " WHERE chain_seq IS NULL ORDER BY created_at, run_id")
                .query(ArchiveRepository::stored).list();
    }

    private static final String STORED = """
            SELECT run_id, business_date, created_at, chain_seq, report_sha256, voucher_sha256, prev_hash,
                   record_hash, chain_hash
            FROM recon_archive""";

    private static StoredArchive stored(ResultSet rs, int row) throws SQLException {
        return new StoredArchive(rs.getLong(1), rs.getObject(2, LocalDate.class), time(rs, 3),
                rs.getObject(4, Long.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9));
    }

    private void stream(String sql, RowCallbackHandler handler, Object... params) {
        jdbcTemplate.query(connection -> Db.streaming(connection, sql), new ArgumentPreparedStatementSetter(params),
                rs -> {
                    while (rs.next()) {
                        handler.processRow(rs);
                    }
                    return null;
                });
    }

    private static List<String> sorted(List<String> names) {
        return List.copyOf(new TreeSet<>(names));
    }

    private static BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.setScale(2);
    }

    private static BigDecimal money(ResultSet rs, int column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.setScale(2);
    }

    private static Instant time(ResultSet rs, int column) throws SQLException {
        return Db.instant(rs.getObject(column, LocalDateTime.class));
    }
}
