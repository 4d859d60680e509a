package com.reconflow.ingest;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.List;

import com.reconflow.config.Db;
import com.reconflow.config.MultiRowInsert;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes one import's records into {@code recon_record} on the connection of the import's
 * transaction, with statements prepared once for the whole file ({@link MultiRowInsert}), and the
 * savepoints the import goes back to when a batch clashes with stored keys.
 */
final class RecordWriter implements AutoCloseable {

    private static final List<String> COLUMNS = List.of("import_id", "line_no", "kind", "source", "format",
            "business_date", "order_no", "txn_id", "refund_no", "amount", "fee", "currency", "status", "occurred_at",
            "store", "payment_method", "category", "raw_line", "attributes", "natural_key", "refunded_amount", "memo",
            "sku", "quantity");

    private final MultiRowInsert<StoredRecord>.Writer rows;

    RecordWriter(JdbcTemplate jdbcTemplate, long importId, String source, String format) {
        this.rows = new MultiRowInsert<StoredRecord>("recon_record", COLUMNS, (ps, offset, stored) -> {
            CanonicalRecord r = stored.record();
            ps.setLong(offset + 1, importId);
            ps.setInt(offset + 2, r.lineNo());
            ps.setString(offset + 3, r.kind().name());
            ps.setString(offset + 4, source);
            ps.setString(offset + 5, format);
            ps.setObject(offset + 6, r.businessDate());
            ps.setString(offset + 7, r.orderNo());
            ps.setString(offset + 8, r.txnId());
            ps.setString(offset + 9, r.refundNo());
            ps.setBigDecimal(offset + 10, r.amount());
            ps.setBigDecimal(offset + 11, r.fee());
            ps.setString(offset + 12, r.currency());
            ps.setString(offset + 13, r.status());
            ps.setObject(offset + 14, r.occurredAt() == null ? null : Db.utc(r.occurredAt().toInstant()));
            ps.setString(offset + 15, r.store());
            ps.setString(offset + 16, r.paymentMethod());
            ps.setString(offset + 17, r.category());
            ps.setString(offset + 18, r.rawLine());
            ps.setString(offset + 19, stored.attributesJson());
            ps.setString(offset + 20, stored.naturalKey());
            ps.setBigDecimal(offset + 21, stored.refundedAmount());
            ps.setString(offset + 22, stored.memo());
            ps.setString(offset + 23, stored.sku());
            ps.setObject(offset + 24, stored.quantity(), Types.INTEGER);
        }).open(jdbcTemplate);
    }

    /** Inserts the records in their order; a clash with a stored natural key is a {@code DuplicateKeyException}. */
    void insert(List<StoredRecord> records) {
        rows.insert(records);
    }

    /** A point the import's transaction can go back to, keeping everything written before it. */
    Savepoint savepoint() {
        try {
            return rows.connection().setSavepoint();
        } catch (SQLException e) {
            throw rows.translate("set a savepoint", null, e);
        }
    }

    void rollbackTo(Savepoint savepoint) {
        try {
            rows.connection().rollback(savepoint);
        } catch (SQLException e) {
            throw rows.translate("roll back to a savepoint", null, e);
        }
    }

    void release(Savepoint savepoint) {
        try {
            rows.connection().releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw rows.translate("release a savepoint", null, e);
        }
    }

    @Override
    public void close() {
        rows.close();
    }
}
