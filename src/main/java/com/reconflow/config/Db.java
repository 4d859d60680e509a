package com.reconflow.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import com.mysql.cj.jdbc.JdbcConnection;

/**
 * Times go to the database as UTC wall-clock values, so what is stored never depends on the
 * database server's or the JVM's zone.
 */
public final class Db {

    private Db() {
    }

    public static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(LocalDateTime utcValue) {
        return utcValue == null ? null : utcValue.toInstant(ZoneOffset.UTC);
    }

    /** A descriptive text cut to its column's width; never used for keys or amounts. */
    public static String clip(String value, int width) {
        return value == null || value.length() <= width ? value : value.substring(0, width);
    }

    /**
     * A query whose rows are handed over as the server sends them. MySQL's driver otherwise reads a
     * whole result into memory before the first row, so a million-row day would sit in the heap
     * twice: as the driver's rows and as what is made of them. H2 pages big results by itself.
     */
    public static PreparedStatement streaming(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        if (connection.isWrapperFor(JdbcConnection.class)) {
            statement.setFetchSize(Integer.MIN_VALUE);
        }
        return statement;
    }

    /**
     * The index hint that makes the database walk a table's primary key for an id range, written after the
     * table's alias ({@code FROM recon_record r <hint> WHERE r.id >= ? AND r.id <= ? AND ...}): H2 and MySQL
     * would rather take another index on the rest of the condition, which means a lookup per row. H2 names
     * the key's index itself, so it is looked up; empty for other databases.
     */
    public static String primaryKeyScan(Connection connection, String table) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)) {
            return "FORCE INDEX (PRIMARY)";
        }
        if (!connection.getMetaData().getDatabaseProductName().contains("H2")) {
            return "";
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT INDEX_NAME "
                + "FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = SCHEMA() AND UPPER(TABLE_NAME) = UPPER(?) "
                + "AND INDEX_TYPE_NAME = 'PRIMARY KEY'")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? "USE INDEX (\"" + rs.getString(1) + "\")" : "";
            }
        }
    }
}
