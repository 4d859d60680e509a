package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class AlipayAccountDetailParserTest {

    private static final String SAMPLE = Samples.text(Samples.ALIPAY_ACCOUNT, Samples.GBK);

    private final AlipayAccountDetailParser parser = new AlipayAccountDetailParser();

    private ParsedFile parse(String text) {
        return Samples.parse(parser, Samples.gbk("account.csv", text));
    }

    @Test
    void mapsEachEntryByItsBusinessType() {
        ParsedFile parsed = Samples.parse(parser, Samples.sample(Samples.ALIPAY_ACCOUNT));

        assertThat(parsed.format()).isEqualTo("alipay-account-detail");
        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).extracting(CanonicalRecord::kind).containsExactly(RecordKind.PAYMENT,
                RecordKind.FEE, RecordKind.PAYMENT, RecordKind.FEE, RecordKind.PAYMENT, RecordKind.FEE,
                RecordKind.REFUND, RecordKind.FEE, RecordKind.PAYOUT);
        assertThat(parsed.records()).extracting(CanonicalRecord::lineNo).containsExactly(6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    @Test
    void onlinePaymentIsAPaymentKeyedByTheBusinessNumber() {
        CanonicalRecord payment = Samples.parse(parser, Samples.sample(Samples.ALIPAY_ACCOUNT)).records().get(0);

        assertThat(payment.txnId()).isEqualTo("2026112022000343930416197347");
        assertThat(payment.orderNo()).isEqualTo("382358352597");
        assertThat(payment.amount()).isEqualTo(new BigDecimal("24.00"));
        assertThat(payment.fee()).isNull();
        assertThat(payment.paymentMethod()).isEqualTo("alipay");
        assertThat(payment.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T00:03:53+08:00"));
        assertThat(payment.rawLine()).startsWith("20261120110070101500340000000101\t,");
        assertThat(payment.attributes()).containsEntry("账务流水号", "20261120110070101500340000000101")
                .containsEntry("账户余额（元）", "10024.00").containsEntry("业务类型", "在线支付");
    }

    @Test
    void chargedFeeIsAPositiveAmountWithANegativeFeeAndAReturnedFeeAPositiveOne() {
        ParsedFile parsed = Samples.parse(parser, Samples.sample(Samples.ALIPAY_ACCOUNT));
        CanonicalRecord charged = parsed.records().get(1);
        CanonicalRecord returned = parsed.records().get(7);

        assertThat(charged.amount()).isEqualTo(new BigDecimal("0.14"));
        assertThat(charged.fee()).isEqualTo(new BigDecimal("-0.14"));
        assertThat(charged.orderNo()).isEqualTo("382358352597");
        assertThat(charged.txnId()).isEqualTo("20261120110070101500340000000102");
        assertThat(charged.attributes()).containsEntry("业务流水号", "2026112022000343930416197347")
                .containsEntry("支出金额（-元）", "-0.14");
        assertThat(returned.amount()).isEqualTo(new BigDecimal("0.14"));
        assertThat(returned.fee()).isEqualTo(new BigDecimal("0.14"));
        assertThat(returned.txnId()).isNotEqualTo(charged.txnId());
    }

    @Test
    void refundAndWithdrawalAreTheExpense() {
        ParsedFile parsed = Samples.parse(parser, Samples.sample(Samples.ALIPAY_ACCOUNT));
        CanonicalRecord refund = parsed.records().get(6);
        CanonicalRecord payout = parsed.records().get(8);

        assertThat(refund.amount()).isEqualTo(new BigDecimal("24.00"));
        assertThat(refund.txnId()).isEqualTo("2026112022000343930416197347");
        assertThat(refund.orderNo()).isEqualTo("382358352597");
        assertThat(refund.refundNo()).isEqualTo("20261120110070101500340000000107");
        assertThat(payout.amount()).isEqualTo(new BigDecimal("5000.00"));
        assertThat(payout.txnId()).isEqualTo("20261120200040011100340055667788");
        assertThat(payout.orderNo()).isNull();
        assertThat(payout.attributes()).containsEntry("对方账号", "招商银行(6688)");
    }

    @Test
    void readsTheBillSavedAsUtf8AndExpensesWrittenWithoutMinus() {
        String unsigned = SAMPLE.replace(",-", ",").replace("共-5025.00元", "共5025.00元");

        ParsedFile parsed = Samples.parse(parser, Samples.utf8("account-utf8.csv", unsigned));

        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).hasSize(9);
        assertThat(parsed.records().get(1).fee()).isEqualTo(new BigDecimal("-0.14"));
        assertThat(parsed.records().get(8).amount()).isEqualTo(new BigDecimal("5000.00"));
    }

    @Test
    void unknownBusinessTypeIsARowErrorNamingItWhileTheCountStillChecks() {
        ParsedFile parsed = parse(SAMPLE.replace(",提现,", ",转账,"));

        assertThat(parsed.records()).hasSize(8);
        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(14);
            assertThat(e.field()).isEqualTo("业务类型");
            assertThat(e.message()).contains("'转账'");
        });
    }

    @Test
    void paymentBookedAsAnExpenseIsARowError() {
        ParsedFile parsed = parse(SAMPLE.replace("ieo***@sina.com\t,24.00,,10024.00", "ieo***@sina.com\t,,-24.00,10024.00"));

        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.field()).isEqualTo("收入金额（+元）");
            assertThat(e.message()).contains("在线支付", "收入金额（+元）");
        });
    }

    @Test
    void badAmountIsARowErrorWithItsField() {
        ParsedFile parsed = parse(SAMPLE.replace(",50.90,,", ",\"12,34x\",,"));

        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.field()).isEqualTo("收入金额（+元）");
            assertThat(e.message()).contains("12,34x");
        });
    }

    @Test
    void footerDisagreeingWithTheRowsRejectsTheFile() {
        assertThatThrownBy(() -> parse(SAMPLE.replace("#收入合计：4笔", "#收入合计：5笔")))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("account.csv is truncated or corrupt")
                .hasMessageContaining("footer says 5 expenses / 5025.00 yuan and 5 incomes / 165.94 yuan")
                .hasMessageContaining("detail has 5 expenses / 5025.00 yuan and 4 incomes / 165.94 yuan");
        assertThatThrownBy(() -> parse(SAMPLE.replace("共-5025.00元", "共-5025.01元")))
                .isInstanceOf(FileRejectedException.class).hasMessageContaining("5025.01");
        assertThatThrownBy(() -> parse(SAMPLE.replace(",-5000.00,", ",-5000.10,")))
                .isInstanceOf(FileRejectedException.class).hasMessageContaining("5025.10");
    }

    @Test
    void fileWithoutItsFooterIsRejectedAsTruncated() {
        String cut = SAMPLE.lines().limit(12).collect(Collectors.joining("\r\n"));

        assertThatThrownBy(() -> parse(cut)).isInstanceOf(FileRejectedException.class)
                .hasMessage("account.csv is truncated or corrupt: the footer totals (#支出合计, #收入合计) are missing");
        assertThatThrownBy(() -> parse(SAMPLE.lines().limit(5).collect(Collectors.joining("\r\n"))))
                .isInstanceOf(FileRejectedException.class).hasMessage("account.csv is empty");
    }

    @Test
    void missingColumnRejectsTheFileNamingIt() {
        assertThatThrownBy(() -> parse(SAMPLE.replace(",业务类型,", ",类型,")))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("account.csv").hasMessageContaining("业务类型");
    }

    @Test
    void readsTheAccountMemberOfTheDownloadedZip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, Samples.GBK)) {
            zip.putNextEntry(new ZipEntry("20880211096256330156_20261120_账务明细(汇总).csv"));
            zip.write("#支付宝账务汇总查询\r\n".getBytes(Samples.GBK));
            zip.putNextEntry(new ZipEntry("20880211096256330156_20261120_账务明细.csv"));
            zip.write(Samples.bytes(Samples.ALIPAY_ACCOUNT));
        }
        ChannelFile file = ChannelFile.ofBytes("20880211096256330156_20261120.csv.zip", out.toByteArray(),
                Samples.SHANGHAI);

        assertThat(parser.recognises(file)).isTrue();
        assertThat(new AlipayBusinessDetailParser().recognises(file)).isFalse();
        ParsedFile parsed = Samples.parse(parser, file);
        assertThat(parsed.records()).hasSize(9);
        assertThat(parsed.records().get(0).lineNo()).isEqualTo(6);
    }
}
