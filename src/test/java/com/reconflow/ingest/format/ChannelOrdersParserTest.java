package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.RowError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ChannelOrdersParserTest {

    private static final String HEADER = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n";
    private static final String GOOD = "A1,2026-11-20 10:00:00,2026-11-20 10:00:05,10.00,cash,,PAID,0.00,S001,饰品,SS1,1\n";

    private final ChannelOrdersParser parser = new ChannelOrdersParser();

    private ParsedFile parse(String text) {
        return Samples.parse(parser, Samples.utf8("orders.csv", text));
    }

    @Test
    void readsEveryJdOrderWithItsFieldsAndLine() {
        ParsedFile parsed = Samples.parse(parser, Samples.sample(Samples.JD));

        assertThat(parsed.format()).isEqualTo("channel-orders");
        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).hasSize(8).allMatch(r -> r.kind() == RecordKind.ORDER);
        CanonicalRecord first = parsed.records().get(0);
        assertThat(first.lineNo()).isEqualTo(2);
        assertThat(first.orderNo()).isEqualTo("382358352597");
        assertThat(first.txnId()).isEqualTo("2026112022000343930416197347");
        assertThat(first.amount()).isEqualTo(new BigDecimal("24.00"));
        assertThat(first.fee()).isNull();
        assertThat(first.currency()).isEqualTo("CNY");
        assertThat(first.status()).isEqualTo("PAID");
        assertThat(first.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T00:03:53+08:00"));
        assertThat(first.businessDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(first.store()).isEqualTo("jd");
        assertThat(first.paymentMethod()).isEqualTo("alipay");
        assertThat(first.category()).isEqualTo("家居");
        assertThat(first.rawLine()).startsWith("382358352597,2026-11-20 00:03:33,").doesNotEndWith("\n");
        assertThat(first.attributes()).containsEntry("SKU", "JJ0002").containsEntry("数量", "1")
                .containsEntry("退款金额", "0.00").containsEntry("下单时间", "2026-11-20 00:03:33");
        CanonicalRecord last = parsed.records().get(7);
        assertThat(last.lineNo()).isEqualTo(9);
        assertThat(last.orderNo()).isEqualTo("345434742674");
        assertThat(last.amount()).isEqualTo(new BigDecimal("204.00"));
    }

    @Test
    void readsTheOtherChannelSamples() {
        assertThat(Samples.parse(parser, Samples.sample(Samples.DOUYIN)).records()).hasSize(7);
        assertThat(Samples.parse(parser, Samples.sample(Samples.POS)).records()).hasSize(7)
                .filteredOn(r -> r.orderNo().equals("PS0072026112000001"))
                .singleElement().satisfies(r -> {
                    assertThat(r.paymentMethod()).isEqualTo("card");
                    assertThat(r.txnId()).isEqualTo("221609741839");
                    assertThat(r.store()).isEqualTo("S007");
                });
    }

    @Test
    void readsTheMiniProgramFileDespiteItsBom() {
        ParsedFile parsed = Samples.parse(parser, Samples.sample(Samples.MINIPROGRAM));

        assertThat(parsed.records()).hasSize(6);
        assertThat(parsed.records().get(2).orderNo()).isEqualTo("MP2026112098146304");
        assertThat(parsed.records().get(2).amount()).isEqualTo(new BigDecimal("701.70"));
    }

    @Test
    void emptyPaymentSerialNumberBecomesNullTxnId() {
        CanonicalRecord douyin = Samples.parse(parser, Samples.sample(Samples.DOUYIN)).records().get(5);

        assertThat(douyin.lineNo()).isEqualTo(7);
        assertThat(douyin.orderNo()).isEqualTo("6959687723057244011");
        assertThat(douyin.txnId()).isNull();
    }

    @Test
    void badAmountQuarantinesOnlyItsRow() {
        ParsedFile parsed = parse(HEADER + GOOD + "A2,2026-11-20 10:00:00,2026-11-20 10:00:05,\"12,34x\",cash,,PAID,0.00,S001,饰品,SS1,1\n"
                + GOOD.replace("A1", "A3"));

        assertThat(parsed.records()).extracting(CanonicalRecord::orderNo).containsExactly("A1", "A3");
        assertThat(parsed.records()).extracting(CanonicalRecord::lineNo).containsExactly(2, 4);
        RowError error = parsed.rejectedRows().get(0);
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.field()).isEqualTo("订单金额");
        assertThat(error.message()).contains("12,34x");
        assertThat(error.rawLine()).startsWith("A2,");
    }

    @Test
    void quotedAmountWithThousandsSeparatorIsRead() {
        ParsedFile parsed = parse(HEADER + GOOD.replace("10.00", "\"1,234.50\""));

        assertThat(parsed.records().get(0).amount()).isEqualTo(new BigDecimal("1234.50"));
    }

    @Test
    void invalidValuesAreRowErrorsNamingTheirField() {
        ParsedFile parsed = parse(HEADER
                + GOOD.replace("10.00", "10.005")
                + GOOD.replace("PAID", "SHIPPED")
                + GOOD.replace("cash", "paypal")
                + GOOD.replace("2026-11-20 10:00:05", "2026-11-31 10:00:05")
                + GOOD.replace("10.00", "-1.00"));

        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.rejectedRows()).extracting(RowError::line, RowError::field).containsExactly(
                tuple(2, "订单金额"),
                tuple(3, "订单状态"),
                tuple(4, "支付方式"),
                tuple(5, "支付时间"),
                tuple(6, "订单金额"));
        assertThat(parsed.rejectedRows().get(0).message()).contains("10.005", "more than 2 decimals");
        assertThat(parsed.rejectedRows().get(1).message()).contains("SHIPPED");
        assertThat(parsed.rejectedRows().get(3).message()).contains("2026-11-31 10:00:05");
    }

    @Test
    void cancelledOrderMayHaveNoPaymentTimeButAPaidOneMayNot() {
        ParsedFile parsed = parse(HEADER
                + "C1,2026-11-20 09:00:00,,50.00,alipay,,CANCELLED,0.00,S001,饰品,SS1,1\n"
                + "C2,2026-11-20 09:00:00,,50.00,alipay,,PAID,0.00,S001,饰品,SS1,1\n");

        assertThat(parsed.records()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("CANCELLED");
            assertThat(r.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T09:00:00+08:00"));
        });
        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("支付时间");
        });
    }

    @Test
    void extraColumnsAreKeptAsAttributes() {
        ParsedFile parsed = parse(HEADER.replace("数量\n", "数量,渠道备注\n") + GOOD.replace("SS1,1\n", "SS1,1,加急\n"));

        assertThat(parsed.records().get(0).attributes()).containsEntry("渠道备注", "加急");
    }

    @Test
    void quotedValueSpanningTwoLinesIsOneRecordKeepingLaterLineNumbers() {
        ParsedFile parsed = parse(HEADER
                + "A1,2026-11-20 10:00:00,2026-11-20 10:00:05,10.00,cash,,PAID,0.00,S001,饰品,\"SS1\nB\",1\n"
                + GOOD.replace("A1", "A2"));

        assertThat(parsed.records()).extracting(CanonicalRecord::lineNo).containsExactly(2, 4);
        assertThat(parsed.records().get(0).attributes()).containsEntry("SKU", "SS1\nB");
    }

    @Test
    void rowWithTooManyFieldsIsRejectedWithItsLine() {
        ParsedFile parsed = parse(HEADER + GOOD.replace("饰品", "饰品,手链"));

        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).contains("13 fields", "12");
        });
    }

    @Test
    void missingColumnRejectsTheFileNamingIt() {
        assertThatThrownBy(() -> parse(HEADER.replace(",支付方式", "").replace(",门店", "") + "x\n"))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("orders.csv")
                .hasMessageContaining("支付方式")
                .hasMessageContaining("门店");
    }

    @Test
    void emptyFileAndHeaderOnlyFileAreRejected() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("orders.csv is empty");
        assertThatThrownBy(() -> parse(HEADER + "\n")).isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("orders.csv is empty");
    }

    @Test
    void gbkFileSavedAsUtf8MojibakeIsRejectedNotReadAsGarbage() {
        String mojibake = new String(Samples.text(Samples.JD, StandardCharsets.UTF_8).getBytes(Samples.GBK),
                StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> parse(mojibake)).isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("lacks required column(s) 订单号");
    }
}
