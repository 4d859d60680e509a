package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TaobaoOrderExportParserTest {

    private static final String SAMPLE = Samples.text(Samples.TMALL, Samples.GBK);
    private static final String HEADER = SAMPLE.lines().findFirst().orElseThrow() + "\r\n";
    private static final String FIRST_ROW = SAMPLE.lines().skip(1).findFirst().orElseThrow() + "\r\n";

    private final TaobaoOrderExportParser parser = new TaobaoOrderExportParser();

    private ParsedFile parse(String text) {
        return Samples.parse(parser, Samples.gbk("ExportOrderList.csv", text));
    }

    @Test
    void readsEveryTmallOrderOfTheGbkSample() {
        ParsedFile parsed = Samples.parse(parser, Samples.sample(Samples.TMALL));

        assertThat(parsed.format()).isEqualTo("taobao-order-export");
        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).hasSize(12).allMatch(r -> r.kind() == RecordKind.ORDER);
        CanonicalRecord first = parsed.records().get(0);
        assertThat(first.lineNo()).isEqualTo(2);
        assertThat(first.orderNo()).isEqualTo("4577123347138164065");
        assertThat(first.txnId()).isNull();
        assertThat(first.amount()).isEqualTo(new BigDecimal("90.90"));
        assertThat(first.status()).isEqualTo("PAID");
        assertThat(first.paymentMethod()).isEqualTo("alipay");
        assertThat(first.store()).isEqualTo("禾木优选旗舰店");
        assertThat(first.category()).isNull();
        assertThat(first.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T07:33:39+08:00"));
        assertThat(first.rawLine()).startsWith("=\"4577123347138164065\",");
        assertThat(first.attributes()).containsEntry("订单状态", "卖家已发货，等待买家确认")
                .containsEntry("宝贝标题", "禾木优选耐咬逗猫棒").containsEntry("宝贝总数量", "1")
                .containsEntry("订单关闭原因", "订单未关闭");
        CanonicalRecord postage = parsed.records().get(8);
        assertThat(postage.lineNo()).isEqualTo(10);
        assertThat(postage.orderNo()).isEqualTo("4903642104469818846");
        assertThat(postage.amount()).isEqualTo(new BigDecimal("142.00"));
    }

    @Test
    void closedOrdersMapToRefundedOrCancelledByPaymentTimeAndReason() {
        String refunded = FIRST_ROW.replace("=\"卖家已发货，等待买家确认\"", "=\"交易关闭\"").replace("=\"订单未关闭\"", "=\"退款\"");
        String cancelled = FIRST_ROW.replace("4577123347138164065", "4577123347138164066")
                .replace("=\"卖家已发货，等待买家确认\"", "=\"交易关闭\"").replace("=\"2026-11-20 07:33:39\"", "=\"\"")
                .replace("=\"订单未关闭\"", "=\"买家未付款\"");

        ParsedFile parsed = parse(HEADER + refunded + cancelled);

        assertThat(parsed.records()).hasSize(2);
        assertThat(parsed.records().get(0).status()).isEqualTo("REFUNDED");
        assertThat(parsed.records().get(0).attributes()).containsEntry("退款金额", "90.90").containsEntry("订单状态", "交易关闭");
        assertThat(parsed.records().get(1).status()).isEqualTo("CANCELLED");
        assertThat(parsed.records().get(1).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T07:33:08+08:00"));
    }

    @Test
    void commaInsideAnExcelTextValueDoesNotSplitIt() {
        ParsedFile parsed = parse(HEADER + FIRST_ROW.replace("=\"禾木优选耐咬逗猫棒\"", "=\"逗猫棒,2只装\""));

        assertThat(parsed.records()).singleElement()
                .satisfies(r -> assertThat(r.attributes()).containsEntry("宝贝标题", "逗猫棒,2只装"));
    }

    @Test
    void badAmountIsARowErrorWithLineAndField() {
        ParsedFile parsed = parse(HEADER + FIRST_ROW.replace("=\"90.90\",=\"0\",=\"卖家", "=\"12,34x\",=\"0\",=\"卖家"));

        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("买家实际支付金额");
            assertThat(e.message()).contains("12,34x");
        });
    }

    @Test
    void missingColumnRejectsTheFileNamingIt() {
        assertThatThrownBy(() -> parse(HEADER.replace("订单付款时间", "付款时间") + FIRST_ROW))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("ExportOrderList.csv").hasMessageContaining("订单付款时间");
    }
}
