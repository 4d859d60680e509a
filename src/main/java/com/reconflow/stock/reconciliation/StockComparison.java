package com.reconflow.stock.reconciliation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a business day's orders with the stock movements recorded for it, per SKU and location. Plain Java:
 * the caller reads both sides and says which SKUs and locations the ledger keeps.
 *
 * <ul>
 *   <li>Sold per orders: the quantity of PAID, PARTIALLY_REFUNDED and REFUNDED orders; returned per orders:
 *       the quantity of REFUNDED orders (a partial refund is money back, not goods).</li>
 *   <li>Per movements: SALE and RESERVED_SALE quantities sold, RETURN quantities returned.</li>
 *   <li>An oversold order whose interception is still open is pending: neither side counts it yet. One decided
 *       ALLOCATE counts at the location that served it; one decided CANCEL is expected neither to leave nor to
 *       come back (a refund of it needs no return). Every interception of a SKU and location in a mismatch is
 *       named in it, refund included.</li>
 * </ul>
 */
final class StockComparison {

    /** An order line of the day. {@code interception} is null unless the order was oversold. */
    record OrderLine(long recordId, String orderNo, String channel, String sku, String location, String status,
                     long quantity, Interception interception) {
    }

    /** An oversold order's interception: OPEN, or decided with ALLOCATE (and its location), BACK_ORDER, CANCEL. */
    record Interception(long id, String status, String decision, String decisionLocation) {

        boolean pending() {
            return "OPEN".equals(status) || decision == null;
        }

        boolean cancelled() {
            return !pending() && "CANCEL".equals(decision);
        }
    }

    /** A SALE, RESERVED_SALE or RETURN movement of the day; {@code quantity} positive. */
    record MovementLine(long id, String sku, String location, String type, long quantity, String orderNo,
                        String reference) {

        boolean returned() {
            return "RETURN".equals(type);
        }
    }

    /** Where an order's goods leave from; null when it cannot be said (then the order is not compared). */
    interface Locator {
        String locate(String channel, String store);
    }

    private StockComparison() {
    }

    /**
     * The mismatches, by SKU then location. Only SKUs and locations for which {@code kept} says true are compared:
     * before the ledger has any movement of a SKU at a location there is nothing to compare with.
     */
    static List<StockMismatch> compare(Iterable<OrderLine> orders, Iterable<MovementLine> movements,
                                       java.util.function.BiPredicate<String, String> kept) {
        Map<String, Group> groups = new TreeMap<>();
        for (OrderLine o : orders) {
            String location = o.interception() != null && "ALLOCATE".equals(o.interception().decision())
                    && o.interception().decisionLocation() != null ? o.interception().decisionLocation() : o.location();
            if (location == null || !kept.test(o.sku(), location)) {
                continue;
            }
            Group g = groups.computeIfAbsent(key(o.sku(), location), k -> new Group(o.sku(), location));
            if (o.interception() != null) {
                g.interceptions.add(describe(o));
                if (o.interception().pending() || o.interception().cancelled()) {
                    // Pending: not compared yet. Cancelled: nothing was to leave, nothing to come back.
                    g.order(o.orderNo(), o.recordId(), o.channel());
                    continue;
                }
            }
            boolean sold = switch (o.status() == null ? "" : o.status()) {
                case "PAID", "PARTIALLY_REFUNDED", "REFUNDED" -> true;
                default -> false;
            };
            if (!sold) {
                continue;
            }
            PerOrder p = g.order(o.orderNo(), o.recordId(), o.channel());
            p.soldPerOrder += o.quantity();
            g.soldPerOrders += o.quantity();
            if ("REFUNDED".equals(o.status())) {
                p.returnedPerOrder += o.quantity();
                g.returnedPerOrders += o.quantity();
            }
        }
        for (MovementLine m : movements) {
            if (!kept.test(m.sku(), m.location())) {
                continue;
            }
            Group g = groups.computeIfAbsent(key(m.sku(), m.location()), k -> new Group(m.sku(), m.location()));
            if (m.returned()) {
                g.returnedPerMovements += m.quantity();
            } else {
                g.soldPerMovements += m.quantity();
            }
            if (m.orderNo() == null || m.orderNo().isBlank()) {
                g.unordered.add("movement #" + m.id() + " " + m.type() + " " + m.quantity() + " without an order"
                        + (m.reference() == null ? "" : " (" + m.reference() + ")"));
                continue;
            }
            PerOrder p = g.perOrder.computeIfAbsent(m.orderNo(), n -> new PerOrder(n, null, null));
            if (m.returned()) {
                p.returnedPerMovements += m.quantity();
            } else {
                p.soldPerMovements += m.quantity();
            }
        }
        List<StockMismatch> mismatches = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.soldPerOrders == g.soldPerMovements && g.returnedPerOrders == g.returnedPerMovements) {
                continue;
            }
            List<StockMismatch.OrderDifference> involved = g.perOrder.values().stream()
                    .filter(p -> p.soldPerOrder != p.soldPerMovements || p.returnedPerOrder != p.returnedPerMovements)
                    .map(p -> new StockMismatch.OrderDifference(p.orderNo, p.recordId, p.channel, p.soldPerOrder,
                            p.soldPerMovements, p.returnedPerOrder, p.returnedPerMovements))
                    .toList();
            mismatches.add(new StockMismatch(g.sku, g.location, g.soldPerOrders, g.soldPerMovements,
                    g.returnedPerOrders, g.returnedPerMovements, involved, g.unordered, g.interceptions));
        }
        return mismatches;
    }

    private static String describe(OrderLine o) {
        Interception i = o.interception();
        return "interception #" + i.id() + " of order " + o.orderNo() + " (" + o.channel() + ", " + o.quantity()
                + "): " + (i.pending() ? "open, pending" : i.decision()
                + ("ALLOCATE".equals(i.decision()) ? " from " + i.decisionLocation() : ""))
                + ", order " + o.status();
    }

    private static String key(String sku, String location) {
        return sku + '\u0000' + location;
    }

    private static final class Group {
        final String sku;
        final String location;
        long soldPerOrders;
        long soldPerMovements;
        long returnedPerOrders;
        long returnedPerMovements;
        final Map<String, PerOrder> perOrder = new LinkedHashMap<>();
        final List<String> unordered = new ArrayList<>();
        final List<String> interceptions = new ArrayList<>();

        Group(String sku, String location) {
            this.sku = sku;
            this.location = location;
        }

        PerOrder order(String orderNo, long recordId, String channel) {
            PerOrder p = perOrder.computeIfAbsent(orderNo, n -> new PerOrder(n, recordId, channel));
            if (p.recordId == null) {
                p.recordId = recordId;
                p.channel = channel;
            }
            return p;
        }
    }

    private static final class PerOrder {
        final String orderNo;
        Long recordId;
        String channel;
        long soldPerOrder;
        long soldPerMovements;
        long returnedPerOrder;
        long returnedPerMovements;

        PerOrder(String orderNo, Long recordId, String channel) {
            this.orderNo = orderNo;
            this.recordId = recordId;
            this.channel = channel;
        }
    }
}
