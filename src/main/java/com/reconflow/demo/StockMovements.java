package com.reconflow.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes a day's {@link StockDay}: the warehouse's stock-movements file in the {@code stock-movements} format
 * (单据号,类型,SKU,库位,数量,发生时间,订单号,对方库位,备注) and the stock differences planted in it, with the
 * ground truth worked out from the day's orders on the assumption that each PAID, PARTIALLY_REFUNDED and
 * REFUNDED order of the channels' exports is posted as a SALE of its quantity at its location.
 *
 * <p>Locations: a POS order's store (S001 …), an online order's fulfilment warehouse {@value #WAREHOUSE} (the
 * default of {@code recon.stock.fulfilment}). About one of each planted difference per 500 orders, each on a SKU
 * and location of its own so that none hides another.
 */
final class StockMovements {

    static final String HEADER = "单据号,类型,SKU,库位,数量,发生时间,订单号,对方库位,备注";
    static final String WAREHOUSE = "WH-EAST";
    /** What each morning receipt brings beyond the day's sales, so no sale runs short. */
    private static final int RECEIPT_MARGIN = 20;
    private static final int RECEIPT_AT = 30;
    private static final int RETURN_AFTER = 2 * 3600;
    private static final int LAST_SECOND = DayModel.DAY - 120;
    private static final int UNORDERED_SALE_AT = 15 * 3600;

    private record Row(int at, String line) {
    }

    private static final class Key {
        long soldPerOrders;
        long soldPerMovements;
        long returnedPerOrders;
        long returnedPerMovements;
        String scenario;
        String orderNo;
    }

    private StockMovements() {
    }

