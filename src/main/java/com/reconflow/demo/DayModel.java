package com.reconflow.demo;

import static com.reconflow.demo.ExpectedCase.DISCREPANCY;
import static com.reconflow.demo.ExpectedCase.MATCH;
import static com.reconflow.demo.ExpectedCase.NONE;
import static com.reconflow.demo.ExpectedCase.PENDING;
import static com.reconflow.demo.ExpectedCase.PROPOSED;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One generated business day held compactly (arrays, no object per row), so that a day of a million
 * orders fits in little memory and costs time in proportion to its size: the orders, the provider
 * payments and refunds, the cases planted among them, and what reconciliation should make of it.
 *
 * <p>One {@link Random}, seeded from the seed and the date, drives every choice in a fixed order;
 * the identifiers come from {@link Identifiers}. Times are seconds from the day's midnight, local
 * time of the retailer; a payment at {@value #DAY} or later belongs to the next day's bills.
 */
final class DayModel {

    static final int DAY = 86_400;

    static final byte PAID = 0;
    static final byte REFUNDED = 1;
    static final byte PARTIALLY_REFUNDED = 2;
    static final byte CANCELLED = 3;
    static final String[] STATUS_NAMES = {"PAID", "REFUNDED", "PARTIALLY_REFUNDED", "CANCELLED"};

    /** Payment methods are the providers' ordinals, and cash. */
    static final byte CASH = 3;
    static final String[] METHOD_NAMES = {"alipay", "wechatpay", "card", "cash"};

    /** Payment flags. */
    static final int OMITTED = 1;
    static final int NEXT_DAY = 2;
    static final int COMBINED = 4;
    static final int MISTYPED = 8;

    /** Benign cases: about 1 % of the orders each; planted discrepancies about 0.07 % each; at least one of every kind. */
    private static final int BENIGN_PER_10000 = 100;
    private static final int PLANTED_PER_10000 = 7;

    /** Ordinary orders come from 00:05 to 23:50, so that every payment and refund lands in the same day's bills. */
    private static final int FIRST_SECOND = 5 * 60;
    private static final int LAST_SECOND = 23 * 3600 + 50 * 60;
    /**
     * Planted records keep well away from midnight on both sides: the last minutes are the timing
     * window, and a record alone just after midnight could pair with one carried from the day before.
     */
    private static final int PLANTED_FROM = 30 * 60;
    private static final int PLANTED_TO = 23 * 3600 + 30 * 60;
    /** Refunds come 1 to 4 hours after the payment: only payments before 19:00 are refunded the same day. */
    private static final int LAST_REFUNDABLE = 19 * 3600;
    /** Late orders: placed from 23:55 to 23:58:59, paid at the channel before midnight, booked by the provider after. */
    private static final int LATE_FROM = 23 * 3600 + 55 * 60;
    /**
     * A payment and an order left alone with the same provider and amount this close in time could
     * be paired by a fallback rule (its window is 10 minutes after the order): planted records that
     * stay alone are kept further apart than this, except the pairs planted for it.
     */
    private static final int FALLBACK_REACH = 11 * 60;

    /** Relative order volume per hour of day: quiet nights, a lunch peak and the evening peak. */
    private static final int[] HOUR_WEIGHTS = {2, 1, 1, 1, 1, 1, 2, 3, 5, 6, 7, 8, 9, 7, 6, 6, 6, 7, 8, 9, 11, 12, 10, 6};
    private static final int HOUR_WEIGHT_TOTAL = Arrays.stream(HOUR_WEIGHTS).sum();
    private static final int CHANNEL_SHARE_TOTAL = Arrays.stream(Channel.values()).mapToInt(c -> c.share).sum();
    private static final Channel[] ONLINE = {Channel.JD, Channel.DOUYIN, Channel.MINIPROGRAM};

    /** Rates a provider charged above the contract on a fee-mismatch payment (hundredths of a percent). */
    private static final int[] OVERCHARGED_RATE = {100, 100, 78};

    final LocalDate date;
    final long seed;
    final Identifiers ids;
    final Identifiers nextIds;
    private final Random random;
    private final boolean proposals;
    private int plantedEach;
    /** Payments of the previous day's late orders, booked early this day: written into this day's bills. */
    final List<CarriedPayment> incoming;

    // ---- orders --------------------------------------------------------------------------------
    int orders;
    byte[] channel;
    byte[] method;
    byte[] status;
    byte[] quantity;
    short[] product;
    short[] store;
    int[] placed;
    /** The channel's payment time, -1 for cancelled orders. */
    int[] paid;
    int[] amount;
    int[] refunded;
    /** The payment whose transaction id the order shows as 支付流水号, or -1 for none. */
    int[] serial;
    /** The running number the order number is made from (POS: of its store, given once the day is complete). */
    int[] number;
    /** False for an order that never reached the channel's export. */
    boolean[] exported;

    // ---- payments ------------------------------------------------------------------------------
    int payments;
    byte[] provider;
    byte[] flags;
    /** The order paid (for a combined checkout the first of its orders). */
    int[] payOrder;
    int[] payAt;
    int[] payAmount;
    int[] payFee;
    short[] payRate;
    long[] payNumber;
    final Map<Integer, int[]> combined = new HashMap<>();
    final Map<Integer, String> mistypedOrderNo = new HashMap<>();

    // ---- refunds -------------------------------------------------------------------------------
    int refunds;
    int[] refundOf;
    int[] refundAt;
    int[] refundAmount;
    int[] refundFee;
    long[] refundNumber;

    private final int[] channelCount = new int[Channel.values().length];
    private final long[] paymentCount = new long[Provider.values().length];
    private final long[] nextDayCount = new long[Provider.values().length];
    private long wechatRefunds;
    private long cardRefunds;

    private final Map<Long, List<Integer>> aloneOrders = new HashMap<>();
    private final Map<Long, List<Integer>> alonePayments = new HashMap<>();
    private final List<Planted> planted = new ArrayList<>();
    private final Map<String, Long> matchTotals = new LinkedHashMap<>();

    // ---- the day's settlement, once complete ---------------------------------------------------
    final long[] net = new long[Provider.values().length];
    final long[] credited = new long[Provider.values().length];
    final boolean[] settles = new boolean[Provider.values().length];
    private Provider shortPaid;
    private GroundTruth truth;
    private List<CarriedPayment> carried;

    /**
     * A case as planted, by row index: the order, and the payment and refund it is about (-1 for
     * none); {@code expected}/{@code actual} in cents, {@code NO_AMOUNT} for none.
     */
    private record Planted(String outcome, String kind, String scenario, int order, int payment, int refund,
                           long expected, long actual) {
    }

    private static final long NO_AMOUNT = Long.MIN_VALUE;

    /** A payment of a late order that the provider booked after midnight, ready for the next day's bill. */
    record CarriedPayment(Provider provider, int at, int amount, int fee, String line, String orderSource,
                          String orderNo, String txnId) {
    }

    private DayModel(LocalDate date, long seed, int size, boolean proposals, List<CarriedPayment> incoming) {
        this.date = date;
        this.seed = seed;
        this.ids = new Identifiers(date, seed);
        this.nextIds = new Identifiers(date.plusDays(1), seed);
        this.random = new Random(Identifiers.Mix.of(seed, date.toEpochDay(), 0x5EED));
        this.proposals = proposals;
        this.incoming = List.copyOf(incoming);
        int capacity = size + size / 8 + 16;
        growOrders(capacity);
        growPayments(capacity);
        growRefunds(size / 20 + 16);
    }

    /**
     * Generates a day of {@code size} exported orders; {@code incoming} are the payments the day
     * before left for this day's bills (empty for a day on its own).
     */
    static DayModel generate(LocalDate date, long seed, int size, boolean proposals, List<CarriedPayment> incoming) {
        DayModel day = new DayModel(date, seed, size, proposals, incoming);
        day.plantAndFill(size);
        day.complete();
        return day;
    }

    GroundTruth truth() {
        return truth;
    }

    /** The payments of this day's late orders, which the next day's bills carry. */
    List<CarriedPayment> carried() {
        return carried;
    }

    // ---- the plan ------------------------------------------------------------------------------

    private void plantAndFill(int size) {
        int benign = Math.max(1, (int) ((size * (long) BENIGN_PER_10000 + 5_000) / 10_000));
        plantedEach = Math.max(1, (int) ((size * (long) PLANTED_PER_10000 + 5_000) / 10_000));
        int[] combinedSizes = new int[benign];
        int combinedOrders = 0;
        for (int i = 0; i < benign; i++) {
            combinedSizes[i] = 2 + random.nextInt(3);
            combinedOrders += combinedSizes[i];
        }
        // split, rounding, full and partial refund, cancelled, cash, late: one order each
        int special = 7 * benign + combinedOrders
                // missing payment, amount, duplicate, status, three refund cases, fee (a missing order exports none)
                + 8 * plantedEach + (proposals ? plantedEach : 0);
        if (special > size) {
            throw new IllegalArgumentException("a day needs at least " + special + " orders for its planted cases, not "
                    + size);
        }
        for (int i = size - special; i > 0; i--) {
            ordinarySale();
        }
        for (int i = 0; i < benign; i++) {
            splitPayment();
            combinedCheckout(combinedSizes[i]);
            roundingDifference();
            refund(false);
            refund(true);
            cashSale();
            lateOrder();
        }
        for (int i = 0; i < benign; i++) {
            cancelledOrder();
        }
        for (int i = 0; i < plantedEach; i++) {
            missingPayment();
            missingOrder();
            amountMismatch();
            duplicatePayment();
            statusConflict();
            refundMissing();
            refundUnexpected();
            refundAmountMismatch();
            feeMismatch();
        }
        // last: a mistyped order number is checked against every order number of the day
        for (int i = 0; proposals && i < plantedEach; i++) {
            mistypedOrderNo();
        }
    }

    // ---- benign --------------------------------------------------------------------------------

    /** Paid once, for its amount, with the serial on the order. */
    private void ordinarySale() {
        Channel c = anyChannel();
        Provider p = c.provider(random.nextInt(100));
        int o = newOrder(c, p.ordinal(), second(FIRST_SECOND, LAST_SECOND), 0);
        serial[o] = pay(o, p, paid[o], amount[o]);
        expectMatches("ONE_TO_ONE", 1);
    }

    /** A store sale paid partly by WeChat Pay and the rest by card: 支付方式 card, no serial, both rows carry the order no. */
    private void splitPayment() {
        int o = newOrder(Channel.POS, Provider.CARD.ordinal(), plantedSecond(), 100_00);
        int wechatPart = Math.max(100, amount[o] * (20 + random.nextInt(41)) / 100 / 100 * 100);
        int wechat = pay(o, Provider.WECHATPAY, paid[o], wechatPart);
        int card = pay(o, Provider.CARD, paid[o] + 5 + random.nextInt(55), amount[o] - wechatPart);
        plant(MATCH, "SPLIT", "SPLIT_CARD_WECHAT", o, wechat, -1, amount[o], payAmount[wechat]);
        plant(MATCH, "SPLIT", "SPLIT_CARD_WECHAT", o, card, -1, amount[o], payAmount[card]);
        expectMatches("SPLIT", 2);
    }

    /** One mini-program payment for several orders: merchant order no. M + the first, 商户数据包 lists them all. */
    private void combinedCheckout(int count) {
        int at = plantedSecond();
        int[] covered = new int[count];
        int total = 0;
        for (int i = 0; i < count; i++) {
            covered[i] = newOrder(Channel.MINIPROGRAM, Provider.WECHATPAY.ordinal(), at, 0);
            paid[covered[i]] = paid[covered[0]];
            total += amount[covered[i]];
        }
        int x = pay(covered[0], Provider.WECHATPAY, paid[covered[0]], total);
        flags[x] |= COMBINED;
        combined.put(x, covered);
        for (int o : covered) {
            serial[o] = x;
            plant(MATCH, "MERGED", "COMBINED_CHECKOUT", o, x, -1, amount[o], total);
        }
        expectMatches("MERGED", count);
    }

    /** The payment is a cent off the order; the provider's fee is on what was paid. */
    private void roundingDifference() {
        Channel c = anyChannel();
        Provider p = c.provider(random.nextInt(100));
        int o = newOrder(c, p.ordinal(), plantedSecond(), 10_00);
        int x = pay(o, p, paid[o], amount[o] + (random.nextBoolean() ? 1 : -1));
        serial[o] = x;
        plant(MATCH, "ROUNDING", "ROUNDING", o, x, -1, amount[o], payAmount[x]);
        expectMatches("ROUNDING", 1);
    }

    /** An ordinary refund, in full or of a part (one item of several, or a share), 1 to 4 hours after the payment. */
    private void refund(boolean partly) {
        Channel c = anyChannel();
        Provider p = c.provider(random.nextInt(100));
        int o = newOrder(c, p.ordinal(), second(PLANTED_FROM, LAST_REFUNDABLE), partly ? 60_00 : 0);
        int x = pay(o, p, paid[o], amount[o]);
        serial[o] = x;
        int part = amount[o];
        if (partly) {
            int price = Catalog.PRODUCTS.get(product[o]).cents();
            part = quantity[o] > 1 ? price : Math.max(100, amount[o] * (20 + random.nextInt(31)) / 100 / 100 * 100);
        }
        status[o] = partly ? PARTIALLY_REFUNDED : REFUNDED;
        refunded[o] = part;
        int r = refundOf(x, part);
        plant(MATCH, "ONE_TO_ONE", partly ? "PARTIAL_REFUND" : "FULL_REFUND", o, x, r, part, part);
        expectMatches("ONE_TO_ONE", 2);
    }

    /** Paid in cash at the till: no provider row is due. */
    private void cashSale() {
        int o = newOrder(Channel.POS, CASH, plantedSecond(), 0);
        plant(NONE, "CASH", "CASH_SALE", o, -1, -1, NO_AMOUNT, NO_AMOUNT);
    }

    /**
     * Placed and paid at the channel in the last minutes before midnight, booked by the provider just
     * after it: this day's run holds the order as pending, the next day's pairs it as a timing match.
     */
    private void lateOrder() {
        Channel c = anyChannel();
        Provider p = c.provider(random.nextInt(100));
        int o = newOrder(c, p.ordinal(), LATE_FROM + random.nextInt(240), 0);
        paid[o] = placed[o] + 2 + random.nextInt(49);
        int x = pay(o, p, DAY + 5 + random.nextInt(115), amount[o]);
        flags[x] |= NEXT_DAY;
        payNumber[x] = Identifiers.CARRIED_FROM + nextDayCount[p.ordinal()]++;
        serial[o] = x;
        alone(aloneOrders, p.ordinal(), amount[o], paid[o]);
        plant(PENDING, "TIMING", "LATE_ORDER", o, x, -1, amount[o], NO_AMOUNT);
    }

    /** Cancelled before payment: never paid, nothing due. */
    private void cancelledOrder() {
        while (true) {
            Mark mark = mark();
            Channel c = onlineChannel();
            Provider p = c.provider(random.nextInt(100));
            int o = newOrder(c, p.ordinal(), plantedSecond(), 0);
            status[o] = CANCELLED;
            paid[o] = -1;
            if (aloneOrderFits(o, placed[o])) {
                plant(NONE, "CANCELLED", "CANCELLED", o, -1, -1, NO_AMOUNT, NO_AMOUNT);
                return;
            }
            reset(mark);
        }
    }

    // ---- planted discrepancies -----------------------------------------------------------------

    /** The customer paid (the order shows the serial) but the provider's bill lacks the row. */
    private void missingPayment() {
        while (true) {
            Mark mark = mark();
            Channel c = anyChannel();
            Provider p = c.provider(random.nextInt(100));
            int o = newOrder(c, p.ordinal(), plantedSecond(), 0);
            int x = pay(o, p, paid[o], amount[o]);
            flags[x] |= OMITTED;
            serial[o] = x;
            if (aloneOrderFits(o, paid[o])) {
                plant(DISCREPANCY, "MISSING_PAYMENT", "MISSING_PAYMENT", o, -1, -1, amount[o], 0);
                return;
            }
            reset(mark);
        }
    }

    /** A payment whose order never reached the channel's export. */
    private void missingOrder() {
        while (true) {
            Mark mark = mark();
            Channel c = anyChannel();
            Provider p = c.provider(random.nextInt(100));
            int o = newOrder(c, p.ordinal(), plantedSecond(), 0);
            exported[o] = false;
            int x = pay(o, p, paid[o], amount[o]);
            if (alonePaymentFits(x)) {
                plant(DISCREPANCY, "MISSING_ORDER", "MISSING_ORDER", o, x, -1, 0, amount[o]);
                return;
            }
            reset(mark);
        }
    }

    /** The customer paid less than the order says. */
    private void amountMismatch() {
        Channel c = anyChannel();
        Provider p = c.provider(random.nextInt(100));
        int o = newOrder(c, p.ordinal(), plantedSecond(), 20_00);
        int x = pay(o, p, paid[o], amount[o] - shortfall(amount[o]));
        serial[o] = x;
        plant(DISCREPANCY, "AMOUNT_MISMATCH", "SHORT_PAYMENT", o, x, -1, amount[o], payAmount[x]);
    }

    /** Paid twice a few minutes apart; the order shows the first serial, the discrepancy names the second. */
    private void duplicatePayment() {
        Channel c = anyChannel();
        Provider p = c.provider(random.nextInt(100));
        int o = newOrder(c, p.ordinal(), plantedSecond(), 0);
        serial[o] = pay(o, p, paid[o], amount[o]);
        int second = pay(o, p, paid[o] + 30 + random.nextInt(271), amount[o]);
        plant(DISCREPANCY, "DUPLICATE_PAYMENT", "PAID_TWICE", o, second, -1, amount[o], 2L * amount[o]);
    }

    /** The channel cancelled the order although the provider collected it. */
    private void statusConflict() {
        while (true) {
            Mark mark = mark();
            Channel c = onlineChannel();
            Provider p = c.provider(random.nextInt(100));
            int o = newOrder(c, p.ordinal(), plantedSecond(), 0);
            int x = pay(o, p, paid[o], amount[o]);
            status[o] = CANCELLED;
            paid[o] = -1;
            if (aloneOrderFits(o, placed[o])) {
                plant(DISCREPANCY, "STATUS_CONFLICT", "CANCELLED_BUT_PAID", o, x, -1, 0, amount[o]);
                return;
            }
            reset(mark);
        }
    }

    /** The channel says the order was refunded, the provider's bill has no refund for it. */
    private void refundMissing() {
        Channel c = anyChannel();
        Provider p = c.provider(random.nextInt(100));
        int o = newOrder(c, p.ordinal(), second(PLANTED_FROM, LAST_REFUNDABLE), 0);
        serial[o] = pay(o, p, paid[o], amount[o]);
        status[o] = REFUNDED;
        refunded[o] = amount[o];
        plant(DISCREPANCY, "REFUND_MISSING", "REFUND_MISSING", o, -1, -1, amount[o], 0);
        expectMatches("ONE_TO_ONE", 1);
    }

    /** The provider refunded a payment whose order the channel still shows as paid, nothing refunded. */
    private void refundUnexpected() {
        Channel c = anyChannel();
        Provider p = c.provider(random.nextInt(100));
        int o = newOrder(c, p.ordinal(), second(PLANTED_FROM, LAST_REFUNDABLE), 0);
        int x = pay(o, p, paid[o], amount[o]);
        serial[o] = x;
        int r = refundOf(x, amount[o]);
        plant(DISCREPANCY, "REFUND_UNEXPECTED", "REFUND_UNEXPECTED", o, x, r, 0, amount[o]);
        expectMatches("ONE_TO_ONE", 1);
    }

    /** The provider gave back less than the channel says was refunded. */
    private void refundAmountMismatch() {
        Channel c = anyChannel();
        Provider p = c.provider(random.nextInt(100));
        int o = newOrder(c, p.ordinal(), second(PLANTED_FROM, LAST_REFUNDABLE), 20_00);
        int x = pay(o, p, paid[o], amount[o]);
        serial[o] = x;
        status[o] = REFUNDED;
        refunded[o] = amount[o];
        int r = refundOf(x, amount[o] - shortfall(amount[o]));
        plant(DISCREPANCY, "REFUND_AMOUNT_MISMATCH", "SHORT_REFUND", o, x, r, amount[o], refundAmount[r]);
        expectMatches("ONE_TO_ONE", 1);
    }

    /** The provider charged more than the contracted rate on one payment. */
    private void feeMismatch() {
        Channel c = anyChannel();
        Provider p = c.provider(random.nextInt(100));
        int o = newOrder(c, p.ordinal(), plantedSecond(), 50_00);
        int x = pay(o, p, paid[o], amount[o]);
        payRate[x] = (short) OVERCHARGED_RATE[p.ordinal()];
        payFee[x] = Provider.fee(amount[o], payRate[x]);
        serial[o] = x;
        plant(DISCREPANCY, "FEE_MISMATCH", "FEE_ABOVE_CONTRACT", o, x, -1, p.contractedFee(amount[o]), payFee[x]);
        expectMatches("ONE_TO_ONE", 1);
    }

    /**
     * The channel sent the provider a merchant order number with one digit wrong and exports the
     * order without a serial: no key joins them, but the same amount and provider moments apart do.
     */
    private void mistypedOrderNo() {
        while (true) {
            Mark mark = mark();
            Channel c = onlineChannel();
            Provider p = c.provider(random.nextInt(100));
            int o = newOrder(c, p.ordinal(), plantedSecond(), 0);
            int x = pay(o, p, paid[o] + 5 + random.nextInt(116), amount[o]);
            flags[x] |= MISTYPED;
            if (!near(alonePayments, method[o], amount[o], paid[o]) && !near(aloneOrders, p.ordinal(), amount[o], payAt[x])) {
                alone(aloneOrders, method[o], amount[o], paid[o]);
                alone(alonePayments, p.ordinal(), amount[o], payAt[x]);
                mistypedOrderNo.put(x, mistype(c, orderNo(o)));
                plant(PROPOSED, "PROPOSAL", "MISTYPED_ORDER_NO", o, x, -1, amount[o], amount[o]);
                return;
            }
            reset(mark);
        }
    }

    /**
     * One digit of the running part changed, so that it is no order number of the day: none made
     * so far, nor one of the few mistyped orders still to come.
     */
    private String mistype(Channel c, String orderNo) {
        while (true) {
            char[] digits = orderNo.toCharArray();
            int at = digits.length - 1 - random.nextInt(6);
            digits[at] = (char) ('0' + (digits[at] - '0' + 1 + random.nextInt(9)) % 10);
            String typo = new String(digits);
            long n = ids.runningNumberOf(c, typo);
            if (n < 0 || n >= channelCount[c.ordinal()] + plantedEach) {
                return typo;
            }
        }
    }

    // ---- building blocks -----------------------------------------------------------------------

    private int newOrder(Channel c, int paidWith, int placedAt, int minimumCents) {
        int o = orders++;
        if (o == channel.length) {
            growOrders(o * 3 / 2);
        }
        channel[o] = (byte) c.ordinal();
        method[o] = (byte) paidWith;
        status[o] = PAID;
        int p;
        int q;
        do {
            p = random.nextInt(Catalog.PRODUCTS.size());
            q = quantity(Catalog.PRODUCTS.get(p).cents());
        } while (Catalog.PRODUCTS.get(p).cents() * q < minimumCents);
        product[o] = (short) p;
        quantity[o] = (byte) q;
        amount[o] = Catalog.PRODUCTS.get(p).cents() * q;
        refunded[o] = 0;
        placed[o] = placedAt;
        paid[o] = placedAt + 2 + random.nextInt(59);
        serial[o] = -1;
        exported[o] = true;
        store[o] = (short) (c == Channel.POS ? 1 + random.nextInt(Catalog.STORES) : 0);
        number[o] = c == Channel.POS ? -1 : channelCount[c.ordinal()]++;
        return o;
    }

    /** Mostly single items; never above the largest plausible basket. */
    private int quantity(int priceCents) {
        int draw = random.nextInt(20);
        int wanted = draw < 12 ? 1 : draw < 17 ? 2 : draw < 19 ? 3 : 4;
        return Math.max(1, Math.min(wanted, Catalog.MAX_ORDER_CENTS / priceCents));
    }

    private int pay(int o, Provider p, int at, int cents) {
        int x = payments++;
        if (x == provider.length) {
            growPayments(x * 3 / 2);
        }
        provider[x] = (byte) p.ordinal();
        flags[x] = 0;
        payOrder[x] = o;
        payAt[x] = at;
        payAmount[x] = cents;
        payRate[x] = (short) p.rate;
        payFee[x] = p.contractedFee(cents);
        payNumber[x] = paymentCount[p.ordinal()]++;
        return x;
    }

    /** A refund of part or all of a payment, 1 to 4 hours later; the provider gives back its fee on that part (card: none). */
    private int refundOf(int x, int cents) {
        int r = refunds++;
        if (r == refundOf.length) {
            growRefunds(r * 3 / 2);
        }
        Provider p = Provider.values()[provider[x]];
        refundOf[r] = x;
        refundAt[r] = payAt[x] + 3600 + random.nextInt(3 * 3600);
        refundAmount[r] = cents;
        refundFee[r] = p == Provider.CARD ? 0 : Provider.fee(cents, payRate[x]);
        refundNumber[r] = p == Provider.CARD ? Identifiers.CARD_REFUNDS_FROM + cardRefunds++
                : p == Provider.WECHATPAY ? wechatRefunds++ : -1;
        return r;
    }

    /** Less paid or refunded than due: 5 to 30 % of the amount in whole yuan, at least 1.00. */
    private int shortfall(int cents) {
        return Math.max(100, cents * (5 + random.nextInt(26)) / 100 / 100 * 100);
    }

    private Channel anyChannel() {
        int draw = random.nextInt(CHANNEL_SHARE_TOTAL);
        for (Channel c : Channel.values()) {
            if (draw < c.share) {
                return c;
            }
            draw -= c.share;
        }
        throw new IllegalStateException("shares do not add up");
    }

    private Channel onlineChannel() {
        Channel c;
        do {
            c = anyChannel();
        } while (c == Channel.POS);
        return c;
    }

    private int plantedSecond() {
        return second(PLANTED_FROM, PLANTED_TO);
    }

    /** A second of the day within [from, to], following the day's hourly curve. */
    private int second(int from, int to) {
        while (true) {
            int draw = random.nextInt(HOUR_WEIGHT_TOTAL);
            int hour = 0;
            while (draw >= HOUR_WEIGHTS[hour]) {
                draw -= HOUR_WEIGHTS[hour++];
            }
            int lo = Math.max(hour * 3600, from);
            int hi = Math.min(hour * 3600 + 3599, to);
            if (lo <= hi) {
                return lo + random.nextInt(hi - lo + 1);
            }
        }
    }

    private void plant(String outcome, String kind, String scenario, int o, int payment, int refund, long expected,
                       long actual) {
        planted.add(new Planted(outcome, kind, scenario, o, payment, refund, expected, actual));
    }

    private void expectMatches(String kind, int count) {
        matchTotals.merge(kind, (long) count, Long::sum);
    }

    // ---- records left alone must not pair by a fallback rule -----------------------------------

    private boolean aloneOrderFits(int o, int at) {
        if (near(alonePayments, method[o], amount[o], at)) {
            return false;
        }
        alone(aloneOrders, method[o], amount[o], at);
        return true;
    }

    private boolean alonePaymentFits(int x) {
        if (near(aloneOrders, provider[x], payAmount[x], payAt[x])) {
            return false;
        }
        alone(alonePayments, provider[x], payAmount[x], payAt[x]);
        return true;
    }

    private static boolean near(Map<Long, List<Integer>> alone, int provider, int cents, int at) {
        for (int t : alone.getOrDefault(key(provider, cents), List.of())) {
            if (Math.abs(t - at) <= FALLBACK_REACH) {
                return true;
            }
        }
        return false;
    }

    private static void alone(Map<Long, List<Integer>> alone, int provider, int cents, int at) {
        alone.computeIfAbsent(key(provider, cents), k -> new ArrayList<>()).add(at);
    }

    private static long key(int provider, int cents) {
        return ((long) provider << 32) | cents;
    }

    /** What a retried plant undoes: it is always the last rows added. */
    private record Mark(int orders, int payments, int refunds, int[] channelCount, long[] paymentCount) {
    }

    private Mark mark() {
        return new Mark(orders, payments, refunds, channelCount.clone(), paymentCount.clone());
    }

    private void reset(Mark mark) {
        for (int x = mark.payments(); x < payments; x++) {
            combined.remove(x);
            mistypedOrderNo.remove(x);
        }
        orders = mark.orders();
        payments = mark.payments();
        refunds = mark.refunds();
        System.arraycopy(mark.channelCount(), 0, channelCount, 0, channelCount.length);
        System.arraycopy(mark.paymentCount(), 0, paymentCount, 0, paymentCount.length);
    }

    // ---- completing the day --------------------------------------------------------------------

    private void complete() {
        numberStoreSales();
        settle();
        carried = carriedPayments();
        truth = groundTruth();
    }

    /** POS order numbers run per store through the day, in the order the sales were made. */
    private void numberStoreSales() {
        long[] keys = new long[orders];
        int count = 0;
        for (int o = 0; o < orders; o++) {
            if (channel[o] == Channel.POS.ordinal()) {
                keys[count++] = ((long) placed[o] << 32) | o;
            }
        }
        Arrays.sort(keys, 0, count);
        int[] perStore = new int[Catalog.STORES + 1];
        for (int i = 0; i < count; i++) {
            int o = (int) keys[i];
            number[o] = ++perStore[store[o]];
        }
    }

    /**
     * Each provider's net for the day as its bills add up (payments less fees, less refunds plus
     * the fees returned), paid to the bank in one credit; one provider's credit comes short.
     */
    private void settle() {
        for (int x = 0; x < payments; x++) {
            if (inTodaysBill(x)) {
                net[provider[x]] += payAmount[x] - payFee[x];
                settles[provider[x]] = true;
            }
        }
        for (int r = 0; r < refunds; r++) {
            int p = provider[refundOf[r]];
            net[p] -= refundAmount[r] - refundFee[r];
            settles[p] = true;
        }
        for (CarriedPayment c : incoming) {
            net[c.provider().ordinal()] += c.amount() - c.fee();
            settles[c.provider().ordinal()] = true;
        }
        List<Provider> candidates = new ArrayList<>();
        for (Provider p : Provider.values()) {
            credited[p.ordinal()] = net[p.ordinal()];
            if (settles[p.ordinal()] && net[p.ordinal()] >= 200_00) {
                candidates.add(p);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no provider settles enough on " + date + " to short-pay");
        }
        shortPaid = candidates.get(random.nextInt(candidates.size()));
        credited[shortPaid.ordinal()] -= 10_00 + random.nextInt(90_00);
    }

    boolean inTodaysBill(int x) {
        return (flags[x] & (OMITTED | NEXT_DAY)) == 0;
    }

    private List<CarriedPayment> carriedPayments() {
        DayFiles files = new DayFiles(this);
        List<CarriedPayment> result = new ArrayList<>();
        for (int x = 0; x < payments; x++) {
            if ((flags[x] & NEXT_DAY) != 0) {
                Provider p = Provider.values()[provider[x]];
                int o = payOrder[x];
                result.add(new CarriedPayment(p, payAt[x] - DAY, payAmount[x], payFee[x], files.paymentLine(x),
                        Channel.values()[channel[o]].source, orderNo(o), txnId(x)));
            }
        }
        return List.copyOf(result);
    }

    private GroundTruth groundTruth() {
        List<ExpectedCase> cases = new ArrayList<>(planted.size() + incoming.size() + 1);
        for (CarriedPayment c : incoming) {
            BigDecimal amount = money(c.amount());
            cases.add(new ExpectedCase(date, MATCH, "TIMING", "LATE_ORDER", c.orderSource(), c.orderNo(), c.txnId(),
                    c.provider().source, null, amount, amount));
        }
        for (Planted p : planted) {
            cases.add(expectedCase(p));
        }
        Provider shortProvider = shortPaid;
        cases.add(new ExpectedCase(date, DISCREPANCY, "PAYOUT_MISMATCH", "SHORT_PAYOUT", "bank",
                payoutReference(shortProvider), bankReference(shortProvider), shortProvider.source, null,
                money(net[shortProvider.ordinal()]), money(credited[shortProvider.ordinal()])));

        // grouped by outcome and kind, in the order they were planted within each
        List<String> outcomes = List.of(MATCH, PENDING, PROPOSED, DISCREPANCY, NONE);
        cases.sort(java.util.Comparator.comparingInt((ExpectedCase c) -> outcomes.indexOf(c.outcome()))
                .thenComparing(ExpectedCase::kind));

        Map<String, Long> totals = new LinkedHashMap<>();
        long[] exportedOrders = new long[Channel.values().length];
        for (int o = 0; o < orders; o++) {
            if (exported[o]) {
                exportedOrders[channel[o]]++;
            }
        }
        long[] billPayments = new long[Provider.values().length];
        long[] billRefunds = new long[Provider.values().length];
        for (int x = 0; x < payments; x++) {
            if (inTodaysBill(x)) {
                billPayments[provider[x]]++;
            }
        }
        for (int r = 0; r < refunds; r++) {
            billRefunds[provider[refundOf[r]]]++;
        }
        incoming.forEach(c -> billPayments[c.provider().ordinal()]++);
        for (Channel c : Channel.values()) {
            totals.put(GroundTruth.RECORDS + "," + c.source + "/ORDER", exportedOrders[c.ordinal()]);
        }
        long credits = 0;
        for (Provider p : Provider.values()) {
            totals.put(GroundTruth.RECORDS + "," + p.source + "/PAYMENT", billPayments[p.ordinal()]);
            totals.put(GroundTruth.RECORDS + "," + p.source + "/REFUND", billRefunds[p.ordinal()]);
            credits += settles[p.ordinal()] ? 1 : 0;
        }
        totals.put(GroundTruth.RECORDS + ",bank/PAYOUT", credits);
        Map<String, Long> matches = new LinkedHashMap<>(matchTotals);
        if (!incoming.isEmpty()) {
            matches.merge("TIMING", (long) incoming.size(), Long::sum);
        }
        for (String kind : List.of("ONE_TO_ONE", "SPLIT", "MERGED", "ROUNDING", "TIMING")) {
            totals.put(MATCH + "," + kind, matches.getOrDefault(kind, 0L));
        }
        for (ExpectedCase c : cases) {
            if (!c.outcome().equals(MATCH)) {
                totals.merge(c.outcome() + "," + c.kind(), 1L, Long::sum);
            }
        }
        return new GroundTruth(date, cases, totals);
    }

    private ExpectedCase expectedCase(Planted p) {
        int o = p.order();
        int x = p.payment();
        int r = p.refund();
        String channelSource = Channel.values()[channel[o]].source;
        String methodSource = METHOD_NAMES[method[o]];
        String orderNo = orderNo(o);
        BigDecimal expected = p.expected() == NO_AMOUNT ? null : money(p.expected());
        BigDecimal actual = p.actual() == NO_AMOUNT ? null : money(p.actual());
        return switch (p.kind()) {
            // about the provider's row: its source and merchant order no.
            case "MISSING_ORDER", "FEE_MISMATCH" -> new ExpectedCase(date, p.outcome(), p.kind(), p.scenario(),
                    methodSource, merchantOrderNo(x), txnId(x),
                    p.kind().equals("FEE_MISMATCH") ? methodSource : null, null, expected, actual);
            case "REFUND_UNEXPECTED" -> new ExpectedCase(date, p.outcome(), p.kind(), p.scenario(), methodSource,
                    merchantOrderNo(x), refundTxnId(r), null, null, expected, actual);
            // about the order, nothing found on the other side
            case "MISSING_PAYMENT", "REFUND_MISSING" -> new ExpectedCase(date, p.outcome(), p.kind(), p.scenario(),
                    channelSource, orderNo, null, methodSource, null, expected, actual);
            case "CASH", "CANCELLED" -> new ExpectedCase(date, p.outcome(), p.kind(), p.scenario(), channelSource,
                    orderNo, null, null, null, expected, actual);
            // about the order and a provider row
            default -> {
                String counterSource = Provider.values()[provider[x]].source;
                String counterTxnId = r >= 0 ? refundTxnId(r) : txnId(x);
                String counterOrderNo = merchantOrderNo(x).equals(orderNo) ? null : merchantOrderNo(x);
                yield new ExpectedCase(date, p.outcome(), p.kind(), p.scenario(), channelSource, orderNo, counterTxnId,
                        counterSource, counterOrderNo, expected, actual);
            }
        };
    }

    // ---- identifiers of rows -------------------------------------------------------------------

    String orderNo(int o) {
        return switch (Channel.values()[channel[o]]) {
            case JD -> ids.jdOrderNo(number[o]);
            case DOUYIN -> ids.douyinOrderNo(number[o]);
            case MINIPROGRAM -> ids.miniprogramOrderNo(number[o]);
            case POS -> ids.posOrderNo(store[o], number[o]);
        };
    }

    String txnId(int x) {
        Identifiers of = (flags[x] & NEXT_DAY) != 0 ? nextIds : ids;
        return of.txnId(Provider.values()[provider[x]], payNumber[x]);
    }

    /** What the provider's row shows as 商户订单号 / 订单号. */
    String merchantOrderNo(int x) {
        if ((flags[x] & COMBINED) != 0) {
            return "M" + orderNo(payOrder[x]);
        }
        String typo = mistypedOrderNo.get(x);
        return typo != null ? typo : orderNo(payOrder[x]);
    }

    /** The transaction id a refund row carries: the refunded payment's, or for a card 退货 its own reference. */
    String refundTxnId(int r) {
        return provider[refundOf[r]] == Provider.CARD.ordinal() ? ids.cardReference(refundNumber[r])
                : txnId(refundOf[r]);
    }

    String payoutReference(Provider p) {
        return p.payoutName + "-SETTLE-" + ids.date();
    }

    /** The bank's own reference of a provider's credit (AcctSvcrRef): booking date and 14 digits. */
    String bankReference(Provider p) {
        return nextIds.date() + String.format("%013d", Identifiers.Mix.of(seed, date.toEpochDay(), p.ordinal(), 31)
                % 10_000_000_000_000L) + p.ordinal();
    }

    /** A stable hash of a payment row for the values only its looks depend on (payer, card, terminal). */
    long looks(int x) {
        return Identifiers.Mix.of(seed, date.toEpochDay(), x, 21);
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    // ---- storage -------------------------------------------------------------------------------

    private void growOrders(int capacity) {
        channel = Arrays.copyOf(channel == null ? new byte[0] : channel, capacity);
        method = Arrays.copyOf(method == null ? new byte[0] : method, capacity);
        status = Arrays.copyOf(status == null ? new byte[0] : status, capacity);
        quantity = Arrays.copyOf(quantity == null ? new byte[0] : quantity, capacity);
        product = Arrays.copyOf(product == null ? new short[0] : product, capacity);
        store = Arrays.copyOf(store == null ? new short[0] : store, capacity);
        placed = Arrays.copyOf(placed == null ? new int[0] : placed, capacity);
        paid = Arrays.copyOf(paid == null ? new int[0] : paid, capacity);
        amount = Arrays.copyOf(amount == null ? new int[0] : amount, capacity);
        refunded = Arrays.copyOf(refunded == null ? new int[0] : refunded, capacity);
        serial = Arrays.copyOf(serial == null ? new int[0] : serial, capacity);
        number = Arrays.copyOf(number == null ? new int[0] : number, capacity);
        exported = Arrays.copyOf(exported == null ? new boolean[0] : exported, capacity);
    }

    private void growPayments(int capacity) {
        provider = Arrays.copyOf(provider == null ? new byte[0] : provider, capacity);
        flags = Arrays.copyOf(flags == null ? new byte[0] : flags, capacity);
        payOrder = Arrays.copyOf(payOrder == null ? new int[0] : payOrder, capacity);
        payAt = Arrays.copyOf(payAt == null ? new int[0] : payAt, capacity);
        payAmount = Arrays.copyOf(payAmount == null ? new int[0] : payAmount, capacity);
        payFee = Arrays.copyOf(payFee == null ? new int[0] : payFee, capacity);
        payRate = Arrays.copyOf(payRate == null ? new short[0] : payRate, capacity);
        payNumber = Arrays.copyOf(payNumber == null ? new long[0] : payNumber, capacity);
    }

    private void growRefunds(int capacity) {
        refundOf = Arrays.copyOf(refundOf == null ? new int[0] : refundOf, capacity);
        refundAt = Arrays.copyOf(refundAt == null ? new int[0] : refundAt, capacity);
        refundAmount = Arrays.copyOf(refundAmount == null ? new int[0] : refundAmount, capacity);
        refundFee = Arrays.copyOf(refundFee == null ? new int[0] : refundFee, capacity);
        refundNumber = Arrays.copyOf(refundNumber == null ? new long[0] : refundNumber, capacity);
    }
}
