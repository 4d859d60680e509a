package com.reconflow.demo;

import static com.reconflow.demo.ExpectedDiscrepancy.AMOUNT_MISMATCH;
import static com.reconflow.demo.ExpectedDiscrepancy.DUPLICATE_PAYMENT;
import static com.reconflow.demo.ExpectedDiscrepancy.MISSING_ORDER;
import static com.reconflow.demo.ExpectedDiscrepancy.MISSING_PAYMENT;
import static com.reconflow.demo.ExpectedDiscrepancy.REFUND_AMOUNT_MISMATCH;
import static com.reconflow.demo.ExpectedDiscrepancy.REFUND_MISSING;
import static com.reconflow.demo.ExpectedDiscrepancy.REFUND_UNEXPECTED;
import static com.reconflow.demo.ExpectedDiscrepancy.STATUS_CONFLICT;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Generates one realistic business day of the demo retailer: the order exports of its sales channels
 * ({@code jd}, {@code douyin}, {@code miniprogram}) and the bills of its payment providers
 * ({@code wechatpay}, {@code alipay}), byte for byte in the real layouts of FORMATS.md and the samples.
 *
 * <p>Every order pairs with exactly one payment of the same amount, and every refund an order
 * records with a refund row of the same amount in its provider's bill, except for the ten
 * discrepancies planted on purpose and returned with the day. The same date and seed always give the
 * same bytes. Times are local times of Asia/Shanghai, written as the files write them.
 */
public final class DemoDayGenerator {

    static final String ALIPAY = "alipay";
    static final String WECHATPAY = "wechatpay";

    /**
     * Contracted rate of both providers (samples/README.md), rounded half-up to 0.01 per payment; a
     * refund gives back the same rate of the refunded amount.
     */
    static final BigDecimal FEE_RATE = new BigDecimal("0.006");

    private static final String ALIPAY_ACCOUNT = "20880211096256330156";
    private static final String WECHAT_MERCHANT_ID = "1630728691";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ALIPAY_TIME =
            DateTimeFormatter.ofPattern("yyyy'年'MM'月'dd'日' HH:mm:ss");
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private static final String CHANNEL_ORDERS_HEADER = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量";
    private static final String WECHAT_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
            + "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
            + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    private static final String WECHAT_SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
    private static final String ALIPAY_HEADER = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,"
            + "对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
            + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
    // Marker lines exactly as Alipay writes them (dash counts included).
    private static final String ALIPAY_LIST_START = "#-----------------------------------------业务明细列表----------------------------------------";
    private static final String ALIPAY_LIST_END = "#-----------------------------------------业务明细列表结束------------------------------------";

    /** Relative order volume per hour of day: quiet nights, a lunch peak and the evening peak. */
    private static final int[] HOUR_WEIGHTS = {2, 1, 1, 1, 1, 1, 2, 3, 5, 6, 7, 8, 9, 7, 6, 6, 6, 7, 8, 9, 11, 12, 10, 6};
    private static final int HOUR_WEIGHT_TOTAL = Arrays.stream(HOUR_WEIGHTS).sum();
    // Orders start after 00:05 and end by 23:50 so that every payment lands in the same day's bills.
    private static final int FIRST_SECOND = LocalTime.of(0, 5).toSecondOfDay();
    private static final int LAST_SECOND = LocalTime.of(23, 50).toSecondOfDay();

