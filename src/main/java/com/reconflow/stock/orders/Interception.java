package com.reconflow.stock.orders;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An imported order line whose sale would have taken more than was available at its location: not posted,
 * held for operations. {@code status} is {@code OPEN} until decided, then {@code DECIDED} with the decision
 * ({@code ALLOCATE} from {@code decisionLocation}, {@code BACK_ORDER} or {@code CANCEL}), who took it and when,
 * and the movement that finally posted the sale (none for a cancel).
 */
public record Interception(long id, long recordId, String orderNo, String channel, String sku, String location,
                           long quantity, long availableThen, LocalDate businessDate, String status,
                           Instant createdAt, String processInstanceId, String decision, String decisionLocation,
                           String decisionComment, String decidedBy, Instant decidedAt, Long movementId) {

    public static final String OPEN = "OPEN";
    public static final String DECIDED = "DECIDED";

    public boolean isOpen() {
        return OPEN.equals(status);
    }
}
