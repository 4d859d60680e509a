package com.reconflow.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Reads the generated files back the way an importer would (by header name, in their own encodings)
 * and checks that they are well-formed and that exactly the planted discrepancies are in them.
 */
class DemoDayGeneratorTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final long SEED = 7L;
    private static final Charset GBK = Charset.forName("GBK");
    private static final BigDecimal FEE_RATE = new BigDecimal("0.006");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> CHANNELS = List.of("jd", "douyin", "miniprogram");
    private static final String[] ORDER_HEADER =
            "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量".split(",");

    private final DemoDay day = new DemoDayGenerator().generate(DATE, SEED);

    /** One line of a channel-orders file. */
    private record Order(String source, CSVRecord row) {
        String orderNo() { return row.get("订单号"); }
        String txnId() { return row.get("支付流水号"); }
        String method() { return row.get("支付方式"); }
        String status() { return row.get("订单状态"); }
        BigDecimal amount() { return new BigDecimal(row.get("订单金额")); }
        BigDecimal refunded() { return new BigDecimal(row.get("退款金额")); }
    }

    /** One payment row of either provider bill, reduced to what matching uses. */
    private record Payment(String provider, String orderNo, String txnId, BigDecimal amount) {
    }

    /** One refund row of either provider bill, reduced to what matching uses; the amount is positive. */
    private record Refund(String provider, String orderNo, String txnId, BigDecimal amount) {
    }

    /** A bill's detail rows by header name (values unwrapped) and whatever follows them. */
    private record Bill(List<Map<String, String>> rows, List<String> trailer) {
        BigDecimal sum(String column) {
            return rows.stream().map(r -> new BigDecimal(r.get(column))).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    // ---- files -------------------------------------------------------------------------------------

    @Test
    void writesOneFileForEachChannelAndProvider() {
        assertThat(day.businessDate()).isEqualTo(DATE);
        assertThat(day.files()).extracting(DemoFile::source, DemoFile::fileName).containsExactlyInAnyOrder(
                tuple("jd", "jd_orders_20261120.csv"),
                tuple("douyin", "douyin_orders_20261120.csv"),
                tuple("miniprogram", "mp_orders_20261120.csv"),
                tuple("wechatpay", "wechatpay_tradebill_ALL_20261120.csv"),
                tuple("alipay", "20880211096256330156_20261120_业务明细.csv"));
        assertThat(day.files()).allSatisfy(f -> assertThat(f.content()).isNotEmpty());
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedAnotherDay() {
        DemoDay again = new DemoDayGenerator().generate(DATE, SEED);
        for (DemoFile file : day.files()) {
            assertThat(again.file(file.source()).orElseThrow().content()).as(file.fileName()).isEqualTo(file.content());
        }
        assertThat(again).isEqualTo(day);
        assertThat(new DemoDayGenerator().generate(DATE, SEED + 1)).isNotEqualTo(day);
    }

    // ---- channel orders ----------------------------------------------------------------------------

    @Test
    void hasAroundThreeHundredOrdersOfARealisticDay() {
        List<Order> orders = orders();
        assertThat(orders.size()).isBetween(250, 400);
        assertThat(methodsOf(orders, "jd")).containsExactlyInAnyOrder("alipay", "wechatpay");
        assertThat(methodsOf(orders, "douyin")).containsExactlyInAnyOrder("alipay", "wechatpay");
        assertThat(methodsOf(orders, "miniprogram")).containsExactly("wechatpay");

        // 4 ordinary full refunds plus the planted missing and short refunds.
        List<Order> refunded = orders.stream().filter(o -> o.status().equals("REFUNDED")).toList();
        assertThat(refunded).hasSize(6).allSatisfy(o -> {
            assertThat(o.row().get("退款金额")).isEqualTo(o.row().get("订单金额"));
            assertThat(o.txnId()).isNotEmpty();
        });
        assertThat(orders).filteredOn(o -> o.status().equals("PARTIALLY_REFUNDED")).singleElement().satisfies(o -> {
            assertThat(o.row().get("退款金额")).isEqualTo("30.00");
            assertThat(o.amount()).isGreaterThan(o.refunded());
            assertThat(o.txnId()).isNotEmpty();
        });
        // 3 ordinary cancellations plus the planted status conflict.
        List<Order> cancelled = orders.stream().filter(o -> o.status().equals("CANCELLED")).toList();
        assertThat(cancelled).hasSize(4).allSatisfy(o -> {
            assertThat(o.row().get("支付时间")).isEmpty();
            assertThat(o.txnId()).isEmpty();
        });
        assertThat(orders).filteredOn(o -> o.status().equals("PAID"))
                .allSatisfy(o -> assertThat(o.row().get("退款金额")).isEqualTo("0.00"));
    }

    @Test
    void ordersFollowEachChannelsConventions() {
        Map<String, Pattern> orderNos = Map.of(
                "jd", Pattern.compile("\\d{12}"),
                "douyin", Pattern.compile("69\\d{17}"),
                "miniprogram", Pattern.compile("MP20261120\\d{8}"));
        Map<String, Pattern> serials = Map.of(
                "wechatpay", Pattern.compile("42000\\d{23}"),
                "alipay", Pattern.compile("20261120" + "2200" + "\\d{16}"));
        LocalDateTime first = DATE.atTime(0, 5);
        LocalDateTime last = DATE.atTime(23, 50);
        List<Order> orders = orders();
        for (Order o : orders) {
            CSVRecord row = o.row();
            assertThat(o.orderNo()).matches(orderNos.get(o.source()));
            LocalDateTime orderedAt = LocalDateTime.parse(row.get("下单时间"), TIME);
            assertThat(orderedAt).isBetween(first, last);
            assertThat(o.amount().scale()).isEqualTo(2);
            assertThat(o.amount()).isBetween(new BigDecimal("9.90"), new BigDecimal("1299.00"));
            assertThat(row.get("门店")).isEqualTo(o.source());
            assertThat(row.get("商品类目")).isIn("美妆", "服装", "数码", "家居", "运动", "饰品", "母婴");
            assertThat(row.get("SKU")).matches("[A-Z]{2}\\d{4}");
            assertThat(Integer.parseInt(row.get("数量"))).isBetween(1, 4);
            if (!o.status().equals("CANCELLED")) {
                assertThat(o.txnId()).matches(serials.get(o.method()));
                long delay = Duration.between(orderedAt, LocalDateTime.parse(row.get("支付时间"), TIME)).toSeconds();
                assertThat(delay).isBetween(2L, 60L);
            }
        }
        assertThat(orders).extracting(Order::orderNo).doesNotHaveDuplicates();
        assertThat(orders).extracting(Order::txnId).filteredOn(t -> !t.isEmpty()).doesNotHaveDuplicates();
    }

    // ---- provider bills ----------------------------------------------------------------------------

    @Test
    void wechatBillIsInTheRealLayoutAndItsSummaryAgreesWithItsRows() {
        byte[] bytes = content("wechatpay");
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        Bill bill = wechatBill();

        assertThat(bill.trailer()).hasSize(2);
        assertThat(bill.trailer().get(0).split(",")).containsExactly(
                "总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额");
        Map<String, String> summary = backticked(bill.trailer().get(0).split(","), bill.trailer().get(1));
        assertThat(Integer.parseInt(summary.get("总交易单数"))).isEqualTo(bill.rows().size());
        assertThat(new BigDecimal(summary.get("应结订单总金额"))).isEqualByComparingTo(bill.sum("应结订单金额"));
        assertThat(new BigDecimal(summary.get("订单总金额"))).isEqualByComparingTo(bill.sum("订单金额"));
        // Fees charged on payments less the fees given back on refunds.
        assertThat(new BigDecimal(summary.get("手续费总金额"))).isEqualByComparingTo(bill.sum("手续费"));
        assertThat(new BigDecimal(summary.get("退款总金额"))).isPositive().isEqualByComparingTo(bill.sum("退款金额"));
        assertThat(new BigDecimal(summary.get("申请退款总金额"))).isEqualByComparingTo(bill.sum("申请退款金额"));
        assertThat(summary.get("充值券退款总金额")).isEqualTo("0.00");

        assertThat(bill.rows()).allSatisfy(row -> {
            assertThat(row.get("交易状态")).isIn("SUCCESS", "REFUND");
            assertThat(row.get("费率")).isEqualTo("0.60%");
            assertThat(row.get("交易类型")).isEqualTo(row.get("商户订单号").startsWith("MP") ? "JSAPI" : "APP");
            assertThat(row.get("交易时间")).startsWith("2026-11-20 ");
        });
        Map<String, List<Map<String, String>>> byState =
                bill.rows().stream().collect(Collectors.groupingBy(r -> r.get("交易状态")));
        assertThat(byState.get("SUCCESS")).allSatisfy(row -> {
            assertThat(row.get("订单金额")).isEqualTo(row.get("应结订单金额"));
            assertThat(row.get("手续费")).matches("\\d+\\.\\d{5}");
            assertThat(new BigDecimal(row.get("手续费"))).isEqualByComparingTo(fee(row.get("应结订单金额")));
            assertThat(List.of(row.get("微信退款单号"), row.get("商户退款单号"), row.get("退款金额")))
                    .containsExactly("0", "0", "0.00");
        });
        assertThat(byState.get("REFUND")).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("应结订单金额")).isEqualTo("0.00");
            assertThat(row.get("订单金额")).isEqualTo("0.00");
            assertThat(new BigDecimal(row.get("退款金额"))).isPositive();
            assertThat(row.get("申请退款金额")).isEqualTo(row.get("退款金额"));
            assertThat(row.get("微信退款单号")).matches("50\\d{28}");
            assertThat(row.get("商户退款单号")).isEqualTo("RF" + row.get("商户订单号"));
            assertThat(row.get("退款类型")).isEqualTo("ORIGINAL");
            assertThat(row.get("退款状态")).isEqualTo("SUCCESS");
            assertThat(row.get("手续费")).matches("-\\d+\\.\\d{5}");
            assertThat(new BigDecimal(row.get("手续费"))).isEqualByComparingTo(fee(row.get("退款金额")).negate());
            // The refund repeats the payment's identifiers and comes hours after it.
            Map<String, String> payment = byState.get("SUCCESS").stream()
                    .filter(p -> p.get("微信订单号").equals(row.get("微信订单号"))).findFirst().orElseThrow();
            assertThat(payment.get("商户订单号")).isEqualTo(row.get("商户订单号"));
            assertThat(LocalDateTime.parse(row.get("交易时间"), TIME))
                    .isAfter(LocalDateTime.parse(payment.get("交易时间"), TIME).plusMinutes(59));
        });
        assertThat(byState.get("REFUND")).extracting(r -> r.get("微信退款单号")).doesNotHaveDuplicates();
    }

    @Test
    void alipayBillIsGbkInTheRealLayoutAndItsFooterAgreesWithItsRows() {
        String text = strictGbk(content("alipay"));
        assertThat(text).startsWith("#支付宝业务明细查询\r\n");
        Bill bill = alipayBill();

        assertThat(bill.trailer()).hasSize(3);
        Matcher trades = Pattern.compile("#交易合计：(\\d+)笔，商家实收共(-?\\d+\\.\\d{2})元，商家优惠共0\\.00元")
                .matcher(bill.trailer().get(0));
        assertThat(trades.matches()).isTrue();
        List<Map<String, String>> tradeRows = bill.rows().stream().filter(r -> r.get("业务类型").equals("交易")).toList();
        assertThat(Integer.parseInt(trades.group(1))).isEqualTo(tradeRows.size());
        assertThat(new BigDecimal(trades.group(2))).isEqualByComparingTo(new Bill(tradeRows, List.of()).sum("商家实收（元）"));
        Matcher refunds = Pattern.compile("#退款合计：(\\d+)笔，商家实收退款共(-\\d+\\.\\d{2})元，商家优惠退款共0\\.00元")
                .matcher(bill.trailer().get(1));
        assertThat(refunds.matches()).isTrue();
        List<Map<String, String>> refundRows = bill.rows().stream().filter(r -> r.get("业务类型").equals("退款")).toList();
        assertThat(refundRows).hasSize(4);
        assertThat(tradeRows.size() + refundRows.size()).isEqualTo(bill.rows().size());
        assertThat(Integer.parseInt(refunds.group(1))).isEqualTo(refundRows.size());
        assertThat(new BigDecimal(refunds.group(2))).isEqualByComparingTo(new Bill(refundRows, List.of()).sum("商家实收（元）"));
        assertThat(bill.trailer().get(2)).matches("#导出时间：\\[2026年11月21日 \\d{2}:\\d{2}:\\d{2}]");

        // Fees are charged on trades (negative) and given back on refunds (positive): the same formula.
        assertThat(bill.rows()).allSatisfy(row -> {
            assertThat(row.get("订单金额（元）")).isEqualTo(row.get("商家实收（元）"));
            assertThat(new BigDecimal(row.get("服务费（元）"))).isEqualByComparingTo(fee(row.get("商家实收（元）")).negate());
            assertThat(row.get("完成时间")).startsWith("2026-11-20 ");
        });
        assertThat(tradeRows).allSatisfy(row -> assertThat(row.get("退款批次号/请求号")).isEmpty());
        assertThat(refundRows).allSatisfy(row -> {
            assertThat(new BigDecimal(row.get("商家实收（元）"))).isNegative();
            assertThat(row.get("退款批次号/请求号")).isEqualTo("RF" + row.get("商户订单号"));
            Map<String, String> trade = tradeRows.stream()
                    .filter(t -> t.get("支付宝交易号").equals(row.get("支付宝交易号"))).findFirst().orElseThrow();
            assertThat(trade.get("商户订单号")).isEqualTo(row.get("商户订单号"));
            assertThat(LocalDateTime.parse(row.get("完成时间"), TIME))
                    .isAfter(LocalDateTime.parse(trade.get("完成时间"), TIME).plusMinutes(59));
        });
    }

    // ---- discrepancies -----------------------------------------------------------------------------

    /**
     * Applies the matching rules to the files themselves: paired by order number or serial; an
     * uncancelled order expects exactly one payment of its amount, a cancelled one none; every payment
     * needs an order. Refund rows leave that alone: an order that says it refunded something expects
     * refund rows under its order number adding up to exactly that, and every refund row needs such an
     * order. What this finds must be exactly what the generator says it planted.
     */
    @Test
    void theFilesHoldExactlyThePlantedDiscrepancies() {
        List<Order> orders = orders();
        List<Payment> payments = payments();
        Set<ExpectedDiscrepancy> found = new HashSet<>();
        Set<Payment> claimed = new HashSet<>();
        for (Order order : orders) {
            List<Payment> matches = payments.stream()
                    .filter(p -> p.orderNo().equals(order.orderNo())
                            || (!order.txnId().isEmpty() && p.txnId().equals(order.txnId())))
                    .toList();
            claimed.addAll(matches);
            if (order.status().equals("CANCELLED")) {
                matches.forEach(p -> found.add(new ExpectedDiscrepancy("STATUS_CONFLICT", order.orderNo(), p.txnId())));
            } else if (matches.isEmpty()) {
                found.add(new ExpectedDiscrepancy("MISSING_PAYMENT", order.orderNo(), null));
            } else if (matches.size() > 1) {
                found.add(new ExpectedDiscrepancy("DUPLICATE_PAYMENT", order.orderNo(), matches.get(1).txnId()));
            } else if (matches.get(0).amount().compareTo(order.amount()) != 0) {
                found.add(new ExpectedDiscrepancy("AMOUNT_MISMATCH", order.orderNo(), matches.get(0).txnId()));
            }
        }
        payments.stream().filter(p -> !claimed.contains(p))
                .forEach(p -> found.add(new ExpectedDiscrepancy("MISSING_ORDER", p.orderNo(), p.txnId())));

        List<Refund> refunds = refunds();
        Set<String> refundedOrders = new HashSet<>();
        for (Order order : orders) {
            if (!order.status().endsWith("REFUNDED") || order.refunded().signum() == 0) {
                continue;
            }
            refundedOrders.add(order.orderNo());
            List<Refund> rows = refunds.stream().filter(r -> r.orderNo().equals(order.orderNo())).toList();
            BigDecimal given = rows.stream().map(Refund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (rows.isEmpty()) {
                found.add(new ExpectedDiscrepancy("REFUND_MISSING", order.orderNo(), null));
            } else if (given.compareTo(order.refunded()) != 0) {
                found.add(new ExpectedDiscrepancy("REFUND_AMOUNT_MISMATCH", order.orderNo(), rows.get(0).txnId()));
            }
        }
        refunds.stream().filter(r -> !refundedOrders.contains(r.orderNo()))
                .forEach(r -> found.add(new ExpectedDiscrepancy("REFUND_UNEXPECTED", r.orderNo(), r.txnId())));

        assertThat(day.discrepancies()).hasSize(10).doesNotHaveDuplicates();
        assertThat(found).containsExactlyInAnyOrderElementsOf(day.discrepancies());
    }

    @Test
    void theDiscrepanciesAreTheRequestedOnes() {
        Map<String, Order> orders = orders().stream().collect(Collectors.toMap(Order::orderNo, o -> o));
        List<Payment> payments = payments();
        Map<String, List<ExpectedDiscrepancy>> byType =
                day.discrepancies().stream().collect(Collectors.groupingBy(ExpectedDiscrepancy::type));
        assertThat(byType).containsOnlyKeys("MISSING_PAYMENT", "MISSING_ORDER", "AMOUNT_MISMATCH", "DUPLICATE_PAYMENT",
                "STATUS_CONFLICT", "REFUND_MISSING", "REFUND_AMOUNT_MISMATCH", "REFUND_UNEXPECTED");
        Function<ExpectedDiscrepancy, String> channelAndMethod =
                d -> orders.get(d.orderNo()).source() + "/" + orders.get(d.orderNo()).method();
        Function<String, List<Payment>> paymentsOf =
                orderNo -> payments.stream().filter(p -> p.orderNo().equals(orderNo)).toList();

        assertThat(byType.get("MISSING_PAYMENT")).extracting(channelAndMethod)
                .containsExactlyInAnyOrder("jd/alipay", "miniprogram/wechatpay");
        assertThat(byType.get("MISSING_PAYMENT")).allSatisfy(d -> {
            assertThat(orders.get(d.orderNo()).status()).isEqualTo("PAID");
            assertThat(orders.get(d.orderNo()).txnId()).isNotEmpty();
            assertThat(d.txnId()).isNull();
            assertThat(paymentsOf.apply(d.orderNo())).isEmpty();
        });

        assertThat(byType.get("MISSING_ORDER")).singleElement().satisfies(d -> {
            assertThat(d.orderNo()).matches("MP20261120\\d{8}").isNotIn(orders.keySet());
            assertThat(orders.values()).noneMatch(o -> o.txnId().equals(d.txnId()));
            assertThat(paymentsOf.apply(d.orderNo())).singleElement()
                    .satisfies(p -> assertThat(p.provider()).isEqualTo("wechatpay"))
                    .satisfies(p -> assertThat(p.txnId()).isEqualTo(d.txnId()));
        });

        assertThat(byType.get("AMOUNT_MISMATCH")).extracting(channelAndMethod)
                .containsExactlyInAnyOrder("douyin/alipay", "jd/wechatpay");
        assertThat(byType.get("AMOUNT_MISMATCH")).allSatisfy(d -> assertThat(paymentsOf.apply(d.orderNo()))
                .singleElement()
                .satisfies(p -> assertThat(p.txnId()).isEqualTo(d.txnId()))
                .satisfies(p -> assertThat(p.amount()).isLessThan(orders.get(d.orderNo()).amount())));

        assertThat(byType.get("DUPLICATE_PAYMENT")).singleElement().satisfies(d -> {
            assertThat(channelAndMethod.apply(d)).isEqualTo("jd/wechatpay");
            List<Payment> twice = paymentsOf.apply(d.orderNo());
            assertThat(twice).hasSize(2).allSatisfy(p -> {
                assertThat(p.provider()).isEqualTo("wechatpay");
                assertThat(p.amount()).isEqualByComparingTo(orders.get(d.orderNo()).amount());
            });
            assertThat(twice.get(0).txnId()).isNotEqualTo(twice.get(1).txnId());
            assertThat(orders.get(d.orderNo()).txnId()).isEqualTo(twice.get(0).txnId());
            assertThat(d.txnId()).isEqualTo(twice.get(1).txnId());
        });

        assertThat(byType.get("STATUS_CONFLICT")).singleElement().satisfies(d -> {
            Order order = orders.get(d.orderNo());
            assertThat(order.source()).isEqualTo("douyin");
            assertThat(order.status()).isEqualTo("CANCELLED");
            assertThat(paymentsOf.apply(d.orderNo())).singleElement()
                    .satisfies(p -> assertThat(p.provider()).isEqualTo("alipay"))
                    .satisfies(p -> assertThat(p.txnId()).isEqualTo(d.txnId()));
        });

        List<Refund> refunds = refunds();
        Function<String, List<Refund>> refundsOf =
                orderNo -> refunds.stream().filter(r -> r.orderNo().equals(orderNo)).toList();
        // Refund discrepancies are on orders whose payment itself reconciles.
        assertThat(Stream.of("REFUND_MISSING", "REFUND_AMOUNT_MISMATCH", "REFUND_UNEXPECTED").map(byType::get))
                .allSatisfy(ds -> assertThat(ds).singleElement().satisfies(d -> assertThat(paymentsOf.apply(d.orderNo()))
                        .singleElement()
                        .satisfies(p -> assertThat(p.amount()).isEqualByComparingTo(orders.get(d.orderNo()).amount()))
                        .satisfies(p -> assertThat(p.txnId()).isEqualTo(orders.get(d.orderNo()).txnId()))));

        assertThat(byType.get("REFUND_MISSING")).singleElement().satisfies(d -> {
            assertThat(channelAndMethod.apply(d)).isEqualTo("douyin/wechatpay");
            assertThat(orders.get(d.orderNo()).status()).isEqualTo("REFUNDED");
            assertThat(d.txnId()).isNull();
            assertThat(refundsOf.apply(d.orderNo())).isEmpty();
        });

        assertThat(byType.get("REFUND_AMOUNT_MISMATCH")).singleElement().satisfies(d -> {
            assertThat(channelAndMethod.apply(d)).isEqualTo("jd/alipay");
            Order order = orders.get(d.orderNo());
            assertThat(order.status()).isEqualTo("REFUNDED");
            assertThat(refundsOf.apply(d.orderNo())).singleElement().satisfies(r -> {
                assertThat(r.txnId()).isEqualTo(d.txnId()).isEqualTo(order.txnId());
                assertThat(r.amount()).isEqualByComparingTo(order.refunded().subtract(new BigDecimal("10.00")));
            });
        });

        assertThat(byType.get("REFUND_UNEXPECTED")).singleElement().satisfies(d -> {
            assertThat(channelAndMethod.apply(d)).isEqualTo("miniprogram/wechatpay");
            Order order = orders.get(d.orderNo());
            assertThat(order.status()).isEqualTo("PAID");
            assertThat(order.refunded()).isZero();
            assertThat(refundsOf.apply(d.orderNo())).singleElement()
                    .satisfies(r -> assertThat(r.txnId()).isEqualTo(d.txnId()).isEqualTo(order.txnId()));
        });
    }

    @Test
    void theOrdinaryRefundsAreInTheirProvidersBillsForExactlyTheRefundedAmount() {
        Set<String> planted = day.discrepancies().stream().map(ExpectedDiscrepancy::orderNo).collect(Collectors.toSet());
        List<Order> reconciling = orders().stream()
                .filter(o -> o.status().endsWith("REFUNDED") && !planted.contains(o.orderNo()))
                .toList();
        assertThat(reconciling).extracting(Order::status, Order::method).containsExactlyInAnyOrder(
                tuple("REFUNDED", "wechatpay"), tuple("REFUNDED", "wechatpay"),
                tuple("REFUNDED", "alipay"), tuple("REFUNDED", "alipay"),
                tuple("PARTIALLY_REFUNDED", "alipay"));
        List<Refund> refunds = refunds();
        assertThat(reconciling).allSatisfy(o -> assertThat(refunds)
                .filteredOn(r -> r.orderNo().equals(o.orderNo()))
                .singleElement()
                .satisfies(r -> assertThat(r.provider()).isEqualTo(o.method()))
                .satisfies(r -> assertThat(r.txnId()).isEqualTo(o.txnId()))
                .satisfies(r -> assertThat(r.amount()).isEqualByComparingTo(o.refunded())));
    }

    // ---- reading the files back --------------------------------------------------------------------

    private byte[] content(String source) {
        return day.file(source).orElseThrow().content();
    }

    private List<Order> orders() {
        List<Order> orders = new ArrayList<>();
        for (String channel : CHANNELS) {
            String text = new String(content(channel), UTF_8);
            assertThat(text).doesNotContain("\r").endsWith("\n");
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            try (CSVParser parser = CSVParser.parse(text.replaceFirst("^\uFEFF", ""), format)) {
                assertThat(parser.getHeaderNames()).containsExactly(ORDER_HEADER);
                parser.forEach(row -> orders.add(new Order(channel, row)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return orders;
    }

    private static Set<String> methodsOf(List<Order> orders, String channel) {
        return orders.stream().filter(o -> o.source().equals(channel)).map(Order::method).collect(Collectors.toSet());
    }

    private List<Payment> payments() {
        Stream<Payment> wechat = wechatBill().rows().stream().filter(r -> r.get("交易状态").equals("SUCCESS")).map(r ->
                new Payment("wechatpay", r.get("商户订单号"), r.get("微信订单号"), new BigDecimal(r.get("订单金额"))));
        Stream<Payment> alipay = alipayBill().rows().stream().filter(r -> r.get("业务类型").equals("交易")).map(r ->
                new Payment("alipay", r.get("商户订单号"), r.get("支付宝交易号"), new BigDecimal(r.get("商家实收（元）"))));
        return Stream.concat(wechat, alipay).toList();
    }

    private List<Refund> refunds() {
        Stream<Refund> wechat = wechatBill().rows().stream().filter(r -> r.get("交易状态").equals("REFUND")).map(r ->
                new Refund("wechatpay", r.get("商户订单号"), r.get("微信订单号"), new BigDecimal(r.get("退款金额"))));
        Stream<Refund> alipay = alipayBill().rows().stream().filter(r -> r.get("业务类型").equals("退款")).map(r ->
                new Refund("alipay", r.get("商户订单号"), r.get("支付宝交易号"),
                        new BigDecimal(r.get("商家实收（元）")).negate()));
        return Stream.concat(wechat, alipay).toList();
    }

    /** Header, backticked rows up to the 总交易单数 block; the summary block is the trailer. */
    private Bill wechatBill() {
        byte[] bytes = content("wechatpay");
        String text = new String(bytes, 3, bytes.length - 3, UTF_8);
        List<String> lines = crlfLines(text);
        String[] header = lines.get(0).split(",", -1);
        assertThat(header).hasSize(27).doesNotHaveDuplicates();
        int summaryAt = indexOf(lines, l -> l.startsWith("总交易单数"));
        List<Map<String, String>> rows = lines.subList(1, summaryAt).stream().map(l -> backticked(header, l)).toList();
        return new Bill(rows, lines.subList(summaryAt, lines.size()));
    }

    /** '#' preamble, header, rows with TAB-suffixed identifiers up to the end marker; the footer is the trailer. */
    private Bill alipayBill() {
        List<String> lines = crlfLines(strictGbk(content("alipay")));
        assertThat(lines.subList(0, 4)).allMatch(l -> l.startsWith("#"));
        assertThat(lines.get(3)).contains("业务明细列表");
        String[] header = lines.get(4).split(",", -1);
        assertThat(header).hasSize(25).doesNotHaveDuplicates();
        int endAt = indexOf(lines, l -> l.startsWith("#") && l.contains("业务明细列表结束"));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(5, endAt)) {
            String[] values = line.split(",", -1);
            assertThat(values).hasSize(header.length);
            assertThat(values[0]).endsWith("\t");
            assertThat(values[1]).endsWith("\t");
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], values[i].endsWith("\t") ? values[i].substring(0, values[i].length() - 1) : values[i]);
            }
            rows.add(row);
        }
        return new Bill(rows, lines.subList(endAt + 1, lines.size()));
    }

    private static Map<String, String> backticked(String[] header, String line) {
        String[] values = line.split(",", -1);
        assertThat(values).hasSize(header.length).allMatch(v -> v.startsWith("`"));
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            row.put(header[i], values[i].substring(1));
        }
        return row;
    }

    private static List<String> crlfLines(String text) {
        assertThat(text).endsWith("\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        return Arrays.asList(text.split("\r\n"));
    }

    private static int indexOf(List<String> lines, Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("marker line not found");
    }

    private static String strictGbk(byte[] bytes) {
        try {
            return GBK.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("not GBK", e);
        }
    }

    private static BigDecimal fee(String amount) {
        return new BigDecimal(amount).multiply(FEE_RATE).setScale(2, RoundingMode.HALF_UP);
    }
}
