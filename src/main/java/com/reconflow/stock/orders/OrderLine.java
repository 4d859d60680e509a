package com.reconflow.stock.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * An imported order line as far as stock is concerned: which record (and so which file and line), which order
 * and channel, how many of which SKU, when, and in which state.
 */
record OrderLine(long recordId, long importId, int lineNo, String orderNo, String channel, String store, String sku,
                 Integer quantity, String status, Instant occurredAt, LocalDate businessDate) {

    /** States of an order whose goods left: a refund brings nothing back by itself (the warehouse records returns). */
    static final Set<String> SOLD = Set.of("PAID", "PARTIALLY_REFUNDED", "REFUNDED");
    static final String CANCELLED = "CANCELLED";

    static final String COLUMNS = "id, import_id, line_no, order_no, source, store, sku, quantity, status, occurred_at, "
            + "business_date";

    boolean hasArticle() {
        return sku != null && quantity != null && quantity > 0 && orderNo != null;
    }

    boolean sold() {
        return SOLD.contains(status);
    }

    boolean cancelled() {
        return CANCELLED.equals(status);
    }

    String originKey(String what) {
        return "order:" + recordId + ":" + what;
    }
}
