package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reconflow.ingest.FileRejectedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {

    private final FormatDetector detector = new FormatDetector(FormatDetector.all());

    @ParameterizedTest
    @CsvSource({
        "wechatpay_tradebill_ALL_20261120.csv, wechatpay-tradebill",
        "alipay_business_detail_20261120.csv, alipay-business-detail",
        "alipay_account_detail_20261120.csv, alipay-account-detail",
        "jd_settlement_20261120.csv, jd-settlement",
        "douyin_settlement_20261120.csv, douyin-settlement",
        "ExportOrderList_20261120.csv, taobao-order-export",
        "unionpay_20261120.csv, card-acquirer",
        "jd_orders_20261120.csv, channel-orders",
        "douyin_orders_20261120.csv, channel-orders",
        "mp_orders_20261120.csv, channel-orders",
        "pos_sales_20261120.csv, channel-orders"})
    void picksTheParserByContentWhateverTheFileName(String sample, String formatId) {
        ChannelFile file = ChannelFile.ofBytes("upload.bin", Samples.bytes(sample), Samples.SHANGHAI);

        ChannelFileParser parser = detector.detect(file);

        assertThat(parser.formatId()).isEqualTo(formatId);
        assertThat(Samples.parse(parser, file).records()).isNotEmpty();
    }

    @Test
    void picksAlipayForTheDownloadedZip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, Samples.GBK)) {
            zip.putNextEntry(new ZipEntry("20880211096256330156_20261120_业务明细.csv"));
            zip.write(Samples.bytes(Samples.ALIPAY));
        }

        ChannelFile file = ChannelFile.ofBytes("download", out.toByteArray(), Samples.SHANGHAI);

        assertThat(detector.detect(file).formatId()).isEqualTo("alipay-business-detail");
    }

    @Test
    void rejectsAnUnknownLayoutShowingItsFirstLine() {
        ChannelFile file = Samples.utf8("mystery.csv", "date,amount,memo\n2026-11-20,1.00,x\n");

        assertThatThrownBy(() -> detector.detect(file)).isInstanceOf(FileRejectedException.class)
                .hasMessage("file mystery.csv: unknown layout, first line: date,amount,memo");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> detector.detect(Samples.utf8("empty.csv", "")))
                .isInstanceOf(FileRejectedException.class).hasMessageContaining("empty.csv is empty");
    }

    @Test
    void findsParsersByFormatId() {
        assertThat(detector.byId("card-acquirer")).isInstanceOf(CardAcquirerParser.class);
        assertThat(detector.byId("camt053")).isInstanceOf(Camt053Parser.class);
        assertThatThrownBy(() -> detector.byId("bai2")).isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("unknown format id 'bai2'");
    }

    @Test
    void listsOneParserPerFormat() {
        assertThat(FormatDetector.all()).extracting(ChannelFileParser::formatId).containsExactlyInAnyOrder(
                "channel-orders", "wechatpay-tradebill", "alipay-business-detail", "alipay-account-detail", "taobao-order-export",
                "card-acquirer", "camt053", "mt940", "jd-settlement", "douyin-settlement");
    }
}
