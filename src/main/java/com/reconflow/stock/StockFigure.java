package com.reconflow.stock;

/** One SKU's stock at one location: on hand, held for orders, and what is left to sell. */
public record StockFigure(String sku, String location, long onHand, long reserved) {

    public long available() {
        return onHand - reserved;
    }

    static StockFigure none(String sku, String location) {
        return new StockFigure(sku, location, 0, 0);
    }
}
