package com.reconflow.ingest;

/** What a canonical record stands for in the money flow of a day. */
public enum RecordKind {
    /** A sale on a channel or in a store: what the customer owes. */
    ORDER,
    /** A provider's successful collection of money for one or more orders. */
    PAYMENT,
    /** Money given back to a customer, as the provider reports it. */
    REFUND,
    /** A provider fee booked as its own row (account-detail style bills). */
    FEE,
    /** A bank credit: the provider's settlement arriving on the retailer's account. */
    PAYOUT
}
