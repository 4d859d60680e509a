package com.reconflow.stock;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.reconflow.security.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/stock}: a SKU's figures, the movements that explain them, recording a movement, reserving for an
 * order (all lines or none, {@code 409} with the short lines).
 */
@RestController
@RequestMapping("/api/stock")
class StockController {

    static final int SKU_WIDTH = 64;
    static final int LOCATION_WIDTH = 100;

    private final StockLedger ledger;
    private final CurrentUser currentUser;

    StockController(StockLedger ledger, CurrentUser currentUser) {
        this.ledger = ledger;
        this.currentUser = currentUser;
    }

    /** One SKU at one location, or, without {@code location}, at every location that holds or held it. */
    @GetMapping
    Object figure(@RequestParam(value = "sku", required = false) String sku,
                  @RequestParam(value = "location", required = false) String location) {
        String theSku = text("sku", sku, SKU_WIDTH);
        if (location == null || location.isBlank()) {
            return ledger.figures(theSku).stream().map(StockController::figureJson).toList();
        }
        return figureJson(ledger.figure(theSku, text("location", location, LOCATION_WIDTH)));
    }

    /** The movements that explain a SKU's figures at a location, oldest first, {@code limit} after {@code afterId}. */
    @GetMapping("/movements")
    List<Map<String, Object>> movements(@RequestParam(value = "sku", required = false) String sku,
                                        @RequestParam(value = "location", required = false) String location,
                                        @RequestParam(value = "afterId", defaultValue = "0") long afterId,
                                        @RequestParam(value = "limit", defaultValue = "500") int limit) {
        if (limit < 1 || limit > 5000) {
            throw new BadStockRequest("limit", "between 1 and 5000");
        }
        return ledger.movements(text("sku", sku, SKU_WIDTH), text("location", location, LOCATION_WIDTH), afterId, limit)
                .stream().map(StockController::movementJson).toList();
    }

    /**
     * Records a movement a person or a system reports. With a {@code reference}, the same movement (type,
     * reference, SKU, location) sent again is recorded once and answered {@code 200} with the one stored.
     */
    @PostMapping("/movements")
    ResponseEntity<Map<String, Object>> record(@RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> in = body == null ? Map.of() : body;
        String sku = text("sku", in.get("sku"), SKU_WIDTH);
        String location = text("location", in.get("location"), LOCATION_WIDTH);
        MovementType type = type(in.get("type"));
        long quantity = quantity(in.get("quantity"), type == MovementType.ADJUSTMENT);
        String reference = optionalText("reference", in.get("reference"), 100);
        String note = optionalText("note", in.get("note"), 500);
        String user = currentUser.id();
        String originKey = reference == null ? "api:" + UUID.randomUUID()
                : "api:" + type + ":" + reference + ":" + sku + ":" + location;
        var request = new MovementRequest(sku, location, type, quantity, reference, null, null, null, null, null,
                user, note, occurredAt(in.get("occurredAt")), originKey);
        boolean known = ledger.byOriginKey(originKey).isPresent();
        Movement movement = ledger.record(request);
        Map<String, Object> answer = new LinkedHashMap<>(movementJson(movement));
        answer.put("figures", figureJson(ledger.figure(sku, location)));
        return ResponseEntity.status(known ? HttpStatus.OK : HttpStatus.CREATED).body(answer);
    }