    private static final List<String> WECHAT_BANKS = List.of(
            "CFT", "CFT", "CMB_DEBIT", "ICBC_DEBIT", "CCB_DEBIT", "ABC_DEBIT", "COMM_DEBIT", "SPDB_CREDIT", "CMB_CREDIT", "OTHERS");
    private static final List<String> MAIL_DOMAINS = List.of("qq.com", "163.com", "126.com", "sina.com");
    private static final String OPENID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static final BigDecimal MAX_ORDER_AMOUNT = new BigDecimal("1299.00");
    /** How much less the customer paid on an amount-mismatch order (e.g. 199.00 ordered, 189.00 paid). */
    private static final BigDecimal SHORT_PAYMENT = new BigDecimal("10.00");
    /** How much less a refund-mismatch row gives back than the order says was refunded. */
    private static final BigDecimal SHORT_REFUND = new BigDecimal("10.00");
    /** The ordinary partial refund (e.g. a returned item of a larger basket) and the least order it fits. */
    private static final BigDecimal PARTIAL_REFUND = new BigDecimal("30.00");
    private static final BigDecimal PARTIAL_REFUND_MINIMUM_ORDER = new BigDecimal("100.00");
    /** Ordinary full refunds, by the provider that pays them back: two each. */
    private static final List<String> REFUNDED_ORDERS = List.of(WECHATPAY, WECHATPAY, ALIPAY, ALIPAY);
    /** Only payments before this time are refunded, so that the refund (1 to 4 hours later) lands in the same day's bill. */
    private static final LocalTime LAST_REFUNDABLE_PAYMENT = LocalTime.of(19, 0);
    /** Ordinary cancellations; the planted status conflict is one more cancelled order. */
    private static final int CANCELLED_ORDERS = 3;

    private enum Channel {
        JD("jd", "jd_orders_", 120, true, false, "wx13e766327bb50553", "o5XTLX", "APP"),
        DOUYIN("douyin", "douyin_orders_", 90, true, false, "wx1fdfc8d8d4fc4c58", "oI-2p3", "APP"),
        // The mini-program back end is the only export written with a BOM, as in the samples.
        MINIPROGRAM("miniprogram", "mp_orders_", 90, false, true, "wx81ec695283bd8af2", "ow6Vzs", "JSAPI");

        final String source;
        final String filePrefix;
        final int orders;
        final boolean acceptsAlipay;
        final boolean bom;
        final String wechatAppId;
        final String openIdPrefix;
        final String wechatTradeType;

        Channel(String source, String filePrefix, int orders, boolean acceptsAlipay, boolean bom,
                String wechatAppId, String openIdPrefix, String wechatTradeType) {
            this.source = source;
            this.filePrefix = filePrefix;
            this.orders = orders;
            this.acceptsAlipay = acceptsAlipay;
            this.bom = bom;
            this.wechatAppId = wechatAppId;
            this.openIdPrefix = openIdPrefix;
            this.wechatTradeType = wechatTradeType;
        }
    }

    private record Product(String category, String sku, String name, BigDecimal price) {
    }

    private static final List<Product> CATALOG = List.of(
            product("美妆", "MZ0005", "持妆精华液", "160.00"),
            product("美妆", "MZ0014", "控油面膜10片装", "89.99"),
            product("美妆", "MZ0022", "保湿防晒霜", "129.00"),
            product("美妆", "MZ0031", "清透面膜10片装", "107.00"),
            product("美妆", "MZ0039", "焕亮粉底液", "199.00"),
            product("服装", "FZ0012", "新款牛仔裤", "95.00"),
            product("服装", "FZ0028", "修身半身裙", "50.90"),
            product("服装", "FZ0031", "修身休闲裤", "93.90"),
            product("服装", "FZ0051", "宽松毛呢大衣", "459.00"),
            product("数码", "SM0001", "便携机械键盘", "401.00"),
            product("数码", "SM0003", "超薄智能手表", "289.00"),
            product("数码", "SM0015", "无线移动硬盘", "1299.00"),
            product("数码", "SM0022", "快充移动硬盘", "336.00"),
            product("家居", "JJ0002", "日式抱枕", "24.00"),
            product("家居", "JJ0003", "加厚浴巾", "28.00"),
            product("家居", "JJ0011", "全棉床品四件套", "299.00"),
            product("运动", "YD0010", "专业跳绳", "41.00"),
            product("运动", "YD0033", "减震跳绳", "60.00"),
            product("运动", "YD0041", "透气运动短裤", "69.90"),
            product("运动", "YD0050", "减震瑜伽垫", "190.00"),
            product("运动", "YD0057", "减震跑步鞋", "399.00"),
            product("饰品", "SS0020", "纯银手链", "167.00"),
            product("饰品", "SS0024", "玫瑰金戒指", "35.00"),
            product("饰品", "SS0031", "珍珠耳钉", "59.90"),
            product("母婴", "MY0001", "全新儿童绘本", "71.90"),
            product("母婴", "MY0006", "有机湿巾", "9.90"),
            product("母婴", "MY0012", "婴儿纯棉连体衣", "129.00"),
            product("母婴", "MY0020", "防胀气奶瓶", "89.00"));

