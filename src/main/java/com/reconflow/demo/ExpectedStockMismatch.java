package com.reconflow.demo;

/**
 * A stock difference planted in a generated day, as the stock reconciliation should report it: the SKU and
 * location, the quantities sold and returned per the day's orders and per its stock movements, the planted
 * scenario ({@link #MISSING_RETURN}, {@link #RETURN_WITHOUT_REFUND}, {@link #WRONG_RETURN_QUANTITY},
 * {@link #SALE_WITHOUT_ORDER}) and the order it is about (none for a sale without order).
 */
public record ExpectedStockMismatch(String sku, String location, long soldPerOrders, long soldPerMovements,
                                    long returnedPerOrders, long returnedPerMovements, String scenario,
                                    String orderNo) {

    /** A refunded order whose goods the warehouse never recorded back. */
    public static final String MISSING_RETURN = "MISSING_RETURN";
    /** Goods recorded back for an order that was not refunded. */
    public static final String RETURN_WITHOUT_REFUND = "RETURN_WITHOUT_REFUND";
    /** A refunded order recorded back with one piece more than it had. */
    public static final String WRONG_RETURN_QUANTITY = "WRONG_RETURN_QUANTITY";
    /** Goods recorded as sold with no order. */
    public static final String SALE_WITHOUT_ORDER = "SALE_WITHOUT_ORDER";
}
