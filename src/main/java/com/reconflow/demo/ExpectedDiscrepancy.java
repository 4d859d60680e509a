package com.reconflow.demo;

/**
 * A discrepancy deliberately planted in a demo day, as reconciliation should report it.
 *
 * @param type    {@code MISSING_PAYMENT}, {@code MISSING_ORDER}, {@code AMOUNT_MISMATCH},
 *                {@code DUPLICATE_PAYMENT}, {@code STATUS_CONFLICT}, {@code REFUND_MISSING},
 *                {@code REFUND_AMOUNT_MISMATCH} or {@code REFUND_UNEXPECTED}
 * @param orderNo the channel order number (for {@code MISSING_ORDER} and {@code REFUND_UNEXPECTED}: the
 *                provider row's merchant order number)
 * @param txnId   the provider transaction id involved (for refunds: the refunded payment's), or null where
 *                no single provider row is meant ({@code MISSING_PAYMENT}, {@code REFUND_MISSING})
 */
public record ExpectedDiscrepancy(String type, String orderNo, String txnId) {

    public static final String MISSING_PAYMENT = "MISSING_PAYMENT";
    public static final String MISSING_ORDER = "MISSING_ORDER";
    public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";
    public static final String DUPLICATE_PAYMENT = "DUPLICATE_PAYMENT";
    public static final String STATUS_CONFLICT = "STATUS_CONFLICT";
    public static final String REFUND_MISSING = "REFUND_MISSING";
    public static final String REFUND_AMOUNT_MISMATCH = "REFUND_AMOUNT_MISMATCH";
    public static final String REFUND_UNEXPECTED = "REFUND_UNEXPECTED";
}
