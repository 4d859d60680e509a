package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WechatPayTradeBillParserTest {

    private static final String SAMPLE = Samples.text(Samples.WECHAT, StandardCharsets.UTF_8);
    private static final String HEADER = SAMPLE.lines().findFirst().orElseThrow() + "\r\n";
    private static final String PAYMENT = "`2026-11-20 11:10:20,`wx13e766327bb50553,`1630728691,`0,`,"
            + "`4200002440202611209792398707,`379522803389,`o5XTLXq,`APP,`SUCCESS,`CFT,`CNY,`35.00,`0.00,`0,`0,"
            + "`0.00,`0.00,`,`,`禾木优选玫瑰金戒指,`,`0.21000,`0.60%,`35.00,`0.00,`\r\n";
    private static final String REFUND = "`2026-11-20 16:00:00,`wx13e766327bb50553,`1630728691,`0,`,"
            + "`4200002440202611209792398707,`379522803389,`o5XTLXq,`APP,`REFUND,`CFT,`CNY,`0.00,`0.00,"
            + "`50300000002026112000001,`R379522803389,`35.00,`0.00,`ORIGINAL,`SUCCESS,`禾木优选玫瑰金戒指,`,"
            + "`-0.21000,`0.60%,`0.00,`35.00,`\r\n";
    private static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n";

    private final WechatPayTradeBillParser parser = new WechatPayTradeBillParser();

    private ParsedFile parse(String text) {
        return Samples.parse(parser, Samples.utf8("wechat.csv", text));
    }

    @Test
    void readsEverySuccessRowOfTheSampleAsPayment() {
        ParsedFile parsed = Samples.parse(parser, Samples.sample(Samples.WECHAT));

        assertThat(parsed.format()).isEqualTo("wechatpay-tradebill");
        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).hasSize(14).allMatch(r -> r.kind() == RecordKind.PAYMENT);
        CanonicalRecord first = parsed.records().get(0);
        assertThat(first.lineNo()).isEqualTo(2);
        assertThat(first.orderNo()).isEqualTo("379522803389");
        assertThat(first.txnId()).isEqualTo("4200002440202611209792398707");
        assertThat(first.amount()).isEqualTo(new BigDecimal("35.00"));
        assertThat(first.fee()).isEqualTo(new BigDecimal("0.21000"));
        assertThat(first.fee().scale()).isEqualTo(5);
        assertThat(first.status()).isEqualTo("SUCCESS");
        assertThat(first.paymentMethod()).isEqualTo("wechatpay");
        assertThat(first.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T11:10:20+08:00"));
        assertThat(first.rawLine()).startsWith("`2026-11-20 11:10:20,").doesNotEndWith("\r");
        assertThat(first.attributes()).containsEntry("费率", "0.60%").containsEntry("交易类型", "APP")
                .containsEntry("订单金额", "35.00").containsEntry("商户数据包", "")
                .containsEntry("商品名称", "禾木优选玫瑰金戒指");
        CanonicalRecord pos = parsed.records().get(9);
        assertThat(pos.lineNo()).isEqualTo(11);
        assertThat(pos.orderNo()).isEqualTo("PS0462026112000001");
        assertThat(pos.amount()).isEqualTo(new BigDecimal("672.00"));
        assertThat(pos.fee()).isEqualTo(new BigDecimal("4.03000"));
    }

    @Test
    void refundRowBecomesRefundWithPositiveAmountAndFeeAsWritten() {
        ParsedFile parsed = parse(HEADER + PAYMENT + REFUND + SUMMARY_HEADER + "`2,`35.00,`35.00,`0.00,`0.00,`35.00,`35.00\r\n");

        CanonicalRecord refund = parsed.records().get(1);
        assertThat(refund.kind()).isEqualTo(RecordKind.REFUND);
        assertThat(refund.lineNo()).isEqualTo(3);
        assertThat(refund.orderNo()).isEqualTo("379522803389");
        assertThat(refund.txnId()).isEqualTo("4200002440202611209792398707");
        assertThat(refund.refundNo()).isEqualTo("R379522803389");
        assertThat(refund.amount()).isEqualTo(new BigDecimal("35.00"));
        assertThat(refund.fee()).isEqualTo(new BigDecimal("-0.21000"));
        assertThat(refund.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T16:00:00+08:00"));
    }

    @Test
    void summaryCountWrittenAsDecimalIsAccepted() {
        String text = SAMPLE.replace("`14,`3153.40", "`14.0,`3153.40");

        assertThat(parse(text).records()).hasSize(14);
    }

    @Test
    void summaryCountDisagreeingWithTheRowsRejectsTheFile() {
        String text = SAMPLE.replace("`14,`3153.40", "`15,`3153.40");

        assertThatThrownBy(() -> parse(text)).isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("wechat.csv is truncated or corrupt")
                .hasMessageContaining("summary says 15 rows / 3153.40 yuan")
                .hasMessageContaining("detail has 14 rows / 3153.40 yuan");
    }

    @Test
    void summaryAmountOrFeeDisagreeingWithTheRowsRejectsTheFile() {
        assertThatThrownBy(() -> parse(SAMPLE.replace("`3153.40,`0.00,`0.00,`18.91", "`3153.41,`0.00,`0.00,`18.91")))
                .isInstanceOf(FileRejectedException.class).hasMessageContaining("3153.41");
        assertThatThrownBy(() -> parse(SAMPLE.replace("`3153.40,`0.00,`0.00,`18.91", "`3153.40,`0.00,`0.00,`18.90")))
                .isInstanceOf(FileRejectedException.class).hasMessageContaining("18.90 yuan fees");
    }

    @Test
    void feeTotalIsTheSumOfFiveDecimalFeesRoundedHalfUp() {
        String twoRows = HEADER + PAYMENT.replace("`0.21000", "`0.00500")
                + PAYMENT.replace("379522803389", "379522803390").replace("`0.21000", "`0.00000");

        assertThat(parse(twoRows + SUMMARY_HEADER + "`2,`70.00,`0.00,`0.00,`0.01,`70.00,`0.00\r\n").records()).hasSize(2);
    }

    @Test
    void fileCutBeforeTheSummaryIsRejectedAsTruncated() {
        String cut = SAMPLE.lines().limit(10).collect(Collectors.joining("\r\n"));

        assertThatThrownBy(() -> parse(cut)).isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("wechat.csv is truncated or corrupt");
    }

    @Test
    void headerOnlyIsEmptyButAZeroSummaryIsAnEmptyDay() {
        assertThatThrownBy(() -> parse(HEADER)).isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("wechat.csv is empty");
        assertThat(parse(HEADER + SUMMARY_HEADER + "`0,`0.00,`0.00,`0.00,`0.00,`0.00,`0.00\r\n").records()).isEmpty();
    }

    @Test
    void unquotedCommaInProductNameIsRecoveredWhenUnambiguous() {
        String text = SAMPLE.replace("`禾木优选玫瑰金戒指,", "`禾木优选,玫瑰金戒指,");

        ParsedFile parsed = parse(text);

        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).hasSize(14);
        assertThat(parsed.records().get(0).attributes()).containsEntry("商品名称", "禾木优选,玫瑰金戒指");
        assertThat(parsed.records().get(0).fee()).isEqualTo(new BigDecimal("0.21000"));
    }

    @Test
    void ambiguousExtraFieldsQuarantineTheRowWhileTheCountStillChecks() {
        String twoCommas = SAMPLE.replace("`禾木优选玫瑰金戒指,", "`禾木,优选,玫瑰金戒指,");
        String notText = SAMPLE.replace("`35.00,`0.00,`0,`0", "`35,00,`0.00,`0,`0");

        for (String text : new String[] {twoCommas, notText}) {
            ParsedFile parsed = parse(text);
            assertThat(parsed.records()).hasSize(13);
            assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(2);
                assertThat(e.message()).contains("fields but the header has 27");
            });
        }
    }

    @Test
    void readsThePre2018LayoutInGbk() {
        String old = "交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
                + "总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,"
                + "商户数据包,手续费,费率\r\n"
                + "`2016-05-10 10:00:00,`wx1,`100,`0,`,`4001,`O1,`u1,`NATIVE,`SUCCESS,`CFT,`CNY,`12.30,`0.00,`0,`0,"
                + "`0.00,`0.00,`,`,`商品,`,`0.07000,`0.60%\r\n"
                + "总交易单数,总交易额,总退款金额,总代金券或立减优惠退款金额,手续费总金额\r\n"
                + "`1,`12.30,`0.00,`0.00,`0.07\r\n";

        ParsedFile parsed = Samples.parse(parser, Samples.gbk("old.csv", old));

        assertThat(parsed.records()).singleElement().satisfies(r -> {
            assertThat(r.orderNo()).isEqualTo("O1");
            assertThat(r.amount()).isEqualTo(new BigDecimal("12.30"));
            assertThat(r.fee()).isEqualTo(new BigDecimal("0.07000"));
        });
    }

    @Test
    void missingColumnRejectsTheFileNamingIt() {
        String header = Arrays.stream(HEADER.strip().split(",")).filter(c -> !c.equals("手续费"))
                .collect(Collectors.joining(","));

        assertThatThrownBy(() -> parse(header + "\r\n" + PAYMENT + SUMMARY_HEADER + "`1,`35.00,`0.00,`0.00,`0.21,`35.00,`0.00\r\n"))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("wechat.csv").hasMessageContaining("手续费");
    }
}
