package com.reconflow.matching;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.format.ChannelFile;
import com.reconflow.ingest.format.FormatDetector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared clean sample day (FORMATS.md layouts, every channel and provider) reconciles
 * completely: every order to be paid is matched, cash and cancelled orders expect nothing, fees are
 * at the contracted rates, and each provider's bank credit of the next day equals its net. A correct engine raises nothing on it.
 */
class SampleDayReconcilesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final Map<String, String> FILES = Map.of(
            "ExportOrderList_20261120.csv", "tmall",
            "jd_orders_20261120.csv", "jd",
            "douyin_orders_20261120.csv", "douyin",
            "mp_orders_20261120.csv", "miniprogram",
            "pos_sales_20261120.csv", "pos",
            "alipay_business_detail_20261120.csv", "alipay",
            "wechatpay_tradebill_ALL_20261120.csv", "wechatpay",
            "unionpay_20261120.csv", "card",
            "bank/camt053_20261120.xml", "bank");

    @Test
    void theCleanSampleDayRaisesNoDiscrepancy() throws IOException {
        List<LedgerEntry> entries = new ArrayList<>();
        FormatDetector formats = FormatDetector.standard();
        for (var file : FILES.entrySet()) {
            ChannelFile channelFile;
            try (InputStream in = getClass().getResourceAsStream("/formats/" + file.getKey())) {
                channelFile = ChannelFile.ofBytes(file.getKey(), in.readAllBytes(), ZoneId.of("Asia/Shanghai"));
            }
            ParsedFile.Collector collector = new ParsedFile.Collector();
            formats.detect(channelFile).parse(channelFile, collector);
            ParsedFile parsed = collector.toParsedFile("sample");
            assertThat(parsed.rejectedRows()).as(file.getKey()).isEmpty();
            for (CanonicalRecord r : parsed.records()) {
                if (r.businessDate().equals(DAY) || r.kind() == RecordKind.PAYOUT) {
                    entries.add(entry(entries.size() + 1, file.getValue(), r));
                }
            }
        }

        assertThat(entries).filteredOn(e -> e.kind() == RecordKind.PAYOUT).extracting(LedgerEntry::orderNo)
                .as("the payouts are checked, not pending")
                .contains("ALIPAY-SETTLE-20261120", "WECHATPAY-SETTLE-20261120", "UNIONPAY-SETTLE-20261120");

        DayResult result = new DayMatcher(MatchingRules.defaults()).match(DAY, entries);

        assertThat(result.findings()).isEmpty();
        long ordersToBePaid = entries.stream().filter(e -> e.kind() == RecordKind.ORDER && !e.isPaidInCash()
                && !e.isCancelledOrder()).count();
        assertThat(result.matches().stream().filter(m -> !m.ruleId().equals(DayMatcher.REFUND_RULE))
                .map(m -> m.order().id()).distinct().count()).isEqualTo(ordersToBePaid);
    }

    private static LedgerEntry entry(long id, String source, CanonicalRecord r) {
        String refunded = r.attributes().get("退款金额");
        return new LedgerEntry(id, r.kind(), source, r.orderNo(), r.txnId(), r.amount(), r.status(),
                r.paymentMethod(), r.fee(),
                refunded == null || refunded.isBlank() ? null : new java.math.BigDecimal(refunded),
                r.attributes().get("商户数据包"));
    }
}
