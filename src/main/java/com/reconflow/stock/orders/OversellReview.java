package com.reconflow.stock.orders;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.reconflow.config.ReconProperties;
import com.reconflow.stock.Movement;
import com.reconflow.stock.StockFigure;
import com.reconflow.stock.StockLedger;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code oversell-review} case of an intercepted order line: what the operations task shows, which answers
 * it accepts, and the decision applied to the ledger and recorded on the interception.
 */
@Service
public class OversellReview {

    public static final String PROCESS = "oversell-review";
    public static final String INTERCEPTION_ID = "interceptionId";
    static final String DECISION = "oversellDecision";
    static final String ALLOCATE_FROM = "allocateFrom";
    static final String COMMENT = "comment";
    static final String DECIDED_BY = "decidedBy";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Interceptions interceptions;
    private final OrderMovements movements;
    private final StockLedger ledger;
    private final ReconProperties properties;
    private final Clock clock;

    OversellReview(Interceptions interceptions, OrderMovements movements, StockLedger ledger,
                   ReconProperties properties, Clock clock) {
        this.interceptions = interceptions;
        this.movements = movements;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    public Optional<Interception> interception(long id) {
        return interceptions.find(id);
    }

    public List<Interception> interceptions(String status, String orderNo, int limit) {
        return interceptions.list(status, orderNo, limit);
    }

    /** The facts the task shows: the order, what it asked for where, and what the other locations have. */
    Map<String, Object> formVariables(long id) {
        Interception i = require(id);
        OrderLine line = line(i);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("oversellTitle", "Oversold · order " + i.orderNo() + " (" + i.channel() + ") · " + i.quantity()
                + " × " + i.sku() + " at " + i.location());
        variables.put("orderNo", i.orderNo());
        variables.put("channel", i.channel());
        variables.put("sku", i.sku());
        variables.put("location", i.location());
        variables.put("quantity", String.valueOf(i.quantity()));
        variables.put("availableThen", String.valueOf(i.availableThen()));
        variables.put("orderTime", line.occurredAt() == null ? ""
                : TIME.format(line.occurredAt().atZone(properties.zone())));
        variables.put("orderLine", "import #" + line.importId() + ", line " + line.lineNo());
        StringBuilder others = new StringBuilder();
        for (StockFigure f : ledger.figures(i.sku())) {
            if (!f.location().equals(i.location())) {
                others.append(f.location()).append(": ").append(f.available()).append(" available (on hand ")
                        .append(f.onHand()).append(", reserved ").append(f.reserved()).append(")")
                        .append(f.available() >= i.quantity() ? " — can serve the order" : "").append('\n');
            }
        }
        variables.put("otherLocations", others.isEmpty() ? "No other location holds " + i.sku() + "."
                : others.toString().strip());
        return variables;
    }

    /**
     * Refuses an answer that cannot be applied, saying why: no decision, no comment, or an allocation from a
     * location without enough available.
     */
    void checkAnswer(long id, Object decision, Object allocateFrom, Object comment) {
        Interception i = require(id);
        if (!i.isOpen()) {
            throw new IllegalArgumentException("it was decided before (" + i.decision() + " by " + i.decidedBy() + ")");
        }
        OversellDecision chosen = OversellDecision.parse(decision);
        if (!(comment instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("a comment explaining the decision is required");
        }
        if (text.length() > 2000) {
            throw new IllegalArgumentException("the comment is longer than 2000 characters");
        }
        if (chosen == OversellDecision.ALLOCATE) {
            String location = location(allocateFrom);
            OrderLine line = line(i);
            StockFigure figure = ledger.figure(i.sku(), location);
            var reserved = movements.reserved(line, location);
            if (!OrderMovements.fits(i.quantity(), figure, reserved)) {
                throw new IllegalArgumentException(location + " has " + OrderMovements.availableTo(i.quantity(),
                        figure, reserved) + " of " + i.sku() + " available, the order needs " + i.quantity()
                        + ": allocate from another location, back-order or cancel");
            }
        }
    }

    /** Serves the line from {@code location}: its sale posted there, a reservation elsewhere given back. */
    @Transactional
    public void allocate(long id, Object location, String comment, String user) {
        Interception i = require(id);
        if (!i.isOpen()) {
            return;
        }
        String at = location(location);
        OrderLine line = line(i);
        StockFigure figure = movements.lockFigure(i.sku(), at).orElse(ledger.figure(i.sku(), at));
        var reserved = movements.reserved(line, at);
        if (!OrderMovements.fits(i.quantity(), figure, reserved)) {
            throw new IllegalArgumentException(at + " has " + OrderMovements.availableTo(i.quantity(), figure, reserved)
                    + " of " + i.sku() + " available now, the order needs " + i.quantity());
        }
        if (!at.equals(i.location())) {
            movements.reserved(line, i.location()).ifPresent(r -> movements.release(line, i.location(), r, user,
                    "order allocated to " + at + " (interception #" + id + ")"));
        }
        Movement sale = movements.sell(line, at, reserved, false, user,
                "allocated from " + at + " (interception #" + id + ")");
        record(i, OversellDecision.ALLOCATE, at, comment, user, sale.id());
    }

    /** Sells the line at its location anyway: the goods are owed to the customer, on hand goes below zero. */
    @Transactional
    public void backOrder(long id, String comment, String user) {
        Interception i = require(id);
        if (!i.isOpen()) {
            return;
        }
        OrderLine line = line(i);
        movements.lockFigure(i.sku(), i.location());
        Movement sale = movements.sell(line, i.location(), movements.reserved(line, i.location()), true, user,
                "back-ordered (interception #" + id + ")");
        record(i, OversellDecision.BACK_ORDER, null, comment, user, sale.id());
    }

    /** Does not serve the line: no sale; what the order holds at the location is given back. */
    @Transactional
    public void cancel(long id, String comment, String user) {
        Interception i = require(id);
        if (!i.isOpen()) {
            return;
        }
        OrderLine line = line(i);
        movements.lockFigure(i.sku(), i.location());
        movements.reserved(line, i.location()).ifPresent(r -> movements.release(line, i.location(), r, user,
                "order cancelled by operations (interception #" + id + ")"));
        record(i, OversellDecision.CANCEL, null, comment, user, null);
    }

    private void record(Interception i, OversellDecision decision, String location, String comment, String user,
                        Long movementId) {
        if (!interceptions.decide(i.id(), decision, location, comment, user, movementId, clock.instant())) {
            throw new IllegalStateException("interception #" + i.id() + " was decided meanwhile");
        }
    }

    private Interception require(long id) {
        return interceptions.find(id).orElseThrow(() -> new IllegalArgumentException("no interception #" + id));
    }

    private OrderLine line(Interception i) {
        return movements.line(i.recordId()).orElseThrow(() -> new IllegalStateException(
                "interception #" + i.id() + " names record #" + i.recordId() + ", which does not exist"));
    }

    private static String location(Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("name the location to allocate from");
        }
        if (s.strip().length() > 100) {
            throw new IllegalArgumentException("a location has at most 100 characters");
        }
        return s.strip();
    }
}
