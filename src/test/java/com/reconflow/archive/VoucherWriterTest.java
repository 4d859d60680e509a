package com.reconflow.archive;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import com.reconflow.run.RunCounts;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoucherWriterTest {

    private static final String REPORT_SHA = "a".repeat(64);
    private static final String PREV = "b".repeat(64);
    private static final String RECORD = "c".repeat(64);

    private final VoucherWriter writer = new VoucherWriter(VoucherFont.of(new ArchiveProperties("", "", null)));

    @Test
    void theVoucherShowsTheRunsFiguresInChineseWithTheFontEmbedded() throws Exception {
        byte[] pdf = writer.write(new Voucher(report(List.of("finance (Fang Li)", "李会计"), List.of("manager (Wei Zhang)")),
                7, REPORT_SHA, PREV, RECORD));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("对账归档凭证", "运行编号", "#42", "业务日期", "2023-04-03", "规则版本", "2026-11-2",
                    "归档时间", "2023-04-04 18:30:05", "Asia/Shanghai", "归档链序号", "7");
            assertThat(text).contains("记录数", "1,204", "已匹配记录", "1,180");
            assertThat(text).contains("ORDER", "订单", "PAYMENT", "支付", "12,345.60", "12,300.10");
            assertThat(text).contains("处理决定合计", "WRITE_OFF", "核销", "AUTO_RESOLVED", "自动处理", "-45.50", "0.01",
                    "合计", "-45.49");
            assertThat(text).contains("处理人", "finance (Fang Li)", "李会计", "复核人", "manager (Wei Zhang)");
            assertThat(text).contains("工作簿 SHA-256", REPORT_SHA, "上一链哈希", PREV, "本记录哈希", RECORD);

            PDFont font = document.getPage(0).getResources().getFont(
                    document.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).as("a subset: tag + font name").matches("[A-Z]{6}\\+.*");

            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 50);
            assertThat(darkPixels(image)).as("dark pixels of the rendered page").isGreaterThan(2000);
        }
    }

    @Test
    void theFirstArchiveOfTheChainHasNoPreviousHashAndNamesNoApproverItHasNot() throws Exception {
        byte[] pdf = writer.write(new Voucher(report(List.of(), List.of()), 1, REPORT_SHA, null, RECORD));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("上一链哈希 无（链首）", "复核人 无");
        }
    }

    @Test
    void aCharacterTheFontLacksIsShownAsAQuestionMark() throws Exception {
        byte[] pdf = writer.write(new Voucher(report(List.of("clerk\uD83D\uDE00"), List.of()), 2, REPORT_SHA, PREV, RECORD));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("clerk?");
        }
    }

    @Test
    void aFontThatIsNoFontStopsTheStart() throws Exception {
        var notAFont = java.nio.file.Files.createTempFile("not-a-font", ".ttf");
        try {
            java.nio.file.Files.writeString(notAFont, "no font here");
            assertThatThrownBy(() -> VoucherFont.of(new ArchiveProperties(notAFont.toString(), "", null)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("TrueType");
        } finally {
            java.nio.file.Files.delete(notAFont);
        }
    }

    static ReconciliationReport report(List<String> deciders, List<String> approvers) {
        var totals = List.of(
                new ReconciliationReport.SourceTotal("jd", "ORDER", 400, new BigDecimal("5000.00")),
                new ReconciliationReport.SourceTotal("douyin", "ORDER", 202, new BigDecimal("7345.60")),
                new ReconciliationReport.SourceTotal("alipay", "PAYMENT", 602, new BigDecimal("12300.10")));
        var discrepancies = List.of(
                new ReconciliationReport.DiscrepancyTotal("jd", "AMOUNT_MISMATCH", 1, new BigDecimal("-45.50")),
                new ReconciliationReport.DiscrepancyTotal("alipay", "FEE_MISMATCH", 1, new BigDecimal("0.01")));
        var decisions = List.of(
                new ReconciliationReport.DecisionTotal("AUTO_RESOLVED", 1, new BigDecimal("0.01")),
                new ReconciliationReport.DecisionTotal("WRITE_OFF", 1, new BigDecimal("-45.50")));
        return new ReconciliationReport(42, LocalDate.of(2023, 4, 3), List.of("jd", "douyin", "alipay"), "2026-11-2",
                new RunCounts(1204, 1180, 3, 2, 0, 4, 0, 0), totals, discrepancies, decisions,
                new ArrayList<>(deciders), new ArrayList<>(approvers),
                ZonedDateTime.of(2023, 4, 4, 18, 30, 5, 0, ZoneId.of("Asia/Shanghai")));
    }

    private static int darkPixels(BufferedImage image) {
        int dark = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                int luminance = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                if (luminance < 3 * 128) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