    /** Holds stock for an order: {@code {orderNo, channel, lines:[{sku, location, quantity}]}}. */
    @PostMapping("/reservations")
    ResponseEntity<Map<String, Object>> reserve(@RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> in = body == null ? Map.of() : body;
        String orderNo = text("orderNo", in.get("orderNo"), 64);
        String channel = text("channel", in.get("channel"), 40);
        if (!(in.get("lines") instanceof List<?> given) || given.isEmpty()) {
            throw new BadStockRequest("lines", "give at least one line {sku, location, quantity}");
        }
        List<StockLedger.ReservationLine> lines = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            if (!(given.get(i) instanceof Map<?, ?> line)) {
                throw new BadStockRequest("lines[" + i + "]", "must be {sku, location, quantity}");
            }
            lines.add(new StockLedger.ReservationLine(text("lines[" + i + "].sku", line.get("sku"), SKU_WIDTH),
                    text("lines[" + i + "].location", line.get("location"), LOCATION_WIDTH),
                    quantity("lines[" + i + "].quantity", line.get("quantity"), false)));
        }
        StockLedger.Reservation reservation;
        try {
            reservation = ledger.reserve(channel, orderNo, lines, currentUser.id());
        } catch (DuplicateKeyException sameOrderMeanwhile) {
            // The same order reserved at the same moment on another request: that one holds its stock.
            reservation = ledger.reservation(channel, orderNo).orElseThrow(() -> sameOrderMeanwhile);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", reservation.id());
        answer.put("orderNo", reservation.orderNo());
        answer.put("channel", reservation.channel());
        answer.put("status", reservation.status());
        answer.put("lines", reservation.lines().stream().map(l -> Map.of("sku", l.sku(), "location", l.location(),
                "quantity", l.quantity())).toList());
        return ResponseEntity.status(reservation.created() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    @ExceptionHandler(InsufficientStock.class)
    ResponseEntity<Map<String, Object>> insufficient(InsufficientStock e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", e.getMessage(),
                "shortLines", e.shortLines()));
    }

    @ExceptionHandler(BadStockRequest.class)
    ResponseEntity<Map<String, String>> badRequest(BadStockRequest e) {
        return ResponseEntity.badRequest().body(Map.of("field", e.field, "message", e.getMessage()));
    }

    static Map<String, Object> figureJson(StockFigure figure) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sku", figure.sku());
        json.put("location", figure.location());
        json.put("onHand", figure.onHand());
        json.put("reserved", figure.reserved());
        json.put("available", figure.available());
        return json;
    }

    static Map<String, Object> movementJson(Movement m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id());
        json.put("sku", m.sku());
        json.put("location", m.location());
        json.put("type", m.type().name());
        json.put("onHandChange", m.onHandChange());
        json.put("reservedChange", m.reservedChange());
        json.put("onHandAfter", m.onHandAfter());
        json.put("reservedAfter", m.reservedAfter());
        json.put("availableAfter", m.availableAfter());
        json.put("occurredAt", m.occurredAt().toString());
        json.put("businessDate", m.businessDate().toString());
        json.put("reference", m.reference());
        json.put("orderNo", m.orderNo());
        json.put("channel", m.channel());
        json.put("recordId", m.recordId());
        json.put("importId", m.importId());
        json.put("lineNo", m.lineNo());
        json.put("recordedBy", m.recordedBy());
        json.put("note", m.note());
        return json;
    }

    private static String text(String field, Object value, int width) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new BadStockRequest(field, "required");
        }
        String stripped = s.strip();
        if (stripped.length() > width) {
            throw new BadStockRequest(field, "at most " + width + " characters");
        }
        return stripped;
    }

    private static String optionalText(String field, Object value, int width) {
        return value == null || (value instanceof String s && s.isBlank()) ? null : text(field, value, width);
    }

    private static MovementType type(Object value) {
        if (value instanceof String s) {
            try {
                MovementType type = MovementType.valueOf(s.strip());
                if (type.recordable()) {
                    return type;
                }
            } catch (IllegalArgumentException unknown) {
                // answered below
            }
        }
        throw new BadStockRequest("type", "one of RECEIPT, SALE, RETURN, TRANSFER_IN, TRANSFER_OUT, ADJUSTMENT");
    }

    private static long quantity(Object value, boolean signed) {
        return quantity("quantity", value, signed);
    }

    private static long quantity(String field, Object value, boolean signed) {
        long quantity;
        if (value instanceof Integer || value instanceof Long) {
            quantity = ((Number) value).longValue();
        } else if (value instanceof String s && s.strip().matches("[-+]?\\d{1,12}")) {
            quantity = Long.parseLong(s.strip());
        } else {
            throw new BadStockRequest(field, "a whole number");
        }
        if (signed ? quantity == 0 : quantity <= 0) {
            throw new BadStockRequest(field, signed ? "a whole number other than 0" : "a positive whole number");
        }
        return quantity;
    }

    private static java.time.Instant occurredAt(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(String.valueOf(value)).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadStockRequest("occurredAt", "a time with its offset, e.g. 2026-12-05T10:15:00+08:00");
        }
    }

    /** A field that cannot be used as given; answered with 400 naming it. */
    static final class BadStockRequest extends RuntimeException {
        final String field;

        BadStockRequest(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }
    }
}