    private static Product product(String category, String sku, String name, String price) {
        return new Product(category, sku, "禾木优选" + name, new BigDecimal(price));
    }

    /** Generates the day; deterministic for a given date and seed. */
    public DemoDay generate(LocalDate businessDate, long seed) {
        return new Day(businessDate, new Random(seed)).generate();
    }

    /** An order as the channel exports it; status fields change as the day's events are applied. */
    private static final class Order {
        final Channel channel;
        final String orderNo;
        final LocalDateTime orderedAt;
        final String method;
        final Product product;
        final int quantity;
        final BigDecimal amount;
        LocalDateTime paidAt;
        String txnId;
        String status = "PAID";
        BigDecimal refunded = BigDecimal.ZERO.setScale(2);

        Order(Channel channel, String orderNo, LocalDateTime orderedAt, String method, Product product,
              int quantity, LocalDateTime paidAt, String txnId) {
            this.channel = channel;
            this.orderNo = orderNo;
            this.orderedAt = orderedAt;
            this.method = method;
            this.product = product;
            this.quantity = quantity;
            this.amount = product.price().multiply(BigDecimal.valueOf(quantity));
            this.paidAt = paidAt;
            this.txnId = txnId;
        }

        /** Never paid: a cancelled order carries no payment time and no serial. */
        void cancel() {
            status = "CANCELLED";
            paidAt = null;
            txnId = null;
        }

        void refundFully() {
            refund(amount);
        }

        void refund(BigDecimal refundAmount) {
            status = refundAmount.compareTo(amount) == 0 ? "REFUNDED" : "PARTIALLY_REFUNDED";
            refunded = refundAmount;
        }
    }

    /** A successful collection as the provider's bill shows it. */
    private record Payment(String provider, Channel channel, String txnId, String orderNo, LocalDateTime createdAt,
                           LocalDateTime paidAt, BigDecimal amount, String productName, String payer, String payerBank) {

        BigDecimal fee() {
            return amount.multiply(FEE_RATE).setScale(2, RoundingMode.HALF_UP);
        }

        Payment withAmount(BigDecimal paid) {
            return new Payment(provider, channel, txnId, orderNo, createdAt, paidAt, paid, productName, payer, payerBank);
        }
    }

    /**
     * Money given back on a payment, as the provider's bill shows it: under the payment's transaction id
     * and merchant order number. {@code wechatRefundId} is WeChat's own refund number (null for Alipay),
     * {@code requestNo} the merchant's refund number.
     */
    private record Refund(Payment payment, String wechatRefundId, String requestNo, LocalDateTime refundedAt,
                          BigDecimal amount) {

        String provider() {
            return payment.provider();
        }

        /** The provider returns its fee on the refunded part. */
        BigDecimal fee() {
            return amount.multiply(FEE_RATE).setScale(2, RoundingMode.HALF_UP);
        }

        Refund withAmount(BigDecimal given) {
            return new Refund(payment, wechatRefundId, requestNo, refundedAt, given);
        }
    }

    /** One detail line of a bill; bills list their rows by time. */
    private record BillLine(LocalDateTime at, String id, String text) {
    }

    /** The state of one generation run: one Random drives everything, in a fixed order. */
    private static final class Day {
        private final LocalDate date;
        private final String fileDate;
        private final Random random;
        private final Set<String> usedIds = new HashSet<>();
        private final Set<Order> touched = new HashSet<>();
        private final List<Order> orders = new ArrayList<>();
        private final List<Payment> payments = new ArrayList<>();
        private final List<Refund> refunds = new ArrayList<>();

        Day(LocalDate date, Random random) {
            this.date = date;
            this.fileDate = date.format(FILE_DATE);
            this.random = random;
        }

