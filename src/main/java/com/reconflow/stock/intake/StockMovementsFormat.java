package com.reconflow.stock.intake;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.reconflow.ingest.format.PlainTable;

/**
 * The {@code stock-movements} layout (docs/stock-movements.md): its columns, and what one row says. Plain Java:
 * a row is read here or refused with the field at fault; posting it is {@link StockMovementsIntake}'s.
 */
final class StockMovementsFormat {

    static final String FORMAT_ID = "stock-movements";

    static final String DOCUMENT_NO = "单据号";
    static final String TYPE = "类型";
    static final String SKU = "SKU";
    static final String LOCATION = "库位";
    static final String QUANTITY = "数量";
    static final String OCCURRED_AT = "发生时间";
    static final String ORDER_NO = "订单号";
    static final String COUNTERPART = "对方库位";
    static final String NOTE = "备注";

    /** The columns a file must have; 订单号, 对方库位 and 备注 may be left out. */
    static final List<String> REQUIRED = List.of(DOCUMENT_NO, TYPE, SKU, LOCATION, QUANTITY, OCCURRED_AT);
    /** Enough to know the layout; a missing quantity or time column is then named by the reading. */
    static final List<String> SIGNATURE = List.of(DOCUMENT_NO, TYPE, LOCATION);

    /** What a row may be: the recordable movements, and a stocktake's count. */
    enum LineType {
        RECEIPT, SALE, RETURN, TRANSFER_OUT, TRANSFER_IN, ADJUSTMENT,
        /** A count: the quantity on hand found, posted as the adjustment from the books to it. */
        STOCKTAKE;

        boolean isTransfer() {
            return this == TRANSFER_OUT || this == TRANSFER_IN;
        }

        boolean belongsToOrder() {
            return this == SALE || this == RETURN;
        }
    }

    /** A row read: what to post, and where it came from. */
    record Line(int lineNo, String raw, String documentNo, LineType type, String sku, String location,
                long quantity, Instant occurredAt, String orderNo, String counterpart, String note) {
    }

    /** A row that cannot be read: quarantined naming the field and why. */
    static final class BadRow extends RuntimeException {
        private final String field;

        BadRow(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
    /** Far above any real stock of one SKU at one location; keeps sums far from overflowing. */
    private static final long MAX_QUANTITY = 1_000_000_000L;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final String TYPES = Arrays.stream(LineType.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private StockMovementsFormat() {
    }

    /** Whether a header is this layout's. */
    static boolean recognises(List<String> header) {
        return header.containsAll(SIGNATURE);
    }

    /** Reads one row; times are local times in {@code zone}. */
    static Line read(PlainTable.Row row, ZoneId zone) {
        String documentNo = text(row, DOCUMENT_NO, true, 100);
        LineType type = type(row.get(TYPE));
        String sku = text(row, SKU, true, 64);
        String location = text(row, LOCATION, true, 100);
        long quantity = quantity(type, row.get(QUANTITY));
        Instant occurredAt = time(row.get(OCCURRED_AT), zone);
        String orderNo = text(row, ORDER_NO, false, 64);
        if (orderNo != null && !type.belongsToOrder()) {
            throw new BadRow(ORDER_NO, ORDER_NO + " '" + orderNo + "' is given, but only a SALE or a RETURN belongs "
                    + "to an order, not a " + type);
        }
        String counterpart = text(row, COUNTERPART, false, 100);
        if (counterpart != null && !type.isTransfer()) {
            throw new BadRow(COUNTERPART, COUNTERPART + " '" + counterpart + "' is given, but only a TRANSFER_OUT or "
                    + "a TRANSFER_IN has another location, not a " + type);
        }
        if (counterpart != null && counterpart.equals(location)) {
            throw new BadRow(COUNTERPART, COUNTERPART + " '" + counterpart + "' is the row's own " + LOCATION);
        }
        String note = text(row, NOTE, false, 400);
        return new Line(row.line(), row.raw(), documentNo, type, sku, location, quantity, occurredAt, orderNo,
                counterpart, note);
    }

    private static String text(PlainTable.Row row, String field, boolean required, int maxLength) {
        String value = row.get(field);
        if (value.isEmpty()) {
            if (required) {
                throw new BadRow(field, field + " is empty");
            }
            return null;
        }
        if (value.length() > maxLength) {
            throw new BadRow(field, field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static LineType type(String value) {
        if (value.isEmpty()) {
            throw new BadRow(TYPE, TYPE + " is empty");
        }
        try {
            return LineType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BadRow(TYPE, TYPE + " '" + value + "' is not one of " + TYPES);
        }
    }

    /** A whole number: positive; signed and not 0 for an adjustment; 0 or more for a stocktake's count. */
    private static long quantity(LineType type, String value) {
        if (value.isEmpty()) {
            throw new BadRow(QUANTITY, QUANTITY + " is empty");
        }
        if (!WHOLE.matcher(value).matches()) {
            throw new BadRow(QUANTITY, QUANTITY + " '" + value + "' is not a whole number");
        }
        String digits = value.replaceFirst("^[-+]", "").replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > MAX_QUANTITY) {
            throw new BadRow(QUANTITY, QUANTITY + " '" + value + "' is larger than " + MAX_QUANTITY);
        }
        long quantity = Long.parseLong(value);
        switch (type) {
            case ADJUSTMENT -> {
                if (quantity == 0) {
                    throw new BadRow(QUANTITY, QUANTITY + " of an ADJUSTMENT is the signed correction and cannot be 0");
                }
            }
            case STOCKTAKE -> {
                if (quantity < 0) {
                    throw new BadRow(QUANTITY, QUANTITY + " '" + value + "' of a STOCKTAKE is the quantity counted "
                            + "and cannot be negative");
                }
            }
            default -> {
                if (quantity <= 0) {
                    throw new BadRow(QUANTITY, QUANTITY + " '" + value + "' of a " + type
                            + " must be a positive whole number");
                }
            }
        }
        return quantity;
    }

    private static Instant time(String value, ZoneId zone) {
        if (value.isEmpty()) {
            throw new BadRow(OCCURRED_AT, OCCURRED_AT + " is empty");
        }
        try {
            return LocalDateTime.parse(value, TIME).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new BadRow(OCCURRED_AT, OCCURRED_AT + " '" + value + "' is not a time like 2026-11-20 13:45:00");
        }
    }
}
