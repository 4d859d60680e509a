package com.reconflow.demo;

/**
 * A discrepancy deliberately planted in a generated day, as reconciliation should report it: its
 * code and the order number and transaction id the run stores with it (see {@link ExpectedCase}).
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
    public static final String FEE_MISMATCH = "FEE_MISMATCH";
    public static final String PAYOUT_MISMATCH = "PAYOUT_MISMATCH";
}
