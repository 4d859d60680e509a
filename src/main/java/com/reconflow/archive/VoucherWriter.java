package com.reconflow.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Writes the voucher of an archived run: one A4 page (more for a run with many decision kinds) in
 * Chinese, with the run's totals, the decisions' totals, who decided and approved, and the hashes
 * that tie it to the workbook and to the archive chain.
 */
final class VoucherWriter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final float MARGIN = 50;
    private static final float BODY = 10;
    private static final List<String> MONEY_FLOW = List.of("ORDER", "PAYMENT", "REFUND", "FEE", "PAYOUT");

    private final VoucherFont font;

    VoucherWriter(VoucherFont font) {
        this.font = font;
    }

    byte[] write(Voucher voucher) {
        ReconciliationReport report = voucher.report();
        try (PDDocument document = new PDDocument(); var out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("对账归档凭证 " + report.businessDate() + " 运行 #" + report.runId());
            info.setCreator("ReconFlow");
            try (Page page = new Page(document, font.load(document))) {
                page.title("对账归档凭证");
                page.line("Reconciliation archive voucher", 8);
                page.gap();

                page.heading("运行");
                page.pair("运行编号", "#" + report.runId());
                page.pair("业务日期", report.businessDate().toString());
                page.pair("数据来源", String.join(", ", report.sources()));
                page.pair("规则版本", orNone(report.rulesVersion()));
                page.pair("归档时间", TIME.format(report.archivedAt()) + "（" + report.archivedAt().getZone().getId() + "）");
                page.pair("归档链序号", String.valueOf(voucher.seq()));
                page.gap();

                var counts = report.counts();
                page.heading("运行合计");
                page.pair("记录数", count(counts.records()));
                page.pair("已匹配记录", count(counts.matched()));
                page.pair("自动处理的匹配", count(counts.autoResolved()));
                page.pair("差异", count(counts.discrepancies()));
                page.pair("未结差异", count(counts.open()));
                page.pair("待后续数据的记录", count(counts.pending()));
                page.pair("待确认的配对建议", count(counts.proposed()));
                page.gap();
                page.row(true, "记录类型", "说明", "笔数", "金额");
                for (var total : byKind(report).values()) {
                    page.row(false, total.kind(), FinanceTerms.recordKind(total.kind()), count(total.records()),
                            money(total.amount()));
                }
                long discrepancies = 0;
                BigDecimal difference = BigDecimal.ZERO;
                for (var total : report.discrepancyTotals()) {
                    discrepancies += total.count();
                    difference = difference.add(orZero(total.difference()));
                }
                page.row(false, "差异", "差异金额合计", count(discrepancies), money(difference));
                page.gap();

                page.heading("处理决定合计");
                page.row(true, "决定", "说明", "笔数", "金额");
                long decisions = 0;
                BigDecimal decided = BigDecimal.ZERO;
                for (var total : report.decisionTotals()) {
                    page.row(false, total.kind(), FinanceTerms.decision(total.kind()), count(total.count()),
                            money(total.amount()));
                    decisions += total.count();
                    decided = decided.add(orZero(total.amount()));
                }
                page.row(true, "合计", "", count(decisions), money(decided));
                page.gap();

                page.heading("经办与复核");
                page.pair("处理人", names(report.deciders()));
                page.pair("复核人", names(report.approvers()));
                page.gap();

                page.heading("完整性（SHA-256）");
                page.pair("工作簿 SHA-256", voucher.reportSha256());
                page.pair("上一链哈希", voucher.prevHash() == null ? "无（链首）" : voucher.prevHash());
                page.pair("本记录哈希", voucher.recordHash());
                page.gap();
                page.line("本记录哈希覆盖归档链序号、运行、业务日期、归档时间、工作簿 SHA-256 及上一链哈希；"
                        + "核验：GET /api/archive/verify", 8);
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the voucher of run #" + report.runId() + " could not be written", e);
        }
    }

    /** The day's records by kind over all sources, in the order money flows: orders, payments, refunds, fees, payouts. */
    private static Map<String, ReconciliationReport.SourceTotal> byKind(ReconciliationReport report) {
        Map<String, ReconciliationReport.SourceTotal> byKind = new TreeMap<>(
                Comparator.comparingInt(VoucherWriter::flowOrder).thenComparing(Comparator.naturalOrder()));
        report.sourceTotals().forEach(t -> byKind.merge(t.kind(), t, (a, b) -> new ReconciliationReport.SourceTotal(
                "", a.kind(), a.records() + b.records(), orZero(a.amount()).add(orZero(b.amount())))));
        return byKind;
    }

    private static int flowOrder(String kind) {
        int at = MONEY_FLOW.indexOf(kind);
        return at < 0 ? MONEY_FLOW.size() : at;
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "无" : String.join("、", names);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "无" : value;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String money(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(orZero(value));
    }

    /** Lines top to bottom on as many A4 pages as they need. */
    private static final class Page implements AutoCloseable {
        private static final float[] COLUMNS = {0, 120, 300, 400};
        private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

        private final PDDocument document;
        private final PDType0Font font;
        private final Map<Integer, Boolean> printable = new HashMap<>();
        private PDPageContentStream content;
        private float y;

        Page(PDDocument document, PDType0Font font) throws IOException {
            this.document = document;
            this.font = font;
            newPage();
        }

        void title(String text) throws IOException {
            text(MARGIN, 18, text);
            y -= 8;
        }

        void heading(String text) throws IOException {
            text(MARGIN, 12, text);
            content.setLineWidth(0.5f);
            content.moveTo(MARGIN, y + 2);
            content.lineTo(MARGIN + WIDTH, y + 2);
            content.stroke();
            y -= 4;
        }

        void line(String text, float size) throws IOException {
            for (String part : wrap(text, WIDTH, size)) {
                text(MARGIN, size, part);
            }
        }

        /** A label and its value beside it, the value wrapped within the page. */
        void pair(String label, String value) throws IOException {
            List<String> parts = wrap(value, WIDTH - COLUMNS[1], BODY);
            for (int i = 0; i < parts.size(); i++) {
                room(BODY + 6);
                if (i == 0) {
                    show(MARGIN, y - BODY, BODY, label);
                }
                show(MARGIN + COLUMNS[1], y - BODY, BODY, parts.get(i));
                y -= BODY + 6;
            }
        }

        /** Four columns: two of text, then a count and an amount set flush right. */
        void row(boolean bold, String kind, String label, String count, String amount) throws IOException {
            room(BODY + 6);
            float size = bold ? BODY + 0.5f : BODY;
            show(MARGIN, y - size, size, kind);
            show(MARGIN + COLUMNS[1], y - size, size, label);
            showRight(MARGIN + COLUMNS[3] - 10, y - size, size, count);
            showRight(MARGIN + WIDTH, y - size, size, amount);
            y -= BODY + 6;
        }

        void gap() {
            y -= 8;
        }

        private void text(float x, float size, String text) throws IOException {
            room(size + 6);
            show(x, y - size, size, text);
            y -= size + 6;
        }

        private void show(float x, float baseline, float size, String text) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, baseline);
            content.showText(printable(text));
            content.endText();
        }

        private void showRight(float right, float baseline, float size, String text) throws IOException {
            String shown = printable(text);
            show(right - font.getStringWidth(shown) / 1000 * size, baseline, size, shown);
        }

        /** The text cut into lines no wider than the width, between any two characters (Chinese has no spaces). */
        private List<String> wrap(String text, float width, float size) throws IOException {
            String shown = printable(text);
            List<String> lines = new ArrayList<>();
            int start = 0;
            float used = 0;
            for (int i = 0; i < shown.length(); ) {
                int cp = shown.codePointAt(i);
                int next = i + Character.charCount(cp);
                float w = font.getStringWidth(shown.substring(i, next)) / 1000 * size;
                if (used + w > width && i > start) {
                    lines.add(shown.substring(start, i));
                    start = i;
                    used = 0;
                }
                used += w;
                i = next;
            }
            lines.add(shown.substring(start));
            return lines;
        }

        /** A name or code with a character the font lacks is shown with "?" there rather than failing the archive. */
        private String printable(String text) {
            StringBuilder shown = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                boolean ok = printable.computeIfAbsent(cp, c -> {
                    if (Character.isISOControl(c)) {
                        return false;
                    }
                    try {
                        font.encode(new String(Character.toChars(c)));
                        return true;
                    } catch (IllegalArgumentException | IOException e) {
                        return false;
                    }
                });
                shown.appendCodePoint(ok ? cp : '?');
            });
            return shown.toString();
        }

        private void room(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        @Override
        public void close() throws IOException {
            content.close();
        }
    }
}
