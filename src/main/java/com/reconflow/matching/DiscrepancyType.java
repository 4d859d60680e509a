package com.reconflow.matching;

/** The discrepancy codes of the public contract. */
public enum DiscrepancyType {
    MISSING_PAYMENT,
    MISSING_ORDER,
    AMOUNT_MISMATCH,
    DUPLICATE_PAYMENT,
    REFUND_MISSING,
    REFUND_UNEXPECTED,
    REFUND_AMOUNT_MISMATCH,
    FEE_MISMATCH,
    PAYOUT_MISMATCH,
    STATUS_CONFLICT,
    STOCK_MISMATCH
}
