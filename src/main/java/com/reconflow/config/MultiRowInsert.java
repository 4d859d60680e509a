package com.reconflow.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import com.mysql.cj.jdbc.JdbcConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * Inserts many rows into one table on the current transaction's connection, {@link #ROWS_PER_STATEMENT}
 * rows per INSERT with one statement prepared for all of them. H2 then parses and plans once per
 * hundred rows instead of once per row; on MySQL the statement is prepared on the server, so values
 * travel in the binary protocol, neither escaped by the driver nor parsed again by the server.
 *
 * @param <T> what one row is made from
 */
public final class MultiRowInsert<T> {

    public static final int ROWS_PER_STATEMENT = 100;

    /** Binds one row's values, starting after parameter {@code offset}. */
    @FunctionalInterface
    public interface RowBinder<T> {
        void bind(PreparedStatement ps, int offset, T row) throws SQLException;
    }

    private final String table;
    private final int columnCount;
    private final String insertOne;
    private final String insertMany;
    private final RowBinder<T> binder;

    public MultiRowInsert(String table, List<String> columns, RowBinder<T> binder) {
        this.table = table;
        this.columnCount = columns.size();
        String row = "(" + String.join(", ", Collections.nCopies(columnCount, "?")) + ")";
        String into = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        this.insertOne = into + row;
        this.insertMany = into + String.join(", ", Collections.nCopies(ROWS_PER_STATEMENT, row));
        this.binder = binder;
    }

    /** Inserts the rows in their order, within the caller's transaction. */
    public void insert(JdbcTemplate jdbcTemplate, List<? extends T> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(jdbcTemplate.getDataSource());
        String sql = insertMany;
        try {
            int i = 0;
            if (rows.size() >= ROWS_PER_STATEMENT) {
                try (PreparedStatement many = prepareOnServer(connection, insertMany)) {
                    for (; i + ROWS_PER_STATEMENT <= rows.size(); i += ROWS_PER_STATEMENT) {
                        for (int k = 0; k < ROWS_PER_STATEMENT; k++) {
                            binder.bind(many, k * columnCount, rows.get(i + k));
                        }
                        many.executeUpdate();
                    }
                }
            }
            if (i < rows.size()) {
                sql = insertOne;
                try (PreparedStatement one = connection.prepareStatement(insertOne)) {
                    for (; i < rows.size(); i++) {
                        binder.bind(one, 0, rows.get(i));
                        one.addBatch();
                    }
                    one.executeBatch();
                }
            }
        } catch (SQLException e) {
            SQLExceptionTranslator translator = new SQLErrorCodeSQLExceptionTranslator(jdbcTemplate.getDataSource());
            throw translator.translate("insert into " + table, sql, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, jdbcTemplate.getDataSource());
        }
    }

    private static PreparedStatement prepareOnServer(Connection connection, String sql) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)) {
            return connection.unwrap(JdbcConnection.class).serverPrepareStatement(sql);
        }
        return connection.prepareStatement(sql);
    }
}
