package com.reconflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.format.ChannelFile;
import com.reconflow.ingest.format.ChannelFileParser;
import com.reconflow.ingest.format.FormatDetector;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads a generated day with the real format detection and parsers: every file must import whole,
 * with the payments and refunds the day was built from.
 */
class DemoDayImportTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final FormatDetector DETECTOR = FormatDetector.standard();

    // The seeds used by the generator test, the end-to-end test and the demo installation.
    @ParameterizedTest
    @ValueSource(longs = {7L, 42L, 20261120L})
    void everyGeneratedFileImportsWithoutRejectedRowsAndWithTheExpectedRecords(long seed) {
        DemoDay day = new DemoDayGenerator().generate(DATE, seed);

        ParsedFile jd = parse(day, "jd", "channel-orders");
        ParsedFile douyin = parse(day, "douyin", "channel-orders");
        ParsedFile miniprogram = parse(day, "miniprogram", "channel-orders");
        ParsedFile wechat = parse(day, "wechatpay", "wechatpay-tradebill");
        ParsedFile alipay = parse(day, "alipay", "alipay-business-detail");

        assertThat(countsOf(jd)).containsExactly(Map.entry(RecordKind.ORDER, 120L));
        assertThat(countsOf(douyin)).containsExactly(Map.entry(RecordKind.ORDER, 90L));
        assertThat(countsOf(miniprogram)).containsExactly(Map.entry(RecordKind.ORDER, 90L));

        List<CanonicalRecord> orders = new ArrayList<>(jd.records());
        orders.addAll(douyin.records());
        orders.addAll(miniprogram.records());
        // One payment per paid order, adjusted by the planted payment discrepancies of each provider:
        // WeChat Pay lacks one (mini-program), has one without an order and one twice;
        // Alipay lacks one (JD) and has one for an order the channel cancelled.
        assertThat(countsOf(wechat)).containsOnly(
                Map.entry(RecordKind.PAYMENT, paidOrders(orders, "wechatpay") - 1 + 1 + 1),
                Map.entry(RecordKind.REFUND, 3L));
        assertThat(countsOf(alipay)).containsOnly(
                Map.entry(RecordKind.PAYMENT, paidOrders(orders, "alipay") - 1 + 1),
                Map.entry(RecordKind.REFUND, 4L));

        // A refund record names the refunded payment: the serial its order carries.
        Map<String, CanonicalRecord> byOrderNo =
                orders.stream().collect(Collectors.toMap(CanonicalRecord::orderNo, Function.identity()));
        List<CanonicalRecord> refunds = new ArrayList<>(wechat.records());
        refunds.addAll(alipay.records());
        assertThat(refunds).filteredOn(r -> r.kind() == RecordKind.REFUND).allSatisfy(r -> {
            assertThat(r.txnId()).isEqualTo(byOrderNo.get(r.orderNo()).txnId());
            assertThat(r.refundNo()).isNotBlank();
            assertThat(r.businessDate()).isEqualTo(DATE);
            assertThat(r.amount()).isPositive();
        });
    }

    private static ParsedFile parse(DemoDay day, String source, String expectedFormat) {
        DemoFile demo = day.file(source).orElseThrow();
        ChannelFile file = ChannelFile.ofBytes(demo.fileName(), demo.content(), SHANGHAI);
        ChannelFileParser parser = DETECTOR.detect(file);
        assertThat(parser.formatId()).as(demo.fileName()).isEqualTo(expectedFormat);
        ParsedFile.Collector collector = new ParsedFile.Collector();
        parser.parse(file, collector);
        ParsedFile parsed = collector.toParsedFile(parser.formatId());
        assertThat(parsed.rejectedRows()).as(demo.fileName()).isEmpty();
        return parsed;
    }

    private static Map<RecordKind, Long> countsOf(ParsedFile parsed) {
        return parsed.records().stream().collect(Collectors.groupingBy(CanonicalRecord::kind, Collectors.counting()));
    }

    private static long paidOrders(List<CanonicalRecord> orders, String provider) {
        return orders.stream()
                .filter(o -> provider.equals(o.paymentMethod()) && !o.status().equals("CANCELLED"))
                .count();
    }
}
