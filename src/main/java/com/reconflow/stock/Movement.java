package com.reconflow.stock;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A stored stock movement: its change, the figures right after it, and its origin (an order record, a line of
 * a stock-movements file, or a user).
 */
public record Movement(long id, String sku, String location, MovementType type, long onHandChange,
                       long reservedChange, long onHandAfter, long reservedAfter, Instant occurredAt,
                       LocalDate businessDate, Instant recordedAt, String reference, String orderNo, String channel,
                       Long recordId, Long importId, Integer lineNo, String recordedBy, String note) {

    public long availableAfter() {
        return onHandAfter - reservedAfter;
    }
}