        DemoDay generate() {
            for (Channel channel : Channel.values()) {
                orders.addAll(ordersOf(channel));
            }
            // Start from a clean day: every order paid once, for its exact amount.
            for (Order order : orders) {
                payments.add(paymentOf(order, order.txnId, order.amount, order.paidAt));
            }
            // Evaluated in this order, each pick drawing from the same Random.
            List<ExpectedDiscrepancy> planted = List.of(
                    missingPayment(pick(Channel.JD, ALIPAY)),
                    missingPayment(pick(Channel.MINIPROGRAM, WECHATPAY)),
                    missingOrder(),
                    amountMismatch(pick(Channel.DOUYIN, ALIPAY)),
                    amountMismatch(pick(Channel.JD, WECHATPAY)),
                    duplicatePayment(pick(Channel.JD, WECHATPAY)),
                    statusConflict(pick(Channel.DOUYIN, ALIPAY)),
                    refundMissing(pickRefundable(Channel.DOUYIN, WECHATPAY, SHORT_REFUND)),
                    refundAmountMismatch(pickRefundable(Channel.JD, ALIPAY, SHORT_REFUND.add(SHORT_REFUND))),
                    refundUnexpected(pickRefundable(Channel.MINIPROGRAM, WECHATPAY, BigDecimal.ZERO)));
            // Ordinary events that reconcile: a refund keeps its payment and adds a refund row of the
            // same amount to the bill; cancelled orders were never paid.
            for (String provider : REFUNDED_ORDERS) {
                Order order = pickRefundable(null, provider, BigDecimal.ZERO);
                order.refundFully();
                refunds.add(refundOf(order, order.refunded));
            }
            Order partly = pickRefundable(Channel.DOUYIN, ALIPAY, PARTIAL_REFUND_MINIMUM_ORDER);
            partly.refund(PARTIAL_REFUND);
            refunds.add(refundOf(partly, PARTIAL_REFUND));
            for (int i = 0; i < CANCELLED_ORDERS; i++) {
                cancelUnpaid(pick(anyOrder -> true));
            }
            List<DemoFile> files = new ArrayList<>();
            for (Channel channel : Channel.values()) {
                files.add(channelOrdersFile(channel));
            }
            files.add(wechatBill());
            files.add(alipayBill());
            return new DemoDay(date, files, planted);
        }

        // ---- orders and payments -------------------------------------------------------------

        private List<Order> ordersOf(Channel channel) {
            List<Order> result = new ArrayList<>();
            for (int i = 0; i < channel.orders; i++) {
                String method = channel.acceptsAlipay && random.nextBoolean() ? ALIPAY : WECHATPAY;
                result.add(newOrder(channel, method));
            }
            // Exports list orders by order time.
            result.sort(Comparator.comparing((Order o) -> o.orderedAt).thenComparing(o -> o.orderNo));
            return result;
        }

        private Order newOrder(Channel channel, String method) {
            Product product = CATALOG.get(random.nextInt(CATALOG.size()));
            LocalDateTime orderedAt = date.atTime(LocalTime.ofSecondOfDay(orderSecond()));
            LocalDateTime paidAt = orderedAt.plusSeconds(2 + random.nextInt(59));
            return new Order(channel, newOrderNo(channel), orderedAt, method, product, quantity(product),
                    paidAt, newTxnId(method));
        }

        private int orderSecond() {
            int hour = weightedHour();
            int from = Math.max(hour * 3600, FIRST_SECOND);
            int to = Math.min(hour * 3600 + 3599, LAST_SECOND);
            return from + random.nextInt(to - from + 1);
        }

        private int weightedHour() {
            int draw = random.nextInt(HOUR_WEIGHT_TOTAL);
            int hour = 0;
            while (draw >= HOUR_WEIGHTS[hour]) {
                draw -= HOUR_WEIGHTS[hour++];
            }
            return hour;
        }

