package com.reconflow.stock.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import com.reconflow.config.Db;
import com.reconflow.config.ReconProperties;
import com.reconflow.stock.Movement;
import com.reconflow.stock.MovementRequest;
import com.reconflow.stock.MovementType;
import com.reconflow.stock.StockFigure;
import com.reconflow.stock.StockLedger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stock effects of one order line: its sale (from its reservation as far as that goes, the rest from what
 * is available), or the release of its reservation. Origin keys {@code order:<record>:SALE},
 * {@code order:<record>:RESERVED_SALE} and {@code order:<record>:CANCELLATION} make each happen once.
 */
@Component
class OrderMovements {

    static final String SALE = "SALE";
    static final String RESERVED_SALE = "RESERVED_SALE";
    static final String CANCELLATION = "CANCELLATION";

    /** A reservation line of the order for the line's SKU and location, and what of it is still held. */
    record ReservedLine(long reservationId, int lineNo, long quantity, long settled) {
        long held() {
            return quantity - settled;
        }
    }

    private final JdbcClient jdbc;
    private final StockLedger ledger;
    private final ReconProperties properties;

    OrderMovements(JdbcClient jdbc, StockLedger ledger, ReconProperties properties) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.properties = properties;
    }

    Optional<OrderLine> line(long recordId) {
        return jdbc.sql("SELECT " + OrderLine.COLUMNS + " FROM recon_record WHERE id = ?").param(recordId)
                .query(OrderMovements::orderLine).optional();
    }

    List<OrderLine> linesOfImport(long importId, long afterRecordId, int limit) {
        return jdbc.sql("SELECT " + OrderLine.COLUMNS + " FROM recon_record WHERE import_id = ? AND kind = 'ORDER' "
                        + "AND id > ? ORDER BY id LIMIT ?")
                .params(importId, afterRecordId, limit).query(OrderMovements::orderLine).list();
    }

    /**
     * The SKU's figures at the location with its row locked until the transaction ends, so what is decided on
     * them still holds when the movements are written; empty when the ledger never saw the SKU there.
     */
    Optional<StockFigure> lockFigure(String sku, String location) {
        return jdbc.sql("SELECT on_hand, reserved FROM stock_level WHERE sku = ? AND location = ? FOR UPDATE")
                .params(sku, location)
                .query((rs, n) -> new StockFigure(sku, location, rs.getLong(1), rs.getLong(2))).optional();
    }

    /** Whether any movement of the line was recorded before (a chunk or a decision done again). */
    boolean moved(OrderLine line) {
        return jdbc.sql("SELECT COUNT(*) FROM stock_movement WHERE origin_key IN (?, ?, ?)")
                .params(line.originKey(SALE), line.originKey(RESERVED_SALE), line.originKey(CANCELLATION))
                .query(Long.class).single() > 0;
    }

    /** The order's reservation line for the SKU at the location, while it still holds something. */
    Optional<ReservedLine> reserved(OrderLine line, String location) {
        return jdbc.sql("SELECT l.reservation_id, l.line_no, l.quantity, l.settled FROM stock_reservation r "
                        + "JOIN stock_reservation_line l ON l.reservation_id = r.id "
                        + "WHERE r.channel = ? AND r.order_no = ? AND l.sku = ? AND l.location = ? AND l.settled < l.quantity")
                .params(line.channel(), line.orderNo(), line.sku(), location)
                .query((rs, n) -> new ReservedLine(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)))
                .optional();
    }

    /**
     * Whether the line's sale fits at the location: what its reservation holds, plus what is available for the
     * rest, and never more than is on hand.
     */
    static boolean fits(long quantity, StockFigure figure, Optional<ReservedLine> reserved) {
        long fromReserved = Math.min(quantity, reserved.map(ReservedLine::held).orElse(0L));
        return figure.onHand() >= quantity && figure.available() >= quantity - fromReserved;
    }

    /** What the line could have taken at the location: what is available plus what it holds itself. */
    static long availableTo(long quantity, StockFigure figure, Optional<ReservedLine> reserved) {
        return figure.available() + Math.min(quantity, reserved.map(ReservedLine::held).orElse(0L));
    }

    /**
     * Posts the line's sale at the location: the reserved part as a {@code RESERVED_SALE}, the rest as a
     * {@code SALE}; what the reservation holds beyond the line is given back. {@code owed} lets the sale go below
     * zero (a back-order). Returns the movement that stands for the sale (the {@code SALE} if there is one).
     */
    Movement sell(OrderLine line, String location, Optional<ReservedLine> reserved, boolean owed, String user,
                  String note) {
        long quantity = line.quantity();
        long fromReserved = Math.min(quantity, reserved.map(ReservedLine::held).orElse(0L));
        Movement result = null;
        if (fromReserved > 0) {
            MovementRequest consume = request(line, location, MovementType.RESERVED_SALE, fromReserved, RESERVED_SALE,
                    user, note);
            result = owed ? ledger.recordOwed(consume) : ledger.record(consume);
            settle(reserved.get(), fromReserved, "FULFILLED");
        }
        if (quantity > fromReserved) {
            MovementRequest sale = request(line, location, MovementType.SALE, quantity - fromReserved, SALE, user, note);
            result = owed ? ledger.recordOwed(sale) : ledger.record(sale);
        }
        reserved.ifPresent(r -> {
            long surplus = r.held() - fromReserved;
            if (surplus > 0) {
                ledger.record(request(line, location, MovementType.CANCELLATION, surplus, CANCELLATION, user,
                        "reserved beyond the order line's quantity, given back"));
                settle(r, surplus, "FULFILLED");
            }
        });
        return result;
    }

    /** Gives back what the order's reservation still holds for the line at the location. */
    void release(OrderLine line, String location, ReservedLine reserved, String user, String note) {
        ledger.record(request(line, location, MovementType.CANCELLATION, reserved.held(), CANCELLATION, user, note));
        settle(reserved, reserved.held(), "CANCELLED");
    }

    /**
     * Marks part of a reservation line as taken out; a reservation all of whose lines are taken out ends as
     * {@code closing} (FULFILLED by sales, CANCELLED by a cancellation).
     */
    private void settle(ReservedLine reserved, long quantity, String closing) {
        jdbc.sql("UPDATE stock_reservation_line SET settled = settled + ? WHERE reservation_id = ? AND line_no = ? "
                        + "AND settled + ? <= quantity")
                .params(quantity, reserved.reservationId(), reserved.lineNo(), quantity).update();
        jdbc.sql("UPDATE stock_reservation SET status = ? WHERE id = ? AND status = 'RESERVED' AND NOT EXISTS "
                        + "(SELECT 1 FROM stock_reservation_line WHERE reservation_id = ? AND settled < quantity)")
                .params(closing, reserved.reservationId(), reserved.reservationId()).update();
    }

    private MovementRequest request(OrderLine line, String location, MovementType type, long quantity, String what,
                                    String user, String note) {
        return new MovementRequest(line.sku(), location, type, quantity, line.orderNo(), line.orderNo(),
                line.channel(), line.recordId(), line.importId(), line.lineNo(), user, note,
                line.occurredAt() != null ? line.occurredAt()
                        : line.businessDate().atStartOfDay(properties.zone()).toInstant(),
                line.originKey(what));
    }

    private static OrderLine orderLine(ResultSet rs, int row) throws SQLException {
        return new OrderLine(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getObject(8, Integer.class), rs.getString(9),
                Db.instant(rs.getObject(10, LocalDateTime.class)), rs.getObject(11, LocalDate.class));
    }
}
