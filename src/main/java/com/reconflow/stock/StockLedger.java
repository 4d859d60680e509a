package com.reconflow.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.reconflow.config.Db;
import com.reconflow.config.ReconProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stock ledger: every change of a SKU's figures at a location is a movement, stored with the figures right
 * after it, in the transaction that changes {@code stock_level}.
 *
 * <p>No figure is read, changed in Java and written back: each change is one conditional {@code UPDATE} that
 * adds the movement's change and checks, in the same statement, that enough was available. The database runs
 * concurrent updates of a row one after the other, so no update is lost and no two orders take the same last
 * unit, on every node, on H2 as on MySQL.
 */
@Service
public class StockLedger {

    private static final String MOVEMENT_COLUMNS = "id, sku, location, type, on_hand_change, reserved_change, "
            + "on_hand_after, reserved_after, occurred_at, business_date, recorded_at, reference, order_no, channel, "
            + "record_id, import_id, line_no, recorded_by, note";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ReconProperties properties;
    private final Clock clock;

    StockLedger(JdbcClient jdbc, ApplicationEventPublisher events, ReconProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** The figures now; zeros for a SKU never seen at the location. */
    public StockFigure figure(String sku, String location) {
        return findFigure(sku, location).orElse(StockFigure.none(sku, location));
    }

    /** Every location that holds or held the SKU. */
    public List<StockFigure> figures(String sku) {
        return jdbc.sql("SELECT sku, location, on_hand, reserved FROM stock_level WHERE sku = ? ORDER BY location")
                .param(sku).query(StockLedger::figure).list();
    }

    /**
     * Records a movement and returns it. Offered again with the same origin key, the movement already
     * stored is returned and nothing changes.
     *
     * @throws InsufficientStock when it takes more than is available (sale, transfer out), or would make on
     *                           hand or reserved negative; nothing is stored
     */
    @Transactional
    public Movement record(MovementRequest request) {
        Optional<Movement> earlier = byOriginKey(request.originKey());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        return apply(request, false);
    }

    /**
     * Records a movement that may take more than is there: a back-ordered sale, owed to its customer. On hand
     * and available may go below zero (channels are offered nothing then); reserved never does. Offered again
     * with the same origin key, the stored movement is returned and nothing changes.
     */
    @Transactional
    public Movement recordOwed(MovementRequest request) {
        Optional<Movement> earlier = byOriginKey(request.originKey());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        return apply(request, true);
    }

    /** The movements of a SKU at a location, oldest first, from after {@code afterId}. */
    public List<Movement> movements(String sku, String location, long afterId, int limit) {
        return jdbc.sql("SELECT " + MOVEMENT_COLUMNS + " FROM stock_movement WHERE sku = ? AND location = ? AND id > ? "
                        + "ORDER BY id LIMIT ?")
                .params(sku, location, afterId, limit).query(StockLedger::movement).list();
    }

    /** The movements recorded for an order, oldest first. */
    public List<Movement> movementsOfOrder(String orderNo) {
        return jdbc.sql("SELECT " + MOVEMENT_COLUMNS + " FROM stock_movement WHERE order_no = ? ORDER BY id")
                .param(orderNo).query(StockLedger::movement).list();
    }

    public Optional<Movement> byOriginKey(String originKey) {
        return jdbc.sql("SELECT " + MOVEMENT_COLUMNS + " FROM stock_movement WHERE origin_key = ?")
                .param(originKey).query(StockLedger::movement).optional();
    }

    /** A line of a reservation: so many of a SKU from a location. */
    public record ReservationLine(String sku, String location, long quantity) {
    }

    /** A stored reservation; {@code created} is false when the order had reserved before and nothing changed. */
    public record Reservation(long id, String channel, String orderNo, String status, List<ReservationLine> lines,
                              boolean created) {
    }

    /**
     * Holds stock for an order: all its lines or none. Lines naming the same SKU and location count together.
     * The same order (channel and order no.) reserving again gets its reservation back unchanged.
     *
     * @throws InsufficientStock with every line that cannot be served; nothing is stored
     */
    @Transactional
    public Reservation reserve(String channel, String orderNo, List<ReservationLine> lines, String user) {
        Optional<Reservation> earlier = reservation(channel, orderNo);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Map<String, ReservationLine> merged = new LinkedHashMap<>();
        for (ReservationLine line : lines) {
            if (line.quantity() <= 0) {
                throw new IllegalArgumentException("quantity of " + line.sku() + " must be a positive whole number");
            }
            merged.merge(line.sku() + "\u0000" + line.location(), line,
                    (a, b) -> new ReservationLine(a.sku(), a.location(), a.quantity() + b.quantity()));
        }
        var key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO stock_reservation (channel, order_no, status, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
                .params(channel, orderNo, "RESERVED", Db.utc(clock.instant()), user)
                .update(key, "id");
        long id = key.getKey().longValue();
        // Rows are locked in one order by every reservation, so two reservations never wait for each other.
        List<ReservationLine> sorted = merged.values().stream()
                .sorted(Comparator.comparing(ReservationLine::sku).thenComparing(ReservationLine::location))
                .toList();
        List<InsufficientStock.ShortLine> shortLines = new ArrayList<>();
        int lineNo = 0;
        for (ReservationLine line : sorted) {
            lineNo++;
            jdbc.sql("INSERT INTO stock_reservation_line (reservation_id, line_no, sku, location, quantity, settled) "
                            + "VALUES (?, ?, ?, ?, ?, 0)")
                    .params(id, lineNo, line.sku(), line.location(), line.quantity()).update();
            try {
                apply(new MovementRequest(line.sku(), line.location(), MovementType.RESERVATION, line.quantity(),
                        orderNo, orderNo, channel, null, null, null, user, null, null,
                        "reservation:" + id + ":" + lineNo), false);
            } catch (InsufficientStock e) {
                shortLines.addAll(e.shortLines());
            }
        }
        if (!shortLines.isEmpty()) {
            // Rolls back the reservation and its lines already held.
            throw new InsufficientStock(shortLines);
        }
        return new Reservation(id, channel, orderNo, "RESERVED", sorted, true);
    }

    public Optional<Reservation> reservation(String channel, String orderNo) {
        return jdbc.sql("SELECT id, status FROM stock_reservation WHERE channel = ? AND order_no = ?")
                .params(channel, orderNo)
                .query((rs, n) -> new Reservation(rs.getLong(1), channel, orderNo, rs.getString(2),
                        reservationLines(rs.getLong(1)), false))
                .optional();
    }

    private List<ReservationLine> reservationLines(long reservationId) {
        return jdbc.sql("SELECT sku, location, quantity FROM stock_reservation_line WHERE reservation_id = ? ORDER BY line_no")
                .param(reservationId)
                .query((rs, n) -> new ReservationLine(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    // On hand may not be taken below zero; once below (goods owed, see recordOwed) what comes in is still taken.
    private static final String CHANGE = "UPDATE stock_level SET on_hand = on_hand + ?, reserved = reserved + ?, "
            + "updated_at = ? WHERE sku = ? AND location = ? AND on_hand + ? >= LEAST(on_hand, 0) AND reserved + ? >= 0";
    private static final String CHANGE_IF_AVAILABLE = CHANGE + " AND on_hand + ? - (reserved + ?) >= 0";
    private static final String CHANGE_OWED = "UPDATE stock_level SET on_hand = on_hand + ?, reserved = reserved + ?, "
            + "updated_at = ? WHERE sku = ? AND location = ? AND reserved + ? >= 0";

    private Movement apply(MovementRequest request, boolean owed) {
        String sku = request.sku();
        String location = request.location();
        long onHandChange = request.onHandChange();
        long reservedChange = request.reservedChange();
        Instant now = clock.instant();

        List<Object> params = new ArrayList<>(List.of(onHandChange, reservedChange, Db.utc(now), sku, location));
        String change;
        if (owed) {
            change = CHANGE_OWED;
            params.add(reservedChange);
        } else {
            change = request.type().needsAvailable() ? CHANGE_IF_AVAILABLE : CHANGE;
            params.add(onHandChange);
            params.add(reservedChange);
            if (request.type().needsAvailable()) {
                params.add(onHandChange);
                params.add(reservedChange);
            }
        }
        int changed = jdbc.sql(change).params(params).update();
        if (changed == 0 && findFigure(sku, location).isEmpty()) {
            // The SKU's first movement at the location: its row starts at zero, then takes the change.
            insertLevel(sku, location, now);
            changed = jdbc.sql(change).params(params).update();
        }
        if (changed == 0) {
            StockFigure now2 = figure(sku, location);
            throw new InsufficientStock(List.of(new InsufficientStock.ShortLine(sku, location, request.quantity(),
                    request.type().needsAvailable() ? now2.available() : now2.onHand())));
        }
        StockFigure after = figure(sku, location);
        StockFigure before = new StockFigure(sku, location, after.onHand() - onHandChange,
                after.reserved() - reservedChange);

        Instant occurredAt = request.occurredAt() == null ? now : request.occurredAt();
        var key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO stock_movement (sku, location, type, on_hand_change, reserved_change, on_hand_after, "
                        + "reserved_after, occurred_at, business_date, recorded_at, reference, order_no, channel, "
                        + "record_id, import_id, line_no, recorded_by, note, origin_key) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(sku, location, request.type().name(), onHandChange, reservedChange, after.onHand(),
                        after.reserved(), Db.utc(occurredAt), occurredAt.atZone(properties.zone()).toLocalDate(),
                        Db.utc(now), Db.clip(request.reference(), 100), request.orderNo(), request.channel(),
                        request.recordId(), request.importId(), request.lineNo(), request.recordedBy(),
                        Db.clip(request.note(), 500), request.originKey())
                .update(key, "id");
        long id = key.getKey().longValue();
        Movement movement = new Movement(id, sku, location, request.type(), onHandChange, reservedChange,
                after.onHand(), after.reserved(), occurredAt, occurredAt.atZone(properties.zone()).toLocalDate(), now,
                request.reference(), request.orderNo(), request.channel(), request.recordId(), request.importId(),
                request.lineNo(), request.recordedBy(), request.note());
        events.publishEvent(new StockChanged(movement, before, after));
        return movement;
    }

    /** The SKU's row at the location, at zero. */
    private void insertLevel(String sku, String location, Instant now) {
        try {
            jdbc.sql("INSERT INTO stock_level (sku, location, on_hand, reserved, updated_at) VALUES (?, ?, 0, 0, ?)")
                    .params(sku, location, Db.utc(now)).update();
        } catch (DuplicateKeyException madeMeanwhile) {
            // Another transaction made it first; its row is the one to change.
        }
    }

    private Optional<StockFigure> findFigure(String sku, String location) {
        return jdbc.sql("SELECT sku, location, on_hand, reserved FROM stock_level WHERE sku = ? AND location = ?")
                .params(sku, location).query(StockLedger::figure).optional();
    }

    private static StockFigure figure(ResultSet rs, int row) throws SQLException {
        return new StockFigure(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
    }

    private static Movement movement(ResultSet rs, int row) throws SQLException {
        return new Movement(rs.getLong(1), rs.getString(2), rs.getString(3), MovementType.valueOf(rs.getString(4)),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                Db.instant(rs.getObject(9, LocalDateTime.class)), rs.getObject(10, java.time.LocalDate.class),
                Db.instant(rs.getObject(11, LocalDateTime.class)), rs.getString(12), rs.getString(13),
                rs.getString(14), (Long) rs.getObject(15, Long.class), (Long) rs.getObject(16, Long.class),
                (Integer) rs.getObject(17, Integer.class), rs.getString(18), rs.getString(19));
    }
}