        /** Mostly single items; never above the largest plausible basket. */
        private int quantity(Product product) {
            int draw = random.nextInt(20);
            int wanted = draw < 12 ? 1 : draw < 17 ? 2 : draw < 19 ? 3 : 4;
            int affordable = MAX_ORDER_AMOUNT.divide(product.price(), 0, RoundingMode.DOWN).intValue();
            return Math.max(1, Math.min(wanted, affordable));
        }

        private Payment paymentOf(Order order, String txnId, BigDecimal amount, LocalDateTime paidAt) {
            boolean wechat = order.method.equals(WECHATPAY);
            String payer = wechat ? openId(order.channel) : alipayAccount();
            String bank = wechat ? WECHAT_BANKS.get(random.nextInt(WECHAT_BANKS.size())) : null;
            return new Payment(order.method, order.channel, txnId, order.orderNo, order.orderedAt, paidAt, amount,
                    order.product.name(), payer, bank);
        }

        /** A random PAID order matching the filter that no earlier event or injection has used. */
        private Order pick(Predicate<Order> filter) {
            List<Order> candidates = orders.stream()
                    .filter(o -> !touched.contains(o) && o.status.equals("PAID") && filter.test(o))
                    .toList();
            Order chosen = candidates.get(random.nextInt(candidates.size()));
            touched.add(chosen);
            return chosen;
        }

        private Order pick(Channel channel, String method) {
            // At least 2 × SHORT_PAYMENT so that a short payment stays a plausible amount.
            BigDecimal minimum = SHORT_PAYMENT.add(SHORT_PAYMENT);
            return pick(o -> o.channel == channel && o.method.equals(method) && o.amount.compareTo(minimum) >= 0);
        }

        /** A PAID order (of the channel, unless null) paid early enough to be refunded the same day. */
        private Order pickRefundable(Channel channel, String method, BigDecimal minimum) {
            return pick(o -> (channel == null || o.channel == channel) && o.method.equals(method)
                    && o.amount.compareTo(minimum) >= 0 && o.paidAt.toLocalTime().isBefore(LAST_REFUNDABLE_PAYMENT));
        }

        /** The refund of (part of) an order's payment, accepted 1 to 4 hours after it was paid. */
        private Refund refundOf(Order order, BigDecimal amount) {
            Payment payment = paymentFor(order);
            LocalDateTime refundedAt = payment.paidAt().plusSeconds(3600 + random.nextInt(3 * 3600));
            String wechatRefundId = payment.provider().equals(WECHATPAY) ? newWechatRefundId() : null;
            return new Refund(payment, wechatRefundId, "RF" + order.orderNo, refundedAt, amount);
        }

        private void cancelUnpaid(Order order) {
            order.cancel();
            removePaymentsOf(order);
        }

        private void removePaymentsOf(Order order) {
            payments.removeIf(p -> p.orderNo().equals(order.orderNo));
        }

        private Payment paymentFor(Order order) {
            return payments.stream().filter(p -> p.orderNo().equals(order.orderNo)).findFirst().orElseThrow();
        }

        // ---- planted discrepancies -------------------------------------------------------------

        /** The customer paid (the order keeps its serial) but the provider's bill lacks the row. */
        private ExpectedDiscrepancy missingPayment(Order order) {
            removePaymentsOf(order);
            return new ExpectedDiscrepancy(MISSING_PAYMENT, order.orderNo, null);
        }

        /** A mini-program payment whose order never reached the export. */
        private ExpectedDiscrepancy missingOrder() {
            Order unexported = newOrder(Channel.MINIPROGRAM, WECHATPAY);
            payments.add(paymentOf(unexported, unexported.txnId, unexported.amount, unexported.paidAt));
            return new ExpectedDiscrepancy(MISSING_ORDER, unexported.orderNo, unexported.txnId);
        }

        private ExpectedDiscrepancy amountMismatch(Order order) {
            Payment payment = paymentFor(order);
            payments.set(payments.indexOf(payment), payment.withAmount(order.amount.subtract(SHORT_PAYMENT)));
            return new ExpectedDiscrepancy(AMOUNT_MISMATCH, order.orderNo, payment.txnId());
        }

