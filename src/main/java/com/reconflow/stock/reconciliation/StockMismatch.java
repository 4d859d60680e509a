package com.reconflow.stock.reconciliation;

import java.util.List;

/**
 * A SKU at a location whose quantities of a business day disagree: sold and returned according to the orders
 * against the sale and return movements recorded. {@code orders} are the orders (and movements without an order)
 * whose own quantities disagree; {@code interceptions} the oversold orders of the SKU and location with what
 * became of them.
 */
public record StockMismatch(String sku, String location, long soldPerOrders, long soldPerMovements,
                            long returnedPerOrders, long returnedPerMovements, List<OrderDifference> orders,
                            List<String> unorderedMovements, List<String> interceptions) {

    public StockMismatch {
        orders = List.copyOf(orders);
        unorderedMovements = List.copyOf(unorderedMovements);
        interceptions = List.copyOf(interceptions);
    }

    /**
     * One order's own quantities, per the order and per the movements naming it. {@code recordId} is null when
     * movements name an order number that no order of the day has at this SKU and location.
     */
    public record OrderDifference(String orderNo, Long recordId, String channel, long soldPerOrder,
                                  long soldPerMovements, long returnedPerOrder, long returnedPerMovements) {

        String describe() {
            return orderNo + (recordId == null ? " (no such order of the day here)" : " (" + channel + ")")
                    + ": sold " + soldPerOrder + " per order, " + soldPerMovements + " moved; returned "
                    + returnedPerOrder + " per order, " + returnedPerMovements + " moved";
        }
    }

    /** What makes two findings the same: the same SKU and location with the same four quantities. */
    String identity() {
        return sku + "|" + location + "|" + soldPerOrders + "|" + soldPerMovements + "|" + returnedPerOrders + "|"
                + returnedPerMovements;
    }

    /** The first order involved that is a record of the day: what the discrepancy hangs on, if any. */
    OrderDifference firstOrder() {
        return orders.stream().filter(o -> o.recordId() != null).findFirst().orElse(null);
    }

    String ordersText() {
        List<String> lines = new java.util.ArrayList<>(orders.stream().map(OrderDifference::describe).toList());
        lines.addAll(unorderedMovements);
        return String.join("\n", lines);
    }

    String basis() {
        return "SKU " + sku + " at " + location + ": sold " + soldPerOrders + " per orders, " + soldPerMovements
                + " per movements; returned " + returnedPerOrders + " per orders, " + returnedPerMovements
                + " per movements";
    }
}
