package com.reconflow.stock;

import java.time.Instant;
import java.util.Objects;

/**
 * A movement to record. {@code quantity} is positive, except for an {@link MovementType#ADJUSTMENT}, where it is
 * the signed correction. {@code originKey} makes the movement idempotent: offered again with the same key, it is
 * recorded once (e.g. {@code record:4711:SALE}, {@code import:12:line:7}, {@code api:<user>:<reference>}).
 * {@code occurredAt} null means now.
 */
public record MovementRequest(String sku, String location, MovementType type, long quantity, String reference,
                              String orderNo, String channel, Long recordId, Long importId, Integer lineNo,
                              String recordedBy, String note, Instant occurredAt, String originKey) {

    public MovementRequest {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(originKey, "originKey");
        if (type == MovementType.ADJUSTMENT ? quantity == 0 : quantity <= 0) {
            throw new IllegalArgumentException(type == MovementType.ADJUSTMENT
                    ? "an adjustment needs a quantity other than 0" : "quantity must be a positive whole number");
        }
    }

    /** A movement a person records through the API or a page. */
    public static MovementRequest byUser(String sku, String location, MovementType type, long quantity,
                                         String reference, String user, String note, String originKey) {
        return new MovementRequest(sku, location, type, quantity, reference, null, null, null, null, null, user,
                note, null, originKey);
    }

    long onHandChange() {
        return type.onHandChange(quantity);
    }

    long reservedChange() {
        return type.reservedChange(quantity);
    }
}
