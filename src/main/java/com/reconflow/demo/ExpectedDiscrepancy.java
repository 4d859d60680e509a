package com.reconflow.demo;

/**
 * A discrepancy deliberately planted in a demo day, as reconciliation should report it.
 *
 * @param type    {@code MISSING_PAYMENT}, {@code MISSING_ORDER}, {@code AMOUNT_MISMATCH},
 *                {@code DUPLICATE_PAYMENT} or {@code STATUS_CONFLICT}
 * @param orderNo the channel order number (for {@code MISSING_ORDER}: the payment's merchant order number)
 * @param txnId   the provider transaction id involved, or null where no single payment is meant
 *                ({@code MISSING_PAYMENT}, {@code DUPLICATE_PAYMENT})
 */
public record ExpectedDiscrepancy(String type, String orderNo, String txnId) {

    public static final String MISSING_PAYMENT = "MISSING_PAYMENT";
    public static final String MISSING_ORDER = "MISSING_ORDER";
    public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";
    public static final String DUPLICATE_PAYMENT = "DUPLICATE_PAYMENT";
    public static final String STATUS_CONFLICT = "STATUS_CONFLICT";
}
