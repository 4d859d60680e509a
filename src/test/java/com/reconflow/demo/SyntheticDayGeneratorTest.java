package com.reconflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.format.ChannelFile;
import com.reconflow.ingest.format.ChannelFileParser;
import com.reconflow.ingest.format.FormatDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads generated days back the way the import reads them (format detection, the real parsers)
 * and checks the retailer's conventions (samples README): layouts and encodings, identifiers, the
 * contracted fees with each provider's signs, the bank's credits against the bills, the combined and
 * split payments, the times of day, and how many cases a day of a given size plants.
 */
class SyntheticDayGeneratorTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final FormatDetector FORMATS = FormatDetector.standard();
    private static final Map<String, String> FORMAT_OF = Map.of("jd", "channel-orders", "douyin", "channel-orders",
            "miniprogram", "channel-orders", "pos", "channel-orders", "wechatpay", "wechatpay-tradebill",
            "alipay", "alipay-business-detail", "card", "card-acquirer", "bank", "camt053");
    private static final Map<String, BigDecimal> CONTRACT = Map.of("alipay", new BigDecimal("0.006"),
            "wechatpay", new BigDecimal("0.006"), "card", new BigDecimal("0.005"));

    private final DemoDay day = new SyntheticDayGenerator().generate(DATE, 7L);
    private final Map<String, List<CanonicalRecord>> records = parse(day);

    // ---- files ---------------------------------------------------------------------------------

    @Test
    void writesOneFileForEachChannelProviderAndTheBank() {
        assertThat(day.businessDate()).isEqualTo(DATE);
        assertThat(day.files()).extracting(DemoFile::source, DemoFile::fileName).containsExactly(
                tuple("jd", "jd_orders_20261120.csv"),
                tuple("douyin", "douyin_orders_20261120.csv"),
                tuple("miniprogram", "mp_orders_20261120.csv"),
                tuple("pos", "pos_sales_20261120.csv"),
                tuple("wechatpay", "wechatpay_tradebill_ALL_20261120.csv"),
                tuple("alipay", "20880211096256330156_20261120_业务明细.csv"),
                tuple("card", "unionpay_20261120.csv"),
                tuple("bank", "camt053_20261120.xml"));
        assertThat(orders()).hasSize(SyntheticDayGenerator.DEMO_ORDERS);
        assertThat(day.file("wechatpay").orElseThrow().content()).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(day.file("miniprogram").orElseThrow().content()).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(day.file("jd").orElseThrow().content()).startsWith("订单号".getBytes(Charset.forName("UTF-8")));
        assertThat(strictGbk(day.file("alipay").orElseThrow().content())).startsWith("#支付宝业务明细查询\r\n")
                .contains("#交易合计：").contains("#退款合计：");
    }

    /** Every file is recognised by its content and read whole (summaries and footers agreeing), as many rows as the truth says. */
    @ParameterizedTest
    @ValueSource(longs = {7L, 42L, 20261120L})
    void everyFileImportsWholeWithTheRowsItsGroundTruthCounts(long seed) {
        DemoDay other = new SyntheticDayGenerator().generate(DATE, seed);
        Map<String, List<CanonicalRecord>> read = parse(other);
        read.forEach((source, rows) -> {
            Map<RecordKind, Long> counts = rows.stream().collect(Collectors.groupingBy(CanonicalRecord::kind,
                    Collectors.counting()));
            counts.forEach((kind, count) -> assertThat(count).as(source + " " + kind)
                    .isEqualTo(other.truth().records(source, kind.name())));
        });
        assertThat(other.truth().records("bank", "PAYOUT")).isEqualTo(3);
    }

    @Test
    void theSameDateAndSeedGiveTheSameBytesAndAnotherSeedAnotherDay() {
        assertThat(new SyntheticDayGenerator().generate(DATE, 7L)).isEqualTo(day);
        assertThat(new SyntheticDayGenerator().generate(DATE, 8L).files()).doesNotContainAnyElementsOf(day.files());
    }

    @Test
    void writtenToDiskTheDayIsTheSameAsInMemory(@TempDir Path dir) throws IOException {
        LocalDate date = LocalDate.of(2025, 6, 3);
        GroundTruth truth = SyntheticDayGenerator.writeTo(dir, date, 3L, 1000);
        DemoDay inMemory = new SyntheticDayGenerator().generate(date, 3L, 1000);
        for (DemoFile file : inMemory.files()) {
            assertThat(Files.readAllBytes(dir.resolve(file.source()).resolve(file.fileName()))).as(file.fileName())
                    .isEqualTo(file.content());
        }
        assertThat(truth).isEqualTo(inMemory.truth());
        assertThat(GroundTruth.read(dir)).isEqualTo(truth);
        assertThat(Files.readAllLines(dir.resolve(GroundTruth.CASES_FILE)).get(0)).isEqualTo(
                "business_date,outcome,kind,scenario,source,order_no,txn_id,counter_source,counter_order_no,expected,actual");
    }

    // ---- orders --------------------------------------------------------------------------------

    @Test
    void ordersFollowEachChannelsConventions() {
        Map<String, Pattern> orderNos = Map.of(
                "jd", Pattern.compile("3\\d{11}"),
                "douyin", Pattern.compile("69\\d{17}"),
                "miniprogram", Pattern.compile("MP20261120\\d{8}"),
                "pos", Pattern.compile("PS\\d{3}20261120\\d{5}"));
        Map<String, Pattern> serials = Map.of(
                "wechatpay", Pattern.compile("420000\\d{4}2026112[01]\\d{10}"),
                "alipay", Pattern.compile("2026112[01]2200\\d{16}"),
                "card", Pattern.compile("112[01]\\d{8}"));
        Map<String, Set<String>> methods = new HashMap<>();
        for (String channel : List.of("jd", "douyin", "miniprogram", "pos")) {
            for (CanonicalRecord o : records.get(channel)) {
                methods.computeIfAbsent(channel, c -> new java.util.TreeSet<>()).add(o.paymentMethod());
                assertThat(o.orderNo()).matches(orderNos.get(channel));
                assertThat(o.store()).matches(channel.equals("pos") ? "S0\\d{2}" : channel);
                if (o.txnId() != null) {
                    assertThat(o.txnId()).matches(serials.get(o.paymentMethod()));
                }
                switch (o.status()) {
                    case "CANCELLED" -> assertThat(o.txnId()).isNull();
                    case "PAID" -> assertThat(o.attributes()).containsEntry("退款金额", "0.00");
                    case "REFUNDED" -> assertThat(new BigDecimal(o.attributes().get("退款金额"))).isEqualTo(o.amount());
                    default -> assertThat(new BigDecimal(o.attributes().get("退款金额"))).isPositive().isLessThan(o.amount());
                }
                assertThat(o.amount()).isBetween(new BigDecimal("9.90"), new BigDecimal("1299.00"));
            }
        }
        assertThat(methods).containsEntry("jd", Set.of("alipay", "wechatpay"))
                .containsEntry("douyin", Set.of("alipay", "wechatpay"))
                .containsEntry("miniprogram", Set.of("wechatpay"))
                .containsEntry("pos", Set.of("alipay", "wechatpay", "card", "cash"));
        assertThat(orders()).extracting(CanonicalRecord::orderNo).doesNotHaveDuplicates();
        // one serial, one order; only the orders of a combined checkout share their payment's
        Set<String> combined = orderNos(day.truth(), ExpectedCase.MATCH, "MERGED");
        assertThat(orders()).filteredOn(o -> !combined.contains(o.orderNo())).extracting(CanonicalRecord::txnId)
                .filteredOn(t -> t != null).doesNotHaveDuplicates();
        assertThat(records.get("pos")).filteredOn(o -> o.paymentMethod().equals("cash"))
                .isNotEmpty().allSatisfy(o -> assertThat(o.txnId()).isNull());
    }

    /**
     * Ordinary orders come between 00:05 and 23:50, planted ones between 00:30 and 23:30; only the
     * late orders come in the last five minutes, and their payments are in the next day's bills.
     */
    @Test
    void onlyLateOrdersComeNearMidnightAndTheirPaymentsAreBookedAfterIt() {
        List<DemoDay> days = new SyntheticDayGenerator().generateDays(DATE, 2, 7L, 1000);
        Map<String, List<CanonicalRecord>> first = parse(days.get(0));
        Set<String> late = orderNos(days.get(0).truth(), ExpectedCase.PENDING);
        Set<String> planted = days.get(0).truth().cases().stream().map(ExpectedCase::orderNo).collect(Collectors.toSet());
        assertThat(late).hasSize(10);
        for (CanonicalRecord r : all(first, r -> r.kind() != RecordKind.PAYOUT)) {
            LocalTime at = r.occurredAt().atZoneSameInstant(SHANGHAI).toLocalTime();
            if (late.contains(r.orderNo())) {
                assertThat(at).isBetween(LocalTime.of(23, 55), LocalTime.of(23, 59, 59));
            } else if (planted.contains(r.orderNo()) && r.kind() == RecordKind.ORDER) {
                assertThat(at).isBetween(LocalTime.of(0, 30), LocalTime.of(23, 32));
            } else {
                assertThat(at).isBetween(LocalTime.of(0, 5), LocalTime.of(23, 51));
            }
        }
        List<CanonicalRecord> booked = all(parse(days.get(1)), r -> r.kind() == RecordKind.PAYMENT
                && late.contains(r.orderNo()));
        assertThat(booked).hasSize(late.size()).allSatisfy(p -> assertThat(p.occurredAt().atZoneSameInstant(SHANGHAI)
                .toLocalDateTime()).isBetween(DATE.plusDays(1).atStartOfDay(), DATE.plusDays(1).atTime(0, 2, 5)));
    }

    // ---- providers -----------------------------------------------------------------------------

    /**
     * Fees are the contracted rate of the amount, half-up per row, except the planted fee mismatches;
     * Alipay writes them negative on trades and positive on refunds, WeChat Pay the other way round,
     * card refunds carry none.
     */
    @Test
    void providersChargeTheContractedFeesWithTheirOwnSigns() {
        Set<String> overcharged = day.truth().of(ExpectedCase.DISCREPANCY).stream()
                .filter(c -> c.kind().equals("FEE_MISMATCH")).map(ExpectedCase::txnId).collect(Collectors.toSet());
        assertThat(overcharged).isNotEmpty();
        for (String provider : List.of("alipay", "wechatpay", "card")) {
            for (CanonicalRecord r : records.get(provider)) {
                BigDecimal contracted = r.amount().multiply(CONTRACT.get(provider)).setScale(2, RoundingMode.HALF_UP);
                boolean payment = r.kind() == RecordKind.PAYMENT;
                if (provider.equals("card") && !payment) {
                    assertThat(r.fee()).isNull();
                    continue;
                }
                int sign = provider.equals("alipay") == payment ? -1 : 1;
                assertThat(r.fee().signum()).as(provider + " " + r.kind()).isEqualTo(contracted.signum() * sign);
                if (payment && overcharged.contains(r.txnId())) {
                    assertThat(r.fee().abs()).isGreaterThan(contracted.add(new BigDecimal("0.01")));
                } else {
                    assertThat(r.fee().abs()).as(provider + " " + r.txnId()).isEqualByComparingTo(contracted);
                }
            }
        }
        assertThat(records.get("wechatpay")).filteredOn(r -> !overcharged.contains(r.txnId()))
                .allSatisfy(r -> assertThat(r.attributes()).containsEntry("费率", "0.60%"));
    }

    /** One credit per provider on the next day: its net as its bills add up, one of them short by the planted amount. */
    @Test
    void theBankCreditsEachProvidersNetTheDayAfterOneOfThemShort() {
        ExpectedCase shortPaid = day.truth().of(ExpectedCase.DISCREPANCY).stream()
                .filter(c -> c.kind().equals("PAYOUT_MISMATCH")).findFirst().orElseThrow();
        Map<String, String> banks = Map.of("alipay", "ALIPAY", "wechatpay", "WECHATPAY", "card", "UNIONPAY");
        for (String provider : banks.keySet()) {
            BigDecimal net = BigDecimal.ZERO;
            for (CanonicalRecord r : records.get(provider)) {
                BigDecimal fee = r.fee() == null ? BigDecimal.ZERO : r.fee().abs();
                net = r.kind() == RecordKind.PAYMENT ? net.add(r.amount()).subtract(fee) : net.subtract(r.amount()).add(fee);
            }
            String reference = banks.get(provider) + "-SETTLE-20261120";
            CanonicalRecord credit = records.get("bank").stream().filter(c -> reference.equals(c.orderNo()))
                    .findFirst().orElseThrow();
            assertThat(credit.businessDate()).isEqualTo(DATE.plusDays(1));
            if (shortPaid.counterSource().equals(provider)) {
                assertThat(shortPaid.orderNo()).isEqualTo(reference);
                assertThat(shortPaid.txnId()).isEqualTo(credit.txnId());
                assertThat(shortPaid.expected()).isEqualByComparingTo(net);
                assertThat(credit.amount()).isEqualByComparingTo(shortPaid.actual()).isLessThan(net);
            } else {
                assertThat(credit.amount()).as(provider).isEqualByComparingTo(net);
            }
        }
    }

    /** A combined checkout's 商户订单号 is M + the first order it lists in 商户数据包; its amount theirs together. */
    @Test
    void combinedCheckoutsListTheirOrdersAndSplitSalesArePaidByCardAndWechat() {
        Map<String, CanonicalRecord> byOrderNo = orders().stream()
                .collect(Collectors.toMap(CanonicalRecord::orderNo, o -> o));
        List<CanonicalRecord> combined = records.get("wechatpay").stream()
                .filter(p -> !p.attributes().getOrDefault("商户数据包", "").isEmpty()).toList();
        assertThat(combined).hasSize((int) day.truth().of(ExpectedCase.MATCH).stream()
                .filter(c -> c.kind().equals("MERGED")).map(ExpectedCase::txnId).distinct().count());
        assertThat(combined).isNotEmpty().allSatisfy(p -> {
            List<String> listed = List.of(p.attributes().get("商户数据包").split("\\|"));
            assertThat(listed).hasSizeBetween(2, 4);
            assertThat(p.orderNo()).isEqualTo("M" + listed.get(0));
            assertThat(listed.stream().map(byOrderNo::get).map(CanonicalRecord::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(p.amount());
            assertThat(listed).allSatisfy(no -> assertThat(byOrderNo.get(no).txnId()).isEqualTo(p.txnId()));
        });

        Set<String> split = orderNos(day.truth(), ExpectedCase.MATCH, "SPLIT");
        assertThat(split).isNotEmpty().allSatisfy(no -> {
            CanonicalRecord order = byOrderNo.get(no);
            assertThat(order.paymentMethod()).isEqualTo("card");
            assertThat(order.txnId()).isNull();
            List<CanonicalRecord> paid = all(records, r -> r.kind() == RecordKind.PAYMENT && no.equals(r.orderNo()));
            assertThat(paid).extracting(CanonicalRecord::paymentMethod).containsExactlyInAnyOrder("card", "wechatpay");
            assertThat(paid.stream().map(CanonicalRecord::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(order.amount());
        });
    }

    /** The fallback rule's pairs: the order shows no serial, the payment a merchant order no. one digit off. */
    @Test
    void mistypedOrderNumbersAreOneDigitOffAndNoOrderOfTheDay() {
        Set<String> orderNos = orders().stream().map(CanonicalRecord::orderNo).collect(Collectors.toSet());
        List<ExpectedCase> proposed = day.truth().of(ExpectedCase.PROPOSED);
        assertThat(proposed).isNotEmpty().allSatisfy(c -> {
            assertThat(orderNos).doesNotContain(c.counterOrderNo());
            assertThat(c.counterOrderNo()).hasSameSizeAs(c.orderNo());
            long differing = java.util.stream.IntStream.range(0, c.orderNo().length())
                    .filter(i -> c.orderNo().charAt(i) != c.counterOrderNo().charAt(i)).count();
            assertThat(differing).isEqualTo(1);
            CanonicalRecord order = orders().stream().filter(o -> o.orderNo().equals(c.orderNo())).findFirst().orElseThrow();
            assertThat(order.txnId()).isNull();
            CanonicalRecord payment = records.get(c.counterSource()).stream()
                    .filter(p -> c.txnId().equals(p.txnId())).findFirst().orElseThrow();
            assertThat(payment.orderNo()).isEqualTo(c.counterOrderNo());
            assertThat(payment.amount()).isEqualByComparingTo(order.amount());
            assertThat(java.time.Duration.between(order.occurredAt(), payment.occurredAt()))
                    .isBetween(java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(2));
        });
    }

    // ---- sizes ---------------------------------------------------------------------------------

    /** Benign cases about 1 % of the orders each, every discrepancy code about 0.07 % but at least once. */
    @Test
    void plantedCasesGrowWithTheDaysSize() {
        GroundTruth small = new SyntheticDayGenerator().generate(DATE, 1L, 300).truth();
        GroundTruth large = new SyntheticDayGenerator().generate(DATE, 1L, 20_000).truth();
        for (String[] benign : new String[][] {{"MATCH", "ROUNDING"}, {"PENDING", "TIMING"}, {"NONE", "CASH"},
                {"NONE", "CANCELLED"}}) {
            assertThat(small.total(benign[0], benign[1])).as(benign[1]).isEqualTo(3);
            assertThat(large.total(benign[0], benign[1])).as(benign[1]).isEqualTo(200);
        }
        assertThat(large.total("MATCH", "SPLIT")).isEqualTo(400);
        for (String code : List.of("MISSING_PAYMENT", "MISSING_ORDER", "AMOUNT_MISMATCH", "DUPLICATE_PAYMENT",
                "STATUS_CONFLICT", "REFUND_MISSING", "REFUND_UNEXPECTED", "REFUND_AMOUNT_MISMATCH", "FEE_MISMATCH")) {
            assertThat(small.total("DISCREPANCY", code)).as(code).isEqualTo(1);
            assertThat(large.total("DISCREPANCY", code)).as(code).isEqualTo(14);
        }
        assertThat(large.total("PROPOSED", "PROPOSAL")).isEqualTo(14);
        assertThat(large.total("DISCREPANCY", "PAYOUT_MISMATCH")).isEqualTo(1);
        assertThat(List.of("jd", "douyin", "miniprogram", "pos").stream().mapToLong(c -> large.records(c, "ORDER")).sum())
                .isEqualTo(20_000);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private List<CanonicalRecord> orders() {
        return all(records, r -> r.kind() == RecordKind.ORDER);
    }

    private static List<CanonicalRecord> all(Map<String, List<CanonicalRecord>> read, Predicate<CanonicalRecord> filter) {
        return read.values().stream().flatMap(List::stream).filter(filter).toList();
    }

    private static Set<String> orderNos(GroundTruth truth, String outcome, String... kind) {
        return truth.of(outcome).stream().filter(c -> kind.length == 0 || c.kind().equals(kind[0]))
                .map(ExpectedCase::orderNo).collect(Collectors.toSet());
    }

    /** Each file detected as its source's format and read without a rejected row. */
    private static Map<String, List<CanonicalRecord>> parse(DemoDay day) {
        Map<String, List<CanonicalRecord>> read = new HashMap<>();
        for (DemoFile file : day.files()) {
            ChannelFile channelFile = ChannelFile.ofBytes(file.fileName(), file.content(), SHANGHAI);
            ChannelFileParser parser = FORMATS.detect(channelFile);
            assertThat(parser.formatId()).as(file.fileName()).isEqualTo(FORMAT_OF.get(file.source()));
            ParsedFile.Collector collector = new ParsedFile.Collector();
            parser.parse(channelFile, collector);
            ParsedFile parsed = collector.toParsedFile(parser.formatId());
            assertThat(parsed.rejectedRows()).as(file.fileName()).isEmpty();
            read.computeIfAbsent(file.source(), s -> new ArrayList<>()).addAll(parsed.records());
        }
        return read;
    }

    private static String strictGbk(byte[] bytes) {
        try {
            return Charset.forName("GBK").newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("not GBK", e);
        }
    }
}
