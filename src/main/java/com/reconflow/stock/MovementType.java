package com.reconflow.stock;

/**
 * What a stock movement is, and how it changes a SKU's figures at its location. The quantity of a movement
 * is always given positive (except for {@link #ADJUSTMENT}, which is signed); the type decides the sign.
 */
public enum MovementType {
    /** Goods received from a supplier. */
    RECEIPT(1, 0, false),
    /** Goods sold and gone: an order, or a sale recorded by a store or the warehouse. */
    SALE(-1, 0, true),
    /** Sold goods back in stock. */
    RETURN(1, 0, false),
    /** Goods sent to another location. */
    TRANSFER_OUT(-1, 0, true),
    /** Goods received from another location. */
    TRANSFER_IN(1, 0, false),
    /** A correction, usually after a stocktake: signed, the difference between the count and the books. */
    ADJUSTMENT(1, 0, false),
    /** Stock held for an order not yet fulfilled. */
    RESERVATION(0, 1, true),
    /** A reservation given back: the order was cancelled. */
    CANCELLATION(0, -1, false),
    /** A reserved order fulfilled: its stock leaves on hand and its reservation together. */
    RESERVED_SALE(-1, -1, false);

    private final int onHandSign;
    private final int reservedSign;
    private final boolean needsAvailable;

    MovementType(int onHandSign, int reservedSign, boolean needsAvailable) {
        this.onHandSign = onHandSign;
        this.reservedSign = reservedSign;
        this.needsAvailable = needsAvailable;
    }

    public long onHandChange(long quantity) {
        return onHandSign * quantity;
    }

    public long reservedChange(long quantity) {
        return reservedSign * quantity;
    }

    /**
     * Whether the movement takes from what is available, and is refused when not enough is: one never sells
     * or sends away stock that is not there or held for another order.
     */
    public boolean needsAvailable() {
        return needsAvailable;
    }

    /** The types a person or a file may record; the others are the ledger's own doing (reservations, orders). */
    public boolean recordable() {
        return this != RESERVATION && this != CANCELLATION && this != RESERVED_SALE;
    }

    /** Sold goods, per the stock: what the daily stock reconciliation compares with the orders' quantities. */
    public boolean isSale() {
        return this == SALE || this == RESERVED_SALE;
    }
}
