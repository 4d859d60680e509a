package com.reconflow.stock.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.reconflow.config.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@code stock_interception}: oversold order lines and what operations decided about them. */
@Repository
class Interceptions {

    private static final String COLUMNS = "id, record_id, order_no, channel, sku, location, quantity, available_then, "
            + "business_date, status, created_at, process_instance_id, decision, decision_location, decision_comment, "
            + "decided_by, decided_at, movement_id";

    private final JdbcClient jdbc;

    Interceptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long open(long recordId, String orderNo, String channel, String sku, String location, long quantity,
              long availableThen, LocalDate businessDate, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO stock_interception (record_id, order_no, channel, sku, location, quantity, available_then, "
                        + "business_date, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(recordId, orderNo, channel, sku, location, quantity, availableThen, businessDate,
                        Interception.OPEN, Db.utc(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    boolean existsForRecord(long recordId) {
        return jdbc.sql("SELECT id FROM stock_interception WHERE record_id = ?").param(recordId).query(Long.class)
                .optional().isPresent();
    }

    void linkProcess(long id, String processInstanceId) {
        jdbc.sql("UPDATE stock_interception SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id)
                .update();
    }

    Optional<Interception> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stock_interception WHERE id = ?").param(id)
                .query(Interceptions::interception).optional();
    }

    /** Newest first, at most {@code limit}; each filter optional. */
    List<Interception> list(String status, String orderNo, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM stock_interception WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (orderNo != null) {
            sql.append(" AND order_no = ?");
            params.add(orderNo);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(Interceptions::interception).list();
    }

    /** Records the decision of an open interception; false when it was decided before (nothing changes). */
    boolean decide(long id, OversellDecision decision, String location, String comment, String user, Long movementId,
                   Instant now) {
        return jdbc.sql("UPDATE stock_interception SET status = ?, decision = ?, decision_location = ?, "
                        + "decision_comment = ?, decided_by = ?, decided_at = ?, movement_id = ? WHERE id = ? AND status = ?")
                .params(Interception.DECIDED, decision.name(), location, Db.clip(comment, 2000), user, Db.utc(now),
                        movementId, id, Interception.OPEN)
                .update() == 1;
    }

    private static Interception interception(ResultSet rs, int row) throws SQLException {
        return new Interception(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getObject(9, LocalDate.class), rs.getString(10),
                Db.instant(rs.getObject(11, LocalDateTime.class)), rs.getString(12), rs.getString(13),
                rs.getString(14), rs.getString(15), rs.getString(16),
                Db.instant(rs.getObject(17, LocalDateTime.class)), rs.getObject(18, Long.class));
    }
}
