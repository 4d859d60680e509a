package com.reconflow.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the report should answer about one generated day, worked out without ReconFlow's code: from the
 * files the generator wrote (plain reading of the channel-orders exports, the WeChat Pay, Alipay and card
 * bills and the bank's camt.053) and its ground truth ({@code ground-truth.csv}), by the definitions of
 * docs/reports.md.
 *
 * <p>Order counts, sales, the providers' payments, refunds and fees as totals, and everything filtered by
 * the order's or the provider's own fields (method, hour) come from the files alone. What depends on how
 * records were paired (which order a provider row reports under, matched %, settled) takes the ground
 * truth's word for which records stay unpaired: the orders of the missing-payment, amount-mismatch,
 * duplicate-payment and status-conflict cases, the late (pending) and proposed orders, and the provider rows
 * those cases and the missing orders, unexpected and short refunds name. Every other exported order is paired
 * with the provider rows that carry its order number (a combined checkout's {@code M} + its first order's);
 * the ground truth's totals of matches say as much, and the reconciliation test of generated days holds the
 * run to them.
 */
final class GeneratedDayFigures {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern CREDIT = Pattern.compile("<EndToEndId>([A-Z]+)-SETTLE-(\\d{8})</EndToEndId>");
    /** The demo configuration's payout names on the bank statement (recon.matching payout references). */
    private static final Map<String, String> PAYOUT_NAMES = Map.of("WECHATPAY", "wechatpay", "ALIPAY", "alipay",
            "UNIONPAY", "card");
    static final List<String> CHANNELS = List.of("jd", "douyin", "miniprogram", "pos");
    static final List<String> PROVIDERS = List.of("wechatpay", "alipay", "card");

    /** One line of a channel's order export. */
    record Order(String source, String orderNo, LocalDateTime placed, LocalDateTime paid, BigDecimal amount,
                 String method, String status, String store, String category) {

        /** The report's hour: of the paid time, else the placed one. */
        int hour() {
            return (paid != null ? paid : placed).getHour();
        }

        boolean live() {
            return !status.equals("CANCELLED");
        }
    }

    /** One payment or refund line of a provider's bill; {@code fee} signed as the report counts it (cost > 0). */
    record ProviderRow(String provider, boolean refund, LocalDateTime at, BigDecimal amount, BigDecimal fee,
                       String merchantOrderNo, String txnId, List<String> covers) {
    }

    /** A record as the report counts it: an order, or a provider row under the order it reports to. */
    record Fact(String source, String method, String store, String category, int hour, boolean settled, long orders,
                BigDecimal gross, BigDecimal refunds, BigDecimal fees, BigDecimal payments, long expecting,
                long matched, List<String> openCodes) {
    }

    /** An open discrepancy under the record it is raised on; {@code source} is the one the discrepancy names. */
    record Open(String source, String method, String store, int hour, String code, BigDecimal amount) {
    }

    final LocalDate day;
    final List<Order> orders = new ArrayList<>();
    final List<ProviderRow> providerRows = new ArrayList<>();
    final Set<String> credited = new HashSet<>();
    final List<Fact> facts = new ArrayList<>();
    final List<Open> opens = new ArrayList<>();

    private GeneratedDayFigures(LocalDate day) {
        this.day = day;
    }

    static GeneratedDayFigures read(Path dir, LocalDate day) {
        GeneratedDayFigures figures = new GeneratedDayFigures(day);
        try {
            for (String channel : CHANNELS) {
                figures.readOrders(channel, only(dir.resolve(channel)));
            }
            figures.readWechat(only(dir.resolve("wechatpay")));
            figures.readAlipay(only(dir.resolve("alipay")));
            figures.readCard(only(dir.resolve("card")));
            figures.readBank(only(dir.resolve("bank")));
            figures.build(Files.readAllLines(dir.resolve("ground-truth.csv"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return figures;
    }

    private static Path only(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.toList();
            if (all.size() != 1) {
                throw new IllegalStateException("expected one file in " + folder + ": " + all);
            }
            return all.get(0);
        }
    }

    // ---- reading the files ---------------------------------------------------------------------------------

    private void readOrders(String channel, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = List.of(stripBom(lines.get(0)).split(",", -1));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] c = line.split(",", -1);
            Function<String, String> cell = name -> c[header.indexOf(name)];
            String paid = cell.apply("支付时间");
            orders.add(new Order(channel, cell.apply("订单号"), LocalDateTime.parse(cell.apply("下单时间"), TIME),
                    paid.isEmpty() ? null : LocalDateTime.parse(paid, TIME), new BigDecimal(cell.apply("订单金额")),
                    cell.apply("支付方式"), cell.apply("订单状态"), emptyToNull(cell.apply("门店")),
                    emptyToNull(cell.apply("商品类目"))));
        }
    }

    /** The trade bill: a BOM, every value behind a backtick, the detail rows up to the summary block. */
    private void readWechat(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("总交易单数")) {
                break;
            }
            String[] c = line.split(",", -1);
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i].startsWith("`") ? c[i].substring(1) : c[i];
            }
            boolean refund = c[9].equals("REFUND");
            BigDecimal fee = new BigDecimal(c[22]).abs();
            providerRows.add(new ProviderRow("wechatpay", refund, LocalDateTime.parse(c[0], TIME),
                    new BigDecimal(refund ? c[16] : c[12]).abs(), refund ? fee.negate() : fee, c[6], c[5],
                    c[21].isEmpty() ? List.of() : List.of(c[21].split("\\|"))));
        }
    }

    /** 业务明细: GBK, '#' lines around a header and the rows; identifiers followed by a TAB. */
    private void readAlipay(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, Charset.forName("GBK")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i].strip();
            }
            boolean refund = c[2].equals("退款");
            BigDecimal fee = new BigDecimal(c[22]).abs();
            providerRows.add(new ProviderRow("alipay", refund, LocalDateTime.parse(c[5], TIME),
                    new BigDecimal(c[12]).abs(), refund ? fee.negate() : fee, c[1], c[0], List.of()));
        }
    }

    /** The acquirer's settlement: 消费 and 退货 rows, a 退货 with negative money, no fee and its own reference. */
    private void readCard(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] c = line.split(",", -1);
            boolean refund = c[3].equals("退货");
            BigDecimal fee = c[9].isEmpty() ? BigDecimal.ZERO : new BigDecimal(c[9]).abs();
            providerRows.add(new ProviderRow("card", refund, LocalDateTime.parse(c[2], TIME),
                    new BigDecimal(c[8]).abs(), refund ? fee.negate() : fee, c[10], c[6], List.of()));
        }
    }

    /** Which providers' settlement of the day the bank credited (whatever the amount). */
    private void readBank(Path file) throws IOException {
        Matcher m = CREDIT.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
            if (m.group(2).equals(day.format(DateTimeFormatter.BASIC_ISO_DATE))) {
                credited.add(PAYOUT_NAMES.get(m.group(1)));
            }
        }
    }

    // ---- the facts -----------------------------------------------------------------------------------------

    private void build(List<String> groundTruth) {
        Map<String, Order> byNo = new HashMap<>();
        for (Order o : orders) {
            if (byNo.put(o.orderNo(), o) != null) {
                throw new IllegalStateException("order number twice: " + o.orderNo());
            }
        }
        Map<String, ProviderRow> payments = new HashMap<>();
        Map<String, ProviderRow> refunds = new HashMap<>();
        for (ProviderRow r : providerRows) {
            if ((r.refund() ? refunds : payments).put(r.provider() + "/" + r.txnId(), r) != null) {
                throw new IllegalStateException("transaction twice: " + r);
            }
        }
        Set<Order> unpairedOrders = new HashSet<>();
        Set<ProviderRow> unpairedRows = new HashSet<>();
        Map<Object, List<String>> codes = new HashMap<>();
        List<Map.Entry<String[], Object>> discrepancies = new ArrayList<>();
        for (String line : groundTruth.subList(1, groundTruth.size())) {
            String[] c = line.split(",", -1);
            String outcome = c[1];
            String kind = c[2];
            String source = c[4];
            String orderNo = c[5];
            String txnId = c[6];
            String counterSource = c[7];
            if (outcome.equals("PENDING") || outcome.equals("PROPOSED")) {
                unpairedOrders.add(byNo.get(orderNo));
                if (outcome.equals("PROPOSED")) {
                    unpairedRows.add(payments.get(counterSource + "/" + txnId));
                }
            }
            if (!outcome.equals("DISCREPANCY")) {
                continue;
            }
            Object raisedOn = switch (kind) {
                case "MISSING_PAYMENT" -> {
                    unpairedOrders.add(byNo.get(orderNo));
                    yield byNo.get(orderNo);
                }
                case "REFUND_MISSING" -> byNo.get(orderNo);
                case "AMOUNT_MISMATCH", "STATUS_CONFLICT" -> {
                    unpairedOrders.add(byNo.get(orderNo));
                    unpairedRows.add(payments.get(counterSource + "/" + txnId));
                    yield byNo.get(orderNo);
                }
                case "DUPLICATE_PAYMENT" -> {
                    // both payments stay unpaired: the order's serial and the second the case names
                    unpairedOrders.add(byNo.get(orderNo));
                    providerRows.stream().filter(r -> !r.refund() && r.provider().equals(counterSource)
                            && r.merchantOrderNo().equals(orderNo)).forEach(unpairedRows::add);
                    yield byNo.get(orderNo);
                }
                case "REFUND_AMOUNT_MISMATCH" -> {
                    unpairedRows.add(refunds.get(counterSource + "/" + txnId));
                    yield byNo.get(orderNo);
                }
                case "MISSING_ORDER" -> {
                    unpairedRows.add(payments.get(source + "/" + txnId));
                    yield payments.get(source + "/" + txnId);
                }
                case "FEE_MISMATCH" -> payments.get(source + "/" + txnId);
                case "REFUND_UNEXPECTED" -> {
                    unpairedRows.add(refunds.get(source + "/" + txnId));
                    yield refunds.get(source + "/" + txnId);
                }
                case "PAYOUT_MISMATCH" -> "payout";
                default -> throw new IllegalStateException("a code this test does not know: " + kind);
            };
            if (raisedOn == null) {
                throw new IllegalStateException("no record in the files for " + line);
            }
            codes.computeIfAbsent(raisedOn, k -> new ArrayList<>()).add(kind);
            discrepancies.add(Map.entry(c, raisedOn));
        }
        if (unpairedOrders.contains(null) || unpairedRows.contains(null)) {
            throw new IllegalStateException("a ground-truth case names a record the files do not hold");
        }

        // Each provider row not left unpaired reports under the order its merchant order number names (a combined
        // checkout's payment under the first of the orders its 商户数据包 lists, and it pays them all).
        Map<ProviderRow, Order> pairedTo = new HashMap<>();
        Map<Order, Set<String>> paidBy = new HashMap<>();
        for (ProviderRow r : providerRows) {
            if (unpairedRows.contains(r)) {
                continue;
            }
            List<String> paysFor = r.covers().isEmpty() ? List.of(r.merchantOrderNo()) : r.covers();
            List<Order> paid = paysFor.stream().map(byNo::get).toList();
            if (paid.contains(null) || paid.stream().anyMatch(unpairedOrders::contains)) {
                throw new IllegalStateException("no order to pair " + r + " with");
            }
            pairedTo.put(r, paid.get(0));
            if (!r.refund()) {
                paid.forEach(o -> paidBy.computeIfAbsent(o, k -> new HashSet<>()).add(r.provider()));
            }
        }
        for (Order o : orders) {
            boolean expecting = o.live() && !o.method().equals("cash");
            if (expecting && !unpairedOrders.contains(o) != paidBy.containsKey(o)) {
                throw new IllegalStateException("the files and the ground truth disagree about " + o);
            }
        }

        for (Order o : orders) {
            boolean expecting = o.live() && !o.method().equals("cash");
            boolean matched = expecting && paidBy.containsKey(o);
            boolean settled = matched && paidBy.get(o).stream().anyMatch(credited::contains);
            facts.add(new Fact(o.source(), o.method(), o.store(), o.category(), o.hour(), settled, o.live() ? 1 : 0,
                    o.live() ? o.amount() : BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                    expecting ? 1 : 0, matched ? 1 : 0, codes.getOrDefault(o, List.of())));
        }
        for (ProviderRow r : providerRows) {
            Order o = pairedTo.get(r);
            facts.add(new Fact(o == null ? r.provider() : o.source(), r.provider(), o == null ? null : o.store(),
                    o == null ? null : o.category(), r.at().getHour(), credited.contains(r.provider()), 0,
                    BigDecimal.ZERO, r.refund() ? r.amount() : BigDecimal.ZERO, r.fee(),
                    r.refund() ? BigDecimal.ZERO : r.amount(), 0, 0, codes.getOrDefault(r, List.of())));
        }

        // Open discrepancies: the amount is |actual − expected|; the store of a provider row is its order's.
        for (Map.Entry<String[], Object> d : discrepancies) {
            String[] c = d.getKey();
            String kind = c[2];
            BigDecimal amount = new BigDecimal(c[10]).subtract(new BigDecimal(c[9])).abs();
            Object raisedOn = d.getValue();
            if (raisedOn instanceof Order o) {
                opens.add(new Open(c[4], o.method(), o.store(), o.hour(), kind, amount));
            } else if (raisedOn instanceof ProviderRow r) {
                Order o = pairedTo.get(r);
                opens.add(new Open(c[4], r.provider(), o == null ? null : o.store(), r.at().getHour(), kind, amount));
            } else {
                // the bank's credit: a statement of dates, booked at the start of its day; no method, no store
                opens.add(new Open(c[4], null, null, 0, kind, amount));
            }
        }
    }

    // ---- expected answers ----------------------------------------------------------------------------------

    /** The measures of one row as the API writes them. */
    static final class Figures {
        long orders;
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal refunds = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal payments = BigDecimal.ZERO;
        long expecting;
        long matched;
        long open;
        BigDecimal openAmount = BigDecimal.ZERO;

        void add(Fact f) {
            orders += f.orders();
            gross = gross.add(f.gross());
            refunds = refunds.add(f.refunds());
            fees = fees.add(f.fees());
            payments = payments.add(f.payments());
            expecting += f.expecting();
            matched += f.matched();
        }

        void add(Open o) {
            open++;
            openAmount = openAmount.add(o.amount());
        }

        String line() {
            String percent = expecting == 0 ? null : BigDecimal.valueOf(matched * 100)
                    .divide(BigDecimal.valueOf(expecting), 2, RoundingMode.HALF_UP).toPlainString();
            return line(orders, money(gross), money(refunds), money(fees), money(payments),
                    money(payments.subtract(refunds).subtract(fees)), percent, open, money(openAmount));
        }

        static String line(Object orders, String gross, String refunds, String fees, String payments, String net,
                           String matchedPercent, Object open, String openAmount) {
            return "orders=" + orders + " grossSales=" + gross + " refunds=" + refunds + " fees=" + fees + " payments="
                    + payments + " netSettlement=" + net + " matchedPercent=" + matchedPercent + " open=" + open + "/"
                    + openAmount;
        }

        private static String money(BigDecimal value) {
            return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
    }

    /**
     * The rows of a summary: the facts passing {@code facts} under their keys ({@code factKeys} may give
     * several, e.g. one per open code, or none) and, unless only settled records are asked for, the open
     * discrepancies passing {@code opens} under theirs. Keys are lists of the grouped values, as the API's
     * row holds them.
     */
    Map<List<Object>, Figures> rows(Predicate<Fact> factFilter, Function<Fact, Stream<List<Object>>> factKeys,
                                    Predicate<Open> openFilter, Function<Open, List<Object>> openKey) {
        Map<List<Object>, Figures> rows = new LinkedHashMap<>();
        facts.stream().filter(factFilter).forEach(f -> factKeys.apply(f)
                .forEach(key -> rows.computeIfAbsent(key, k -> new Figures()).add(f)));
        opens.stream().filter(openFilter).forEach(o -> rows.computeIfAbsent(openKey.apply(o), k -> new Figures()).add(o));
        return rows;
    }

    static Figures total(Map<List<Object>, Figures> rows) {
        Figures total = new Figures();
        for (Figures f : rows.values()) {
            total.orders += f.orders;
            total.gross = total.gross.add(f.gross);
            total.refunds = total.refunds.add(f.refunds);
            total.fees = total.fees.add(f.fees);
            total.payments = total.payments.add(f.payments);
            total.expecting += f.expecting;
            total.matched += f.matched;
            total.open += f.open;
            total.openAmount = total.openAmount.add(f.openAmount);
        }
        return total;
    }

    static boolean nightHour(int hour) {
        return hour >= 22 || hour <= 5;
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
