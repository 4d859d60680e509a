package com.reconflow.ingest;

import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The version 4 migration on the MySQL-protocol server of the machine, in a database of its own. */
class RecordColumnsMigrationOnMariaDbTest extends RecordColumnsMigrationTest {

    private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";
    private static final String DATABASE = "reconflow_test_v4";

    @Override
    DataSource emptyDatabase() throws SQLException {
        try (var connection = DriverManager.getConnection(SERVER, "root", "");
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        return new DriverManagerDataSource(SERVER + DATABASE + "?characterEncoding=UTF-8", "root", "");
    }
}
