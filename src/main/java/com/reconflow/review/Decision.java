package com.reconflow.review;

/** What finance may decide about a discrepancy (the options of the review form). */
public enum Decision {
    /** The difference is real and small or explained: book it as it is. */
    ACCEPT_DIFFERENCE,
    /** Our own records are wrong: correct them in the ledger. */
    ADJUST_RECORDS,
    /** The provider or channel owes us: open a claim with them. */
    CLAIM_FROM_PROVIDER,
    /** The customer paid too much or twice: refund them. */
    REFUND_CUSTOMER,
    /** Not a difference after all (e.g. the counterpart was found elsewhere). */
    NO_DIFFERENCE;

    public static Decision parse(Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("a decision is required");
        }
        try {
            return valueOf(value.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown decision '" + value + "'");
        }
    }
}
