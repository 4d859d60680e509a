package com.reconflow.support;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on the MySQL-protocol server of the machine (MariaDB on 127.0.0.1:3306
 * here, MySQL 8 in production) through mysql-connector-j, on a database made fresh for this run.
 * Override with RECON_TEST_MYSQL_HOST, _PORT, _USER, _PASSWORD, _DATABASE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "mysql"})
public abstract class MariaDbAppTest extends AppTest {

    protected static final Path INBOX = AppTestSupport.newInbox("mariadb");
    private static final String DATABASE = env("RECON_TEST_MYSQL_DATABASE", "reconflow_test");
    private static final String SERVER = "jdbc:mysql://" + env("RECON_TEST_MYSQL_HOST", "127.0.0.1") + ":"
            + env("RECON_TEST_MYSQL_PORT", "3306") + "/";
    private static final String USER = env("RECON_TEST_MYSQL_USER", "root");
    private static final String PASSWORD = env("RECON_TEST_MYSQL_PASSWORD", "");

    @Override
    public Path inbox() {
        return INBOX;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws SQLException {
        recreateDatabase();
        AppTestSupport.commonProperties(registry, INBOX);
        registry.add("spring.datasource.url", () -> SERVER + DATABASE
                + "?sendFractionalSeconds=false&rewriteBatchedStatements=true&nullCatalogMeansCurrent=true&characterEncoding=UTF-8");
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    /** Camunda wants case-sensitive comparisons: utf8mb4_bin. */
    private static void recreateDatabase() throws SQLException {
        try (var connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
