package com.reconflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Records imported before version 4 get the refunded amount and memo their JSON attributes hold. */
class RecordColumnsMigrationTest {

    private DataSource db;
    private JdbcClient jdbc;

    /** A database without any tables. */
    DataSource emptyDatabase() throws java.sql.SQLException {
        return new DriverManagerDataSource("jdbc:h2:mem:record-columns-migration;DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Test
    void existingRecordsAreFilledFromTheirAttributes() throws Exception {
        db = emptyDatabase();
        jdbc = JdbcClient.create(db);
        Flyway.configure().dataSource(db).target("3").load().migrate();
        jdbc.sql("""
                INSERT INTO recon_import (id, source, format, file_name, content_sha256, status, rows_accepted,
                                          rows_rejected, rows_duplicate, imported_by, imported_at)
                VALUES (1, 'jd', 'channel-orders', 'jd.csv', 'x', 'ACCEPTED', 4, 0, 0, 'test', CURRENT_TIMESTAMP)""")
                .update();
        record(1, "ORDER", "{\"SKU\":\"MZ0001\",\"退款金额\":\"12.50\",\"数量\":\"1\"}");
        record(2, "ORDER", "{\"退款金额\":\"\"}");
        record(3, "PAYMENT", "{\"商户数据包\":\"A-1|A-2\",\"费率\":\"0.60%\"}");
        record(4, "PAYMENT", null);
        record(5, "ORDER", "{\"退款金额\":\"twelve\"}");

        Flyway.configure().dataSource(db).javaMigrations(new RecordColumnsMigration()).load().migrate();

        List<String> rows = jdbc.sql("SELECT id, refunded_amount, memo FROM recon_record ORDER BY id")
                .query((rs, n) -> rs.getLong(1) + " " + rs.getBigDecimal(2) + " " + rs.getString(3)).list();
        assertThat(rows).containsExactly("1 12.50 null", "2 null null", "3 null A-1|A-2", "4 null null",
                "5 null null");
    }

    private void record(long id, String kind, String attributes) {
        jdbc.sql("""
                INSERT INTO recon_record (id, import_id, line_no, kind, source, format, business_date, amount,
                                          currency, raw_line, attributes, natural_key)
                VALUES (?, 1, ?, ?, 'jd', 'channel-orders', DATE '2026-11-20', 10.00, 'CNY', 'raw', ?, ?)""")
                .params(id, id + 1, kind, attributes, kind + ":" + id)
                .update();
    }
}
