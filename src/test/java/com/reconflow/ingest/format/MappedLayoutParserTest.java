package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedLayoutParserTest {

    private static final String JD = "jd_settlement_20261120.csv";
    private static final String DOUYIN = "douyin_settlement_20261120.csv";

    private final FormatDetector detector = FormatDetector.standard();

    @TempDir
    Path dir;

    private ParsedFile detectAndParse(ChannelFile file) {
        return Samples.parse(detector.detect(file), file);
    }

    @Test
    void jdSettlementGivesPaymentsFeesAndRefundsByFeeItemAndDirection() {
        ChannelFile file = ChannelFile.ofBytes("upload.csv", Samples.bytes(JD), Samples.SHANGHAI);

        assertThat(detector.detect(file).formatId()).isEqualTo("jd-settlement");
        ParsedFile parsed = detectAndParse(file);

        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).extracting(CanonicalRecord::kind, CanonicalRecord::amount, CanonicalRecord::fee)
                .containsExactly(
                        tuple(RecordKind.PAYMENT, new BigDecimal("24.00"), null),
                        tuple(RecordKind.FEE, new BigDecimal("1.20"), new BigDecimal("-1.20")),
                        tuple(RecordKind.FEE, new BigDecimal("0.24"), new BigDecimal("-0.24")),
                        tuple(RecordKind.PAYMENT, new BigDecimal("50.90"), null),
                        tuple(RecordKind.FEE, new BigDecimal("2.55"), new BigDecimal("-2.55")),
                        tuple(RecordKind.PAYMENT, new BigDecimal("1204.00"), null),
                        tuple(RecordKind.REFUND, new BigDecimal("35.00"), null),
                        tuple(RecordKind.FEE, new BigDecimal("1.75"), new BigDecimal("1.75")));
        CanonicalRecord payment = parsed.records().get(0);
        assertThat(payment.orderNo()).isEqualTo("382358352597");
        assertThat(payment.txnId()).isEqualTo("382358352597/货款");
        assertThat(payment.refundNo()).isNull();
        assertThat(payment.status()).isEqualTo("SUCCESS");
        assertThat(payment.paymentMethod()).isEqualTo("jd");
        assertThat(payment.currency()).isEqualTo("CNY");
        assertThat(payment.lineNo()).isEqualTo(2);
        assertThat(payment.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T10:00:00+08:00"));
        assertThat(payment.businessDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(payment.attributes()).containsEntry("商户订单号", "JDM382358352597").containsEntry("费用项", "货款")
                .containsEntry("收支方向", "收入").containsEntry("结算状态", "已结算").containsEntry("商品名称", "禾木优选日式抱枕")
                .doesNotContainKeys("订单编号", "金额", "结算时间");
        assertThat(parsed.records().get(1).txnId()).isEqualTo("382358352597/佣金");
        assertThat(parsed.records().get(5).status()).isEqualTo("PENDING");
        assertThat(parsed.records().get(5).attributes()).containsEntry("商品名称", "禾木优选羊绒围巾,礼盒装");
        assertThat(parsed.records().get(6).refundNo()).isEqualTo("379522803389/货款/2026-11-20 16:00:00");
    }

    @Test
    void jdRowsNoRuleOrValueMapCoversAreQuarantinedNamingTheValue() {
        String text = Samples.text(JD, Samples.GBK)
                .replace("已结算,平台服务费,支出,0.24", "已结算,广告费,支出,0.24")
                .replace("已结算,佣金,支出,2.55", "已结算,佣金,转出,2.55")
                .replace("待结算,货款", "冻结,货款");

        ParsedFile parsed = Samples.parse(detector.byId("jd-settlement"), Samples.gbk("jd.csv", text));

        assertThat(parsed.records()).hasSize(5);
        assertThat(parsed.rejectedRows()).extracting(e -> e.line(), e -> e.field()).containsExactly(
                tuple(4, "费用项"), tuple(6, "收支方向"), tuple(7, "结算状态"));
        assertThat(parsed.rejectedRows().get(0).message())
                .isEqualTo("no kind rule of jd-settlement matches 费用项 '广告费', 收支方向 '支出', amount -0.24");
        assertThat(parsed.rejectedRows().get(1).message()).contains("收支方向 '转出' is not one of 收入 (income) or 支出");
        assertThat(parsed.rejectedRows().get(2).message()).contains("结算状态 '冻结' is not one of");
    }

    @Test
    void badAmountAndTimeAreRowErrorsWithTheirColumn() {
        String text = Samples.text(JD, Samples.GBK).replace(",24.00,", ",\"12,34x\",")
                .replace("50.90,2026-11-20 10:00:00", "50.90,2026-11-31 10:00:00");

        ParsedFile parsed = Samples.parse(detector.byId("jd-settlement"), Samples.gbk("jd.csv", text));

        assertThat(parsed.rejectedRows()).extracting(e -> e.line(), e -> e.field())
                .containsExactly(tuple(2, "金额"), tuple(5, "结算时间"));
        assertThat(parsed.rejectedRows().get(0).message()).contains("12,34x");
        assertThat(parsed.rejectedRows().get(1).message()).contains("2026-11-31 10:00:00", "yyyy-MM-dd HH:mm:ss");
    }

    @Test
    void fileLackingAMappedColumnIsRejectedNamingIt() {
        String text = Samples.text(JD, Samples.GBK).replace(",结算时间,", ",时间,");

        assertThatThrownBy(() -> Samples.parse(detector.byId("jd-settlement"), Samples.gbk("jd.csv", text)))
                .isInstanceOf(FileRejectedException.class)
                .hasMessage("jd.csv: header lacks required column(s) 结算时间");
    }

    @Test
    void douyinSettlementGivesOnePaymentPerSubOrderAndRefundsForNegativeAmounts() {
        ChannelFile file = Samples.sample(DOUYIN);

        assertThat(detector.detect(file).formatId()).isEqualTo("douyin-settlement");
        ParsedFile parsed = detectAndParse(file);

        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).extracting(CanonicalRecord::kind).containsExactly(RecordKind.PAYMENT,
                RecordKind.PAYMENT, RecordKind.PAYMENT, RecordKind.PAYMENT, RecordKind.REFUND);
        CanonicalRecord first = parsed.records().get(0);
        assertThat(first.orderNo()).isEqualTo("6976673417707389116");
        assertThat(first.txnId()).isEqualTo("JS20261120000001/6976673417707389117");
        assertThat(first.amount()).isEqualTo(new BigDecimal("107.00"));
        assertThat(first.fee()).isEqualTo(new BigDecimal("6.42"));
        assertThat(first.paymentMethod()).isEqualTo("douyin");
        assertThat(first.attributes()).containsOnlyKeys("结算单号", "子订单号", "平台服务费", "佣金")
                .containsEntry("佣金", "5.35");
        CanonicalRecord refund = parsed.records().get(4);
        assertThat(refund.amount()).isEqualTo(new BigDecimal("50.00"));
        assertThat(refund.fee()).isEqualTo(new BigDecimal("-3.00"));
        assertThat(refund.refundNo()).isEqualTo("JS20261120000002/6959687723057244012");
        assertThat(refund.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T23:30:00+08:00"));
    }

    @Test
    void douyinSettlementAsXlsxReadsTheSame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet();
            String[][] rows = {
                {"结算单号", "订单号", "子订单号", "商家实收", "平台服务费", "佣金", "结算时间"},
                {"JS20261120000001", "6976673417707389116", "6976673417707389117", "107.00", "1.07", "5.35",
                    "2026-11-20 23:00:00"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int i = 0; i < rows[r].length; i++) {
                    row.createCell(i).setCellValue(rows[r][i]);
                }
            }
            sheet.getRow(1).getCell(3).setCellValue(107); // a numeric amount cell
            wb.write(out);
        }
        ChannelFile file = ChannelFile.ofBytes("settlement.xlsx", out.toByteArray(), Samples.SHANGHAI);

        assertThat(detector.detect(file).formatId()).isEqualTo("douyin-settlement");
        assertThat(detectAndParse(file).records()).singleElement().satisfies(r -> {
            assertThat(r.amount()).isEqualTo(new BigDecimal("107.00"));
            assertThat(r.fee()).isEqualTo(new BigDecimal("6.42"));
            assertThat(r.lineNo()).isEqualTo(2);
        });
    }

    @Test
    void mappingFromAFolderReadsAGbkBankExportWithPreambleSignsAndOwnDatePattern() throws IOException {
        Files.writeString(dir.resolve("bank-credits.yaml"), """
                format: bank-credits
                recognise: [交易流水号, 收入金额, 支出金额]
                encoding: GBK
                skipLines: 2
                datePattern: yyyy/MM/dd HH:mm
                kind:
                  - amountSign: positive
                    is: PAYOUT
                fields:
                  txnId: 交易流水号
                  amount: { income: 收入金额, expense: 支出金额 }
                  occurredAt: 交易时间
                  businessDate: { column: 记账日期, pattern: yyyyMMdd }
                  currency: { column: 币种, values: { 人民币: CNY } }
                attributes: none
                """, StandardCharsets.UTF_8);
        String export = "账户明细查询\r\n账号：6222 0000 1111\r\n"
                + "交易流水号,交易时间,记账日期,收入金额,支出金额,币种,摘要\r\n"
                + "B0001\t,2026/11/21 09:30,20261121,\"￥3,858.58\",,人民币,支付宝结算\r\n"
                + "B0002\t,2026/11/21 09:31,20261121,,\"12.00\",人民币,手续费\r\n";
        ChannelFile file = Samples.gbk("statement.csv", export);
        FormatDetector withFolder = FormatDetector.withMappings(dir);

        assertThat(withFolder.formatIds()).contains("bank-credits", "jd-settlement", "channel-orders");
        ParsedFile parsed = Samples.parse(withFolder.detect(file), file);

        assertThat(parsed.records()).as(parsed.rejectedRows().toString()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RecordKind.PAYOUT);
            assertThat(r.txnId()).isEqualTo("B0001");
            assertThat(r.amount()).isEqualTo(new BigDecimal("3858.58"));
            assertThat(r.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-21T09:30:00+08:00"));
            assertThat(r.businessDate()).isEqualTo(LocalDate.of(2026, 11, 21));
            assertThat(r.attributes()).isEmpty();
            assertThat(r.lineNo()).isEqualTo(4);
        });
        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.message()).isEqualTo("no kind rule of bank-credits matches amount -12.00");
        });
    }

    @Test
    void shippedMappingsDoNotChangeWhatTheBuiltInSamplesAreDetectedAs() {
        for (String sample : new String[] {Samples.JD, Samples.DOUYIN, Samples.TMALL, Samples.ALIPAY,
                Samples.ALIPAY_ACCOUNT, Samples.WECHAT, Samples.CARD}) {
            assertThat(detector.detect(Samples.sample(sample))).as(sample).isNotInstanceOf(MappedLayoutParser.class);
        }
    }
}
