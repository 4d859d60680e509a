package com.reconflow.stock;

/**
 * Published by {@link StockLedger} inside the transaction of every movement, after its figures changed:
 * listeners that must commit with the movement (the channels' outbox, the low-stock check) listen to it with
 * a plain {@code @EventListener}.
 */
public record StockChanged(Movement movement, StockFigure before, StockFigure after) {

    public String sku() {
        return after.sku();
    }

    public String location() {
        return after.location();
    }
}
