package com.reconflow.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.reconflow.config.Db;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Imports, their records and their quarantined rows. */
@Repository
class ImportRepository {

    private static final int BATCH_SIZE = 500;

    /** Where a natural key is already stored: which import brought it, from which line. */
    record KeyOwner(long importId, int lineNo) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    ImportRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    Optional<Long> findIdByContent(String sha256) {
        return jdbc.sql("SELECT id FROM recon_import WHERE content_sha256 = ?")
                .param(sha256).query(Long.class).optional();
    }

    /** The import's row comes first: its unique content hash stops a second node importing the same bytes. */
    long insertImport(ImportRequest request, String format, String sha256, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO recon_import (source, format, file_name, content_sha256, status, rows_accepted,
                                          rows_rejected, rows_duplicate, corrects_import_id, imported_by, imported_at)
                VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?)""")
                .params(request.source(), format, request.fileName(), sha256, ImportStatus.ACCEPTED.name(),
                        request.correctsImportId(), request.importedBy(), Db.utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void completeImport(long id, LocalDate businessDate, ImportStatus status, long accepted, long rejected,
                        long duplicate, String columnHeaders) {
        jdbc.sql("""
                UPDATE recon_import SET business_date = ?, status = ?, rows_accepted = ?, rows_rejected = ?,
                                        rows_duplicate = ?, column_headers = ?
                WHERE id = ?""")
                .params(businessDate, status.name(), accepted, rejected, duplicate, columnHeaders, id)
                .update();
    }

    /** Where the source already has records with these natural keys. */
    Map<String, KeyOwner> existingKeys(String source, Collection<String> naturalKeys) {
        if (naturalKeys.isEmpty()) {
            return Map.of();
        }
        Map<String, KeyOwner> found = new HashMap<>();
        jdbc.sql("SELECT natural_key, import_id, line_no FROM recon_record WHERE source = :source "
                        + "AND natural_key IN (:keys)")
                .param("source", source)
                .param("keys", naturalKeys)
                .query(rs -> {
                    found.put(rs.getString(1), new KeyOwner(rs.getLong(2), rs.getInt(3)));
                });
        return found;
    }

    /** Opens the writer of one import's records, on the connection of the import's transaction. */
    RecordWriter recordWriter(long importId, String source, String format) {
        return new RecordWriter(jdbcTemplate, importId, source, format);
    }

    void insertRejectedRows(long importId, List<RowError> rows) {
        jdbcTemplate.batchUpdate("""
                INSERT INTO recon_rejected_row (import_id, line_no, field, message, raw_line)
                VALUES (?, ?, ?, ?, ?)""",
                rows, BATCH_SIZE, (ps, e) -> {
                    ps.setLong(1, importId);
                    ps.setInt(2, e.line());
                    ps.setString(3, e.field());
                    ps.setString(4, e.message());
                    ps.setString(5, e.rawLine());
                });
    }

    Optional<ImportResult> find(long id) {
        return jdbc.sql("""
                SELECT id, source, format, file_name, business_date, status, rows_accepted, rows_rejected,
                       rows_duplicate, corrects_import_id
                FROM recon_import WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new ImportResult(rs.getLong("id"), rs.getString("source"), rs.getString("format"),
                        rs.getString("file_name"), rs.getObject("business_date", LocalDate.class),
                        ImportStatus.valueOf(rs.getString("status")), rs.getLong("rows_accepted"),
                        rs.getLong("rows_rejected"), rs.getLong("rows_duplicate"), rejectedRows(id),
                        rs.getObject("corrects_import_id", Long.class), correctedBy(id)))
                .optional();
    }

    private List<Long> correctedBy(long importId) {
        return jdbc.sql("SELECT id FROM recon_import WHERE corrects_import_id = ? ORDER BY id").param(importId)
                .query(Long.class).list();
    }

    List<RowError> rejectedRows(long importId) {
        return jdbc.sql("SELECT line_no, field, message, raw_line FROM recon_rejected_row WHERE import_id = ? ORDER BY line_no")
                .param(importId)
                .query((rs, n) -> new RowError(rs.getInt("line_no"), rs.getString("field"),
                        rs.getString("message"), rs.getString("raw_line")))
                .list();
    }
}
