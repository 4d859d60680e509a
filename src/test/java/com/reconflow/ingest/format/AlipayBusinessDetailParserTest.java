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

class AlipayBusinessDetailParserTest {

    private static final String SAMPLE = Samples.text(Samples.ALIPAY, Samples.GBK);
    private static final String END_MARKER = "#-----------------------------------------业务明细列表结束";
    private static final String REFUND = "2026112022000343930416197347\t,382358352597\t,退款,禾木优选日式抱枕,"
            + "2026-11-20 12:00:00,2026-11-20 12:00:05,\t,\t,\t,\t,ieo***@sina.com\t,-24.00,-24.00,0.00,0.00,0.00,0.00,"
            + "0.00,,0.00,0.00,RF2026112000001\t,0.14,0.00,\r\n";

    private final AlipayBusinessDetailParser parser = new AlipayBusinessDetailParser();

    private ParsedFile parse(String text) {
        return Samples.parse(parser, Samples.gbk("alipay.csv", text));
    }

    @Test
    void readsEveryTradeOfTheGbkSampleAsPayment() {
        ParsedFile parsed = Samples.parse(parser, Samples.sample(Samples.ALIPAY));

        assertThat(parsed.format()).isEqualTo("alipay-business-detail");
        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).hasSize(22).allMatch(r -> r.kind() == RecordKind.PAYMENT);
        CanonicalRecord first = parsed.records().get(0);
        assertThat(first.lineNo()).isEqualTo(6);
        assertThat(first.txnId()).isEqualTo("2026112022000343930416197347");
        assertThat(first.orderNo()).isEqualTo("382358352597");
        assertThat(first.amount()).isEqualTo(new BigDecimal("24.00"));
        assertThat(first.fee()).isEqualTo(new BigDecimal("-0.14"));
        assertThat(first.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T00:03:53+08:00"));
        assertThat(first.paymentMethod()).isEqualTo("alipay");
        assertThat(first.store()).isNull();
        assertThat(first.refundNo()).isNull();
        assertThat(first.rawLine()).startsWith("2026112022000343930416197347\t,382358352597\t,交易,");
        assertThat(first.attributes()).containsEntry("订单金额（元）", "24.00").containsEntry("商品名称", "禾木优选日式抱枕");
        CanonicalRecord store = parsed.records().get(5);
        assertThat(store.lineNo()).isEqualTo(11);
        assertThat(store.orderNo()).isEqualTo("PS0442026112000001");
        assertThat(store.store()).isEqualTo("S044");
        assertThat(store.attributes()).containsEntry("门店名称", "禾木优选（武汉万达广场店）");
        assertThat(parsed.records().get(21).lineNo()).isEqualTo(27);
    }

    @Test
    void readsTheSameBillSavedAsUtf8() {
        ParsedFile parsed = Samples.parse(parser, Samples.utf8("alipay-utf8.csv", SAMPLE));

        assertThat(parsed.records()).hasSize(22);
        assertThat(parsed.records().get(0).orderNo()).isEqualTo("382358352597");
    }

    @Test
    void refundRowBecomesRefundWithPositiveAmountAndItsBatchNumber() {
        String text = SAMPLE.replace(END_MARKER, REFUND + END_MARKER)
                .replace("#退款合计：0笔，商家实收退款共0.00元", "#退款合计：1笔，商家实收退款共-24.00元");

        ParsedFile parsed = parse(text);

        assertThat(parsed.records()).hasSize(23);
        CanonicalRecord refund = parsed.records().get(22);
        assertThat(refund.kind()).isEqualTo(RecordKind.REFUND);
        assertThat(refund.lineNo()).isEqualTo(28);
        assertThat(refund.amount()).isEqualTo(new BigDecimal("24.00"));
        assertThat(refund.refundNo()).isEqualTo("RF2026112000001");
        assertThat(refund.fee()).isEqualTo(new BigDecimal("0.14"));
        assertThat(refund.txnId()).isEqualTo("2026112022000343930416197347");
    }

    @Test
    void footerDisagreeingWithTheRowsRejectsTheFile() {
        assertThatThrownBy(() -> parse(SAMPLE.replace("#交易合计：22笔", "#交易合计：23笔")))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("alipay.csv is truncated or corrupt")
                .hasMessageContaining("footer says 23 trades / 3858.58 yuan")
                .hasMessageContaining("detail has 22 trades / 3858.58 yuan");
        assertThatThrownBy(() -> parse(SAMPLE.replace("商家实收共3858.58元", "商家实收共3858.59元")))
                .isInstanceOf(FileRejectedException.class).hasMessageContaining("3858.59");
        assertThatThrownBy(() -> parse(SAMPLE.replace(END_MARKER, REFUND + END_MARKER)))
                .isInstanceOf(FileRejectedException.class).hasMessageContaining("0 refunds");
    }

    @Test
    void fileWithoutItsFooterIsRejectedAsTruncated() {
        String cut = SAMPLE.lines().limit(20).collect(Collectors.joining("\r\n"));

        assertThatThrownBy(() -> parse(cut)).isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("alipay.csv is truncated or corrupt");
    }

    @Test
    void badAmountIsARowErrorAndTheRowCountStillChecks() {
        String text = SAMPLE.replace(",24.00,24.00,", ",24.00,\"12,34x\",");

        ParsedFile parsed = parse(text);

        assertThat(parsed.records()).hasSize(21);
        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.field()).isEqualTo("商家实收（元）");
            assertThat(e.message()).contains("12,34x");
        });
    }

    @Test
    void missingColumnRejectsTheFileNamingIt() {
        assertThatThrownBy(() -> parse(SAMPLE.replace(",服务费（元）,", ",服务费,")))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("alipay.csv").hasMessageContaining("服务费（元）");
    }

    @Test
    void readsTheDetailMemberOfTheDownloadedZip() throws IOException {
        byte[] zip = zip("20880211096256330156_20261120_业务明细(汇总).csv", "#支付宝业务汇总查询\r\n".getBytes(Samples.GBK),
                "20880211096256330156_20261120_业务明细.csv", Samples.bytes(Samples.ALIPAY));
        ChannelFile file = ChannelFile.ofBytes("20880211096256330156_20261120.csv.zip", zip, Samples.SHANGHAI);

        assertThat(parser.recognises(file)).isTrue();
        ParsedFile parsed = Samples.parse(parser, file);
        assertThat(parsed.records()).hasSize(22);
        assertThat(parsed.records().get(0).lineNo()).isEqualTo(6);
    }

    @Test
    void zipWithoutADetailCsvIsRejected() throws IOException {
        byte[] zip = zip("20880211096256330156_20261120_业务明细(汇总).csv", "#支付宝业务汇总查询\r\n".getBytes(Samples.GBK),
                "readme.txt", "hello".getBytes(Samples.GBK));
        ChannelFile file = ChannelFile.ofBytes("bill.zip", zip, Samples.SHANGHAI);

        assertThat(parser.recognises(file)).isFalse();
        assertThatThrownBy(() -> Samples.parse(parser, file)).isInstanceOf(FileRejectedException.class)
                .hasMessage("bill.zip: zip contains no 业务明细 CSV");
    }

    private static byte[] zip(String name1, byte[] content1, String name2, byte[] content2) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, Samples.GBK)) {
            zip.putNextEntry(new ZipEntry(name1));
            zip.write(content1);
            zip.putNextEntry(new ZipEntry(name2));
            zip.write(content2);
        }
        return out.toByteArray();
    }
}
