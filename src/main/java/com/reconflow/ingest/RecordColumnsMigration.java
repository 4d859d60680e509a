package com.reconflow.ingest;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Schema version 4: {@code recon_record.refunded_amount} and {@code recon_record.memo}, the two
 * attributes matching reads, as columns; records imported before are filled from their JSON
 * attributes. In Java because neither H2 nor MySQL can read the other's JSON. Spring Boot hands
 * migration beans to Flyway.
 */
@Component
class RecordColumnsMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(RecordColumnsMigration.class);
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };
    private static final int PAGE = 1000;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "record refunded amount and memo columns";
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
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE recon_record ADD COLUMN refunded_amount DECIMAL(19,2)");
            // a value of a line of at most 4000 characters
            s.execute("ALTER TABLE recon_record ADD COLUMN memo VARCHAR(4000)");
        }
        long filled = 0;
        long unreadable = 0;
        try (PreparedStatement page = c.prepareStatement("SELECT id, attributes FROM recon_record WHERE id > ? "
                + "AND (attributes LIKE ? OR attributes LIKE ?) ORDER BY id");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE recon_record SET refunded_amount = ?, memo = ? WHERE id = ?")) {
            page.setMaxRows(PAGE);
            page.setString(2, "%\"" + RecordAttributes.REFUNDED_AMOUNT + "\"%");
            page.setString(3, "%\"" + RecordAttributes.MEMO + "\"%");
            long after = 0;
            int read;
            do {
                page.setLong(1, after);
                read = 0;
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        after = rs.getLong(1);
                        Map<String, String> attributes = attributes(rs.getString(2));
                        BigDecimal refunded = null;
                        if (RecordAttributes.refundedAmountProblem(attributes) == null) {
                            refunded = RecordAttributes.refundedAmount(attributes);
                        } else {
                            unreadable++;
                        }
                        update.setObject(1, refunded, Types.DECIMAL);
                        update.setString(2, attributes.get(RecordAttributes.MEMO));
                        update.setLong(3, after);
                        update.addBatch();
                    }
                }
                filled += read;
                update.executeBatch();
            } while (read == PAGE);
        }
        log.info("Records' refunded amounts and memos copied to their columns: {} records{}", filled,
                unreadable == 0 ? "" : ", " + unreadable + " refunded amounts unreadable (left empty)");
    }

    private Map<String, String> attributes(String stored) {
        try {
            return json.readValue(stored, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not JSON: " + stored, e);
        }
    }
}