        /**
         * The customer paid twice a few minutes apart; the order carries the first serial, the
         * discrepancy names the second: the payment to give back.
         */
        private ExpectedDiscrepancy duplicatePayment(Order order) {
            LocalDateTime secondPaidAt = order.paidAt.plusSeconds(30 + random.nextInt(271));
            String secondTxnId = newTxnId(order.method);
            payments.add(paymentOf(order, secondTxnId, order.amount, secondPaidAt));
            return new ExpectedDiscrepancy(DUPLICATE_PAYMENT, order.orderNo, secondTxnId);
        }

        /** The channel cancelled the order although Alipay collected it. */
        private ExpectedDiscrepancy statusConflict(Order order) {
            String txnId = paymentFor(order).txnId();
            order.cancel();
            return new ExpectedDiscrepancy(STATUS_CONFLICT, order.orderNo, txnId);
        }

        /** The channel says the order was refunded, but the provider's bill has no refund for it. */
        private ExpectedDiscrepancy refundMissing(Order order) {
            order.refundFully();
            return new ExpectedDiscrepancy(REFUND_MISSING, order.orderNo, null);
        }

        /** The provider gave back less than the channel says was refunded. */
        private ExpectedDiscrepancy refundAmountMismatch(Order order) {
            order.refundFully();
            Refund refund = refundOf(order, order.refunded).withAmount(order.refunded.subtract(SHORT_REFUND));
            refunds.add(refund);
            return new ExpectedDiscrepancy(REFUND_AMOUNT_MISMATCH, order.orderNo, refund.payment().txnId());
        }

        /** The provider refunded a payment whose order the channel still shows as paid, nothing refunded. */
        private ExpectedDiscrepancy refundUnexpected(Order order) {
            Refund refund = refundOf(order, order.amount);
            refunds.add(refund);
            return new ExpectedDiscrepancy(REFUND_UNEXPECTED, order.orderNo, refund.payment().txnId());
        }

        // ---- file writers ----------------------------------------------------------------------

        /** channel-orders: UTF-8 CSV, LF line ends, as the channels export it. */
        private DemoFile channelOrdersFile(Channel channel) {
            List<String> lines = new ArrayList<>();
            lines.add(CHANNEL_ORDERS_HEADER);
            for (Order o : orders) {
                if (o.channel != channel) {
                    continue;
                }
                lines.add(String.join(",", o.orderNo, time(o.orderedAt), o.paidAt == null ? "" : time(o.paidAt),
                        money(o.amount), o.method, o.txnId == null ? "" : o.txnId, o.status, money(o.refunded),
                        channel.source, o.product.category(), o.product.sku(), String.valueOf(o.quantity)));
            }
            return new DemoFile(channel.source, channel.filePrefix + fileDate + ".csv",
                    encode(lines, "\n", StandardCharsets.UTF_8, channel.bom));
        }