    static StockDay of(DayModel day) {
        String compact = day.date.toString().replace("-", "");
        Random random = new Random(Identifiers.Mix.of(day.seed, day.date.toEpochDay(), 0x570C));
        int each = Math.max(1, day.orders / 500);
        Map<String, Key> keys = new TreeMap<>();
        List<Integer> refunded = new ArrayList<>();
        List<Integer> paid = new ArrayList<>();
        for (int o = 0; o < day.orders; o++) {
            if (!day.exported[o] || day.status[o] == DayModel.CANCELLED) {
                continue;
            }
            Key k = keys.computeIfAbsent(key(sku(day, o), location(day, o)), x -> new Key());
            k.soldPerOrders += day.quantity[o];
            k.soldPerMovements += day.quantity[o];
            if (day.status[o] == DayModel.REFUNDED) {
                k.returnedPerOrders += day.quantity[o];
                refunded.add(o);
            } else if (day.status[o] == DayModel.PAID) {
                paid.add(o);
            }
        }
        // The planted differences, each on a SKU and location no other one touches.
        Set<String> planted = new HashSet<>();
        Set<Integer> missingReturn = pick(day, refunded, each, random, planted);
        Set<Integer> wrongQuantity = pick(day, refunded, each, random, planted);
        Set<Integer> unrefundedReturn = pick(day, paid, each, random, planted);
        List<String> unorderedSales = new ArrayList<>();
        for (int tries = 0; unorderedSales.size() < each && tries < 1000; tries++) {
            String sku = Catalog.PRODUCTS.get(random.nextInt(Catalog.PRODUCTS.size())).sku();
            String location = random.nextInt(4) == 0 ? WAREHOUSE : Catalog.storeCode(1 + random.nextInt(Catalog.STORES));
            if (planted.add(key(sku, location))) {
                unorderedSales.add(key(sku, location));
            }
        }

        List<Row> rows = new ArrayList<>();
        int returns = 0;
        for (int o : refunded) {
            Key k = keys.get(key(sku(day, o), location(day, o)));
            if (missingReturn.contains(o)) {
                k.scenario = ExpectedStockMismatch.MISSING_RETURN;
                k.orderNo = day.orderNo(o);
                continue;
            }
            int quantity = day.quantity[o];
            if (wrongQuantity.contains(o)) {
                quantity++;
                k.scenario = ExpectedStockMismatch.WRONG_RETURN_QUANTITY;
                k.orderNo = day.orderNo(o);
            }
            k.returnedPerMovements += quantity;
            rows.add(movement(day, "TH" + compact + "-" + pad(++returns), "RETURN", o, quantity, "退货入库"));
        }
        for (int o : unrefundedReturn) {
            Key k = keys.get(key(sku(day, o), location(day, o)));
            k.returnedPerMovements += day.quantity[o];
            k.scenario = ExpectedStockMismatch.RETURN_WITHOUT_REFUND;
            k.orderNo = day.orderNo(o);
            rows.add(movement(day, "TH" + compact + "-" + pad(++returns), "RETURN", o, day.quantity[o], "退货入库"));
        }
        int sales = 0;
        for (String plantedKey : unorderedSales) {
            String[] sl = plantedKey.split("\u0000");
            Key k = keys.computeIfAbsent(plantedKey, x -> new Key());
            int quantity = 1 + random.nextInt(3);
            k.soldPerMovements += quantity;
            k.scenario = ExpectedStockMismatch.SALE_WITHOUT_ORDER;
            int at = UNORDERED_SALE_AT + sales * 60;
            rows.add(new Row(at, "XS" + compact + "-" + pad(++sales) + ",SALE," + sl[0] + "," + sl[1] + ","
                    + quantity + "," + time(day, at) + ",,,门店手工出库"));
        }
        // The morning's receipts: every SKU and location that sells today gets enough for the day.
        List<Row> receipts = new ArrayList<>();
        int receipt = 0;
        for (Map.Entry<String, Key> e : keys.entrySet()) {
            String[] sl = e.getKey().split("\u0000");
            receipts.add(new Row(RECEIPT_AT, "RK" + compact + "-" + pad(++receipt) + ",RECEIPT," + sl[0] + ","
                    + sl[1] + "," + (e.getValue().soldPerMovements + RECEIPT_MARGIN) + "," + time(day, RECEIPT_AT)
                    + ",,,早班到货"));
        }
        rows.sort((a, b) -> Integer.compare(a.at(), b.at()));
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        receipts.forEach(r -> csv.append(r.line()).append('\n'));
        rows.forEach(r -> csv.append(r.line()).append('\n'));

        List<ExpectedStockMismatch> mismatches = new ArrayList<>();
        for (Map.Entry<String, Key> e : keys.entrySet()) {
            Key k = e.getValue();
            if (k.soldPerOrders != k.soldPerMovements || k.returnedPerOrders != k.returnedPerMovements) {
                String[] sl = e.getKey().split("\u0000");
                mismatches.add(new ExpectedStockMismatch(sl[0], sl[1], k.soldPerOrders, k.soldPerMovements,
                        k.returnedPerOrders, k.returnedPerMovements, k.scenario, k.orderNo));
            }
        }
        return new StockDay(new DemoFile(StockDay.SOURCE, "stock-movements_" + compact + ".csv",
                csv.toString().getBytes(StandardCharsets.UTF_8)), mismatches);
    }

    /** Up to {@code count} of the orders, each on a SKU and location not planted on yet. */
    private static Set<Integer> pick(DayModel day, List<Integer> orders, int count, Random random, Set<String> planted) {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int tries = 0; chosen.size() < count && tries < orders.size() * 4 && !orders.isEmpty(); tries++) {
            int o = orders.get(random.nextInt(orders.size()));
            if (planted.add(key(sku(day, o), location(day, o)))) {
                chosen.add(o);
            }
        }
        return chosen;
    }

    private static Row movement(DayModel day, String document, String type, int o, int quantity, String note) {
        int at = Math.min(day.placed[o] + RETURN_AFTER, LAST_SECOND);
        return new Row(at, document + "," + type + "," + sku(day, o) + "," + location(day, o) + "," + quantity + ","
                + time(day, at) + "," + day.orderNo(o) + ",," + note);
    }

    static String sku(DayModel day, int o) {
        return Catalog.PRODUCTS.get(day.product[o]).sku();
    }

    static String location(DayModel day, int o) {
        return day.channel[o] == Channel.POS.ordinal() ? Catalog.storeCode(day.store[o]) : WAREHOUSE;
    }

    private static String key(String sku, String location) {
        return sku + '\u0000' + location;
    }

    private static String pad(int n) {
        return String.format("%05d", n);
    }

    private static String time(DayModel day, int second) {
        return String.format("%s %02d:%02d:%02d", day.date, second / 3600, second / 60 % 60, second % 60);
    }
}
