package com.reconflow.stock.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import com.reconflow.config.Db;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code stock_order_posting}: one posting per import, its progress and its counts. */
@Repository
class OrderPostings {

    private final JdbcClient jdbc;

    OrderPostings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the import brought order lines with an article, i.e. anything the posting could move. */
    boolean hasArticleOrders(long importId) {
        return jdbc.sql("SELECT id FROM recon_record WHERE import_id = ? AND kind = 'ORDER' AND sku IS NOT NULL "
                        + "AND quantity IS NOT NULL LIMIT 1")
                .param(importId).query(Long.class).optional().isPresent();
    }

    /** Registers the posting of an import; false when it was registered before (the import announced again). */
    boolean request(long importId, Instant now) {
        try {
            jdbc.sql("INSERT INTO stock_order_posting (import_id, status, last_record_id, posted, intercepted, "
                            + "cancelled, unlocated, untracked, skipped, requested_at) VALUES (?, ?, 0, 0, 0, 0, 0, 0, 0, ?)")
                    .params(importId, OrderPosting.PENDING, Db.utc(now)).update();
            return true;
        } catch (DuplicateKeyException requestedBefore) {
            return false;
        }
    }

    void linkProcess(long importId, String processInstanceId) {
        jdbc.sql("UPDATE stock_order_posting SET process_instance_id = ? WHERE import_id = ?")
                .params(processInstanceId, importId).update();
    }

    /** The posting, its row locked for the chunk's transaction: one chunk of an import at a time. */
    Optional<OrderPosting> lock(long importId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stock_order_posting WHERE import_id = ? FOR UPDATE")
                .param(importId).query(OrderPostings::posting).optional();
    }

    Optional<OrderPosting> find(long importId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stock_order_posting WHERE import_id = ?")
                .param(importId).query(OrderPostings::posting).optional();
    }

    /** The business date of the posting's import: the day whose run compares its sales. */
    Optional<LocalDate> businessDate(long importId) {
        return jdbc.sql("SELECT business_date FROM recon_import WHERE id = ?").param(importId)
                .query((rs, n) -> rs.getObject(1, LocalDate.class)).optional();
    }

    void advance(long importId, long lastRecordId, OrderPosting.Tally tally, boolean done, Instant now) {
        jdbc.sql("UPDATE stock_order_posting SET last_record_id = ?, posted = posted + ?, intercepted = intercepted + ?, "
                        + "cancelled = cancelled + ?, unlocated = unlocated + ?, untracked = untracked + ?, "
                        + "skipped = skipped + ?, status = ?, finished_at = ? WHERE import_id = ?")
                .params(lastRecordId, tally.posted, tally.intercepted, tally.cancelled, tally.unlocated,
                        tally.untracked, tally.skipped, done ? OrderPosting.DONE : OrderPosting.PENDING,
                        done ? Db.utc(now) : null, importId)
                .update();
    }

    private static final String COLUMNS = "import_id, status, process_instance_id, last_record_id, posted, "
            + "intercepted, cancelled, unlocated, untracked, skipped, requested_at, finished_at";

    private static OrderPosting posting(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new OrderPosting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                Db.instant(rs.getObject(11, LocalDateTime.class)), Db.instant(rs.getObject(12, LocalDateTime.class)));
    }
}
