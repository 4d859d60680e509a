package com.reconflow.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.reconflow.review.Discrepancy;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Writes a run's report as an Excel workbook: a summary sheet and one row per discrepancy. */
final class ReportWriter {

    static final String SUMMARY_SHEET = "Summary";
    static final String DISCREPANCY_SHEET = "Discrepancies";
    static final List<String> DISCREPANCY_HEADER = List.of("ID", "Type", "Source", "Counter source", "Order no.",
            "Transaction id", "Expected", "Actual", "Difference", "Status", "Decision", "Comment", "Decided by",
            "Decided at");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    byte[] write(ReconciliationReport report) {
        try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            writeSummary(workbook.createSheet(SUMMARY_SHEET), report, styles);
            writeDiscrepancies(workbook.createSheet(DISCREPANCY_SHEET), report, styles);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("report of run #" + report.runId() + " could not be written", e);
        }
    }

    private void writeSummary(Sheet sheet, ReconciliationReport report, Styles styles) {
        var rows = new RowWriter(sheet);
        rows.next().text("Reconciliation report", styles.bold);
        rows.next().text("Business date").text(report.businessDate().toString());
        rows.next().text("Run").number(report.runId());
        rows.next().text("Sources").text(String.join(", ", report.sources()));
        rows.next().text("Records").number(report.counts().records());
        rows.next().text("Records matched").number(report.counts().matched());
        rows.next().text("Discrepancies").number(report.counts().discrepancies());
        rows.next().text("Discrepancies open").number(report.counts().open());
        rows.next().text("Generated at").text(TIME.format(report.generatedAt()));
        rows.next();

        rows.next().text("Source", styles.bold).text("Kind", styles.bold).text("Records", styles.bold)
                .text("Amount", styles.bold);
        for (var total : report.sourceTotals()) {
            rows.next().text(total.source()).text(total.kind()).number(total.records())
                    .money(total.amount(), styles.money);
        }
        rows.next();

        rows.next().text("Discrepancy type", styles.bold).text("Count", styles.bold)
                .text("Difference", styles.bold);
        Map<String, List<Discrepancy>> byType = report.discrepancies().stream()
                .collect(Collectors.groupingBy(Discrepancy::type, TreeMap::new, Collectors.toList()));
        byType.forEach((type, list) -> rows.next().text(type).number(list.size())
                .money(list.stream().map(Discrepancy::difference).reduce(BigDecimal.ZERO, BigDecimal::add),
                        styles.money));
        sheet.setColumnWidth(0, 24 * 256);
        sheet.setColumnWidth(1, 40 * 256);
    }

    private void writeDiscrepancies(Sheet sheet, ReconciliationReport report, Styles styles) {
        var rows = new RowWriter(sheet);
        RowWriter header = rows.next();
        DISCREPANCY_HEADER.forEach(title -> header.text(title, styles.bold));
        for (Discrepancy d : report.discrepancies()) {
            rows.next().number(d.id()).text(d.type()).text(d.source()).text(d.counterSource())
                    .text(d.orderNo()).text(d.txnId())
                    .money(d.expected(), styles.money).money(d.actual(), styles.money)
                    .money(d.difference(), styles.money)
                    .text(d.status().name()).text(d.decision()).text(d.comment()).text(d.decidedBy())
                    .text(d.decidedAt() == null ? null
                            : TIME.format(d.decidedAt().atZone(report.generatedAt().getZone())));
        }
        sheet.createFreezePane(0, 1);
        for (int i = 0; i < DISCREPANCY_HEADER.size(); i++) {
            sheet.setColumnWidth(i, 18 * 256);
        }
    }

    private static final class Styles {
        final CellStyle bold;
        final CellStyle money;

        Styles(XSSFWorkbook workbook) {
            Font font = workbook.createFont();
            font.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(font);
            money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
        }
    }

    /** Appends rows, and cells left to right within a row. */
    private static final class RowWriter {
        private final Sheet sheet;
        private Row row;
        private int column;

        RowWriter(Sheet sheet) {
            this.sheet = sheet;
        }

        RowWriter next() {
            row = sheet.createRow(row == null ? 0 : row.getRowNum() + 1);
            column = 0;
            return this;
        }

        RowWriter text(String value) {
            return text(value, null);
        }

        RowWriter text(String value, CellStyle style) {
            Cell cell = row.createCell(column++);
            if (value != null) {
                cell.setCellValue(value);
            }
            if (style != null) {
                cell.setCellStyle(style);
            }
            return this;
        }

        RowWriter number(long value) {
            row.createCell(column++).setCellValue(value);
            return this;
        }

        /** Excel keeps numbers as doubles; two decimals of yuan are exact enough to show, never to compute. */
        RowWriter money(BigDecimal value, CellStyle style) {
            Cell cell = row.createCell(column++);
            if (value != null) {
                cell.setCellValue(value.doubleValue());
                cell.setCellStyle(style);
            }
            return this;
        }
    }
}
