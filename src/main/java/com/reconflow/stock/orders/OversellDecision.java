package com.reconflow.stock.orders;

/** What operations decide about an oversold order line. */
public enum OversellDecision {
    /** Serve it from another location (or the same one, once stock arrived) where enough is available. */
    ALLOCATE,
    /** Sell it anyway at its location: the goods are owed to the customer, on hand goes below zero. */
    BACK_ORDER,
    /** Do not serve it: no sale is posted; a reservation of the order is given back. */
    CANCEL;

    static OversellDecision parse(Object value) {
        if (value instanceof String s) {
            for (OversellDecision d : values()) {
                if (d.name().equals(s.strip())) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("choose a decision: ALLOCATE, BACK_ORDER or CANCEL");
    }
}