        /** WeChat Pay trade bill ALL: UTF-8 with BOM, CRLF, every value behind a backtick, summary block. */
        private DemoFile wechatBill() {
            List<Payment> paid = paymentsOf(WECHATPAY);
            List<Refund> refunded = refundsOf(WECHATPAY);
            List<BillLine> detail = new ArrayList<>();
            for (Payment p : paid) {
                detail.add(new BillLine(p.paidAt(), p.txnId(), backticked(time(p.paidAt()), p.channel().wechatAppId,
                        WECHAT_MERCHANT_ID, "0", "", p.txnId(), p.orderNo(), p.payer(), p.channel().wechatTradeType,
                        "SUCCESS", p.payerBank(), "CNY", money(p.amount()), "0.00", "0", "0", "0.00", "0.00", "", "",
                        p.productName(), "", p.fee().setScale(5).toPlainString(), feeRate(), money(p.amount()), "0.00",
                        "")));
            }
            // A refund row repeats the payment's identifiers; its money is in 退款金额, its fee is given back.
            for (Refund r : refunded) {
                Payment p = r.payment();
                detail.add(new BillLine(r.refundedAt(), r.wechatRefundId(), backticked(time(r.refundedAt()),
                        p.channel().wechatAppId, WECHAT_MERCHANT_ID, "0", "", p.txnId(), p.orderNo(), p.payer(),
                        p.channel().wechatTradeType, "REFUND", p.payerBank(), "CNY", "0.00", "0.00", r.wechatRefundId(),
                        r.requestNo(), money(r.amount()), "0.00", "ORIGINAL", "SUCCESS", p.productName(), "",
                        r.fee().negate().setScale(5).toPlainString(), feeRate(), "0.00", money(r.amount()), "")));
            }
            List<String> lines = new ArrayList<>();
            lines.add(WECHAT_HEADER);
            lines.addAll(inBillOrder(detail));
            BigDecimal settled = sum(paid, Payment::amount);
            BigDecimal refundedTotal = sum(refunded, Refund::amount);
            BigDecimal fees = sum(paid, Payment::fee).subtract(sum(refunded, Refund::fee));
            lines.add(WECHAT_SUMMARY_HEADER);
            lines.add(backticked(String.valueOf(detail.size()), money(settled), money(refundedTotal), "0.00",
                    money(fees), money(settled), money(refundedTotal)));
            return new DemoFile(WECHATPAY, "wechatpay_tradebill_ALL_" + fileDate + ".csv",
                    encode(lines, "\r\n", StandardCharsets.UTF_8, true));
        }

        /** Alipay 业务明细: GBK, CRLF, '#' preamble and footer, TAB after identifiers so Excel keeps them as text. */
        private DemoFile alipayBill() {
            List<Payment> paid = paymentsOf(ALIPAY);
            List<Refund> refunded = refundsOf(ALIPAY);
            List<BillLine> detail = new ArrayList<>();
            for (Payment p : paid) {
                detail.add(new BillLine(p.paidAt(), p.txnId(), String.join(",", text(p.txnId()), text(p.orderNo()),
                        "交易", p.productName(), time(p.createdAt()), time(p.paidAt()), text(""), text(""), text(""),
                        text(""), text(p.payer()), money(p.amount()), money(p.amount()), "0.00", "0.00", "0.00", "0.00",
                        "0.00", "", "0.00", "0.00", text(""), money(p.fee().negate()), "0.00", "")));
            }
            // A refund row repeats the trade's 支付宝交易号 with negative money; the fee comes back (positive).
            for (Refund r : refunded) {
                Payment p = r.payment();
                String givenBack = money(r.amount().negate());
                detail.add(new BillLine(r.refundedAt(), r.requestNo(), String.join(",", text(p.txnId()),
                        text(p.orderNo()), "退款", p.productName(), time(p.createdAt()), time(r.refundedAt()), text(""),
                        text(""), text(""), text(""), text(p.payer()), givenBack, givenBack, "0.00", "0.00", "0.00",
                        "0.00", "0.00", "", "0.00", "0.00", text(r.requestNo()), money(r.fee()), "0.00", "")));
            }
            List<String> lines = new ArrayList<>();
            lines.add("#支付宝业务明细查询");
            lines.add("#账号：[" + ALIPAY_ACCOUNT + "]");
            lines.add("#起始日期：[" + date.atStartOfDay().format(ALIPAY_TIME) + "]   终止日期：["
                    + date.plusDays(1).atStartOfDay().format(ALIPAY_TIME) + "]");
            lines.add(ALIPAY_LIST_START);
            lines.add(ALIPAY_HEADER);
            lines.addAll(inBillOrder(detail));
            lines.add(ALIPAY_LIST_END);
            lines.add("#交易合计：" + paid.size() + "笔，商家实收共" + money(sum(paid, Payment::amount)) + "元，商家优惠共0.00元");
            lines.add("#退款合计：" + refunded.size() + "笔，商家实收退款共" + money(sum(refunded, Refund::amount).negate())
                    + "元，商家优惠退款共0.00元");
            LocalDateTime exportedAt = date.plusDays(1).atTime(5, random.nextInt(60), random.nextInt(60));
            lines.add("#导出时间：[" + exportedAt.format(ALIPAY_TIME) + "]");
            return new DemoFile(ALIPAY, ALIPAY_ACCOUNT + "_" + fileDate + "_业务明细.csv",
                    encode(lines, "\r\n", Charset.forName("GBK"), false));
        }

