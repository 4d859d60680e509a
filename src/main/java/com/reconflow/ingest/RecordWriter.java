package com.reconflow.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collections;
import java.util.List;

import com.mysql.cj.jdbc.JdbcConnection;
import com.reconflow.config.Db;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes one import's records into {@code recon_record} on the connection of the import's
 * transaction, with statements prepared once for the whole file. Rows go in multi-row INSERTs of
 * {@link #ROWS_PER_STATEMENT}; on MySQL that statement is prepared on the server, so values travel in
 * the binary protocol, neither escaped by the driver nor parsed again by the server (about half the
 * CPU of both, against the driver's own batch rewriting).
 */
final class RecordWriter implements AutoCloseable {

    static final int ROWS_PER_STATEMENT = 100;
    private static final String COLUMNS = "(import_id, line_no, kind, source, format, business_date, order_no, "
            + "txn_id, refund_no, amount, fee, currency, status, occurred_at, store, payment_method, category, "
            + "raw_line, attributes, natural_key, refunded_amount, memo)";
    private static final int COLUMN_COUNT = 22;
    private static final String ROW = "(" + String.join(", ", Collections.nCopies(COLUMN_COUNT, "?")) + ")";
    private static final String INSERT_ONE = "INSERT INTO recon_record " + COLUMNS + " VALUES " + ROW;
    private static final String INSERT_MANY = "INSERT INTO recon_record " + COLUMNS + " VALUES "
            + String.join(", ", Collections.nCopies(ROWS_PER_STATEMENT, ROW));

    private final JdbcTemplate jdbcTemplate;
    private final long importId;
    private final String source;
    private final String format;
    private final Connection connection;
    private PreparedStatement many;
    private PreparedStatement one;

    RecordWriter(JdbcTemplate jdbcTemplate, long importId, String source, String format) {
        this.jdbcTemplate = jdbcTemplate;
        this.importId = importId;
        this.source = source;
        this.format = format;
        this.connection = DataSourceUtils.getConnection(jdbcTemplate.getDataSource());
    }

    /** Inserts the records in their order; a clash with a stored natural key is a {@code DuplicateKeyException}. */
    void insert(List<StoredRecord> records) {
        String sql = INSERT_MANY;
        try {
            int i = 0;
            if (records.size() >= ROWS_PER_STATEMENT) {
                many = many != null ? many : prepareOnServer(INSERT_MANY);
                for (; i + ROWS_PER_STATEMENT <= records.size(); i += ROWS_PER_STATEMENT) {
                    for (int k = 0; k < ROWS_PER_STATEMENT; k++) {
                        bind(many, k * COLUMN_COUNT, records.get(i + k));
                    }
                    many.executeUpdate();
                }
            }
            if (i < records.size()) {
                sql = INSERT_ONE;
                one = one != null ? one : connection.prepareStatement(INSERT_ONE);
                try {
                    for (; i < records.size(); i++) {
                        bind(one, 0, records.get(i));
                        one.addBatch();
                    }
                    one.executeBatch();
                } finally {
                    one.clearBatch();
                }
            }
        } catch (SQLException e) {
            throw translate("insert records", sql, e);
        }
    }

    /** A point the import's transaction can go back to, keeping everything written before it. */
    Savepoint savepoint() {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw translate("set a savepoint", null, e);
        }
    }

    void rollbackTo(Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw translate("roll back to a savepoint", null, e);
        }
    }

    void release(Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw translate("release a savepoint", null, e);
        }
    }

    @Override
    public void close() {
        try {
            closeQuietly(many);
            closeQuietly(one);
        } finally {
            DataSourceUtils.releaseConnection(connection, jdbcTemplate.getDataSource());
        }
    }

    private PreparedStatement prepareOnServer(String sql) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)) {
            return connection.unwrap(JdbcConnection.class).serverPrepareStatement(sql);
        }
        return connection.prepareStatement(sql);
    }

    private void bind(PreparedStatement ps, int offset, StoredRecord stored) throws SQLException {
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
    }

    private DataAccessException translate(String task, String sql, SQLException e) {
        DataAccessException translated = jdbcTemplate.getExceptionTranslator().translate(task, sql, e);
        return translated != null ? translated
                : new UncategorizedSQLException(task, sql, e);
    }

    private static void closeQuietly(PreparedStatement statement) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection goes back to the pool either way
            }
        }
    }
}
