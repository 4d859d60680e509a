package com.reconflow.stock.reconciliation;

import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Schema version 21.1: {@code recon_discrepancy.record_id} may be empty, for a stock mismatch that no order is
 * involved in (goods recorded as sold without an order). The foreign key stays for every record named. In Java
 * because H2 and MySQL have no common syntax for dropping NOT NULL. Spring Boot hands migration beans to Flyway.
 */
@Component
class DiscrepancyWithoutRecordMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("21.1");
    }

    @Override
    public String getDescription() {
        return "discrepancy without record";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(product.toLowerCase().contains("h2")
                    ? "ALTER TABLE recon_discrepancy ALTER COLUMN record_id SET NULL"
                    : "ALTER TABLE recon_discrepancy MODIFY record_id BIGINT NULL");
        }
    }
}