        private List<Payment> paymentsOf(String provider) {
            return payments.stream().filter(p -> p.provider().equals(provider)).toList();
        }

        private List<Refund> refundsOf(String provider) {
            return refunds.stream().filter(r -> r.provider().equals(provider)).toList();
        }

        // ---- identifiers -------------------------------------------------------------------------

        /** Channel order numbers in each channel's own shape (see the samples). */
        private String newOrderNo(Channel channel) {
            return unique(() -> switch (channel) {
                case JD -> (32 + random.nextInt(7)) + digits(10);
                case DOUYIN -> "69" + digits(17);
                case MINIPROGRAM -> "MP" + fileDate + digits(8);
            });
        }

        /** WeChat: 420000 + 4 digits + date + 10 digits; Alipay: date + 2200 + 16 digits; both 28 characters. */
        private String newTxnId(String provider) {
            return unique(() -> provider.equals(WECHATPAY)
                    ? "420000" + (1500 + random.nextInt(1000)) + fileDate + digits(10)
                    : fileDate + "2200" + digits(16));
        }

        /** WeChat refund numbers: 50 + 28 digits, the date in the middle as in real bills. */
        private String newWechatRefundId() {
            return unique(() -> "50301" + digits(4) + fileDate + digits(13));
        }

        /** Order numbers and serials share one namespace so that no two records can be paired by accident. */
        private String unique(Supplier<String> generator) {
            String id;
            do {
                id = generator.get();
            } while (!usedIds.add(id));
            return id;
        }

        private String digits(int count) {
            StringBuilder result = new StringBuilder(count);
            for (int i = 0; i < count; i++) {
                result.append((char) ('0' + random.nextInt(10)));
            }
            return result.toString();
        }

        private String openId(Channel channel) {
            StringBuilder result = new StringBuilder(channel.openIdPrefix);
            for (int i = 0; i < 22; i++) {
                result.append(OPENID_CHARS.charAt(random.nextInt(OPENID_CHARS.length())));
            }
            return result.toString();
        }

        /** Alipay shows the buyer's account masked: a phone number or an e-mail address. */
        private String alipayAccount() {
            if (random.nextBoolean()) {
                return "1" + "3578".charAt(random.nextInt(4)) + digits(1) + "****" + digits(4);
            }
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                name.append((char) ('a' + random.nextInt(26)));
            }
            return name + "***@" + MAIL_DOMAINS.get(random.nextInt(MAIL_DOMAINS.size()));
        }
    }

    // ---- formatting helpers (stateless) ---------------------------------------------------------

    private static String time(LocalDateTime time) {
        return time.format(TIME);
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** The 费率 column: {@code 0.60%}. */
    private static String feeRate() {
        return FEE_RATE.movePointRight(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString() + "%";
    }

    /** Alipay identifier cell: value followed by a TAB. */
    private static String text(String value) {
        return value + "\t";
    }

    /** WeChat data line: every value starts with a backtick, empty ones included. */
    private static String backticked(String... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "`" : ",`").append(values[i]);
        }
        return line.toString();
    }

    private static <T> BigDecimal sum(List<T> rows, Function<T, BigDecimal> amount) {
        return rows.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Bill order: by time, ties by identifier. */
    private static List<String> inBillOrder(List<BillLine> detail) {
        return detail.stream()
                .sorted(Comparator.comparing(BillLine::at).thenComparing(BillLine::id))
                .map(BillLine::text)
                .toList();
    }

    /** Lines joined with the given line end (the last line too), strictly encoded, optionally with a BOM. */
    private static byte[] encode(List<String> lines, String lineEnd, Charset charset, boolean bom) {
        StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "");
        for (String line : lines) {
            text.append(line).append(lineEnd);
        }
        try {
            ByteBuffer bytes = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] result = new byte[bytes.remaining()];
            bytes.get(result);
            return result;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("demo text not encodable in " + charset, e);
        }
    }
}
