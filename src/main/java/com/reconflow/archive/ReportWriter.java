package com.reconflow.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a run's workbook for finance: 汇总 (summary), 匹配明细 (matches), 差异明细 (discrepancies
 * with their decisions) and 结转事项 (carried items). The workbook streams: only a window of rows is
 * in memory, the rest goes to compressed temporary files, so a million matches fit in a small heap.
 * A sheet holds at most 1,048,576 rows; details beyond continue on a sheet "匹配明细 2" and so on.
 */
final class ReportWriter {

    static final String SUMMARY_SHEET = "汇总";
    static final String MATCH_SHEET = "匹配明细";
    static final String DISCREPANCY_SHEET = "差异明细";
    static final String CARRIED_SHEET = "结转事项";

    static final List<String> MATCH_HEADER = List.of("匹配类型", "规则", "订单号", "订单来源", "订单金额",
            "对方记录类型", "支付流水号", "退款单号", "对方来源", "对方金额", "匹配依据");
    static final List<String> DISCREPANCY_HEADER = List.of("编号", "差异代码", "规则", "来源", "对方来源", "订单号",
            "支付流水号", "预期金额", "实际金额", "差异金额", "状态", "优先级", "处理决定", "处理说明", "处理人",
            "处理时间", "复核人", "复核时间", "自动处理规则", "结转时间", "过账类型", "过账金额", "过账时间");
    static final List<String> CARRIED_HEADER = List.of("原运行业务日期", "原运行编号", "差异编号", "差异代码", "来源",
            "订单号", "支付流水号", "差异金额", "状态", "结转时间", "结转于");

    private static final int ROWS_IN_MEMORY = 200;

    private final int maxRowsPerSheet;

    ReportWriter() {
        this(SpreadsheetVersion.EXCEL2007.getMaxRows());
    }

    /** With fewer rows per sheet, for tests of the continuation sheets. */
    ReportWriter(int maxRowsPerSheet) {
        this.maxRowsPerSheet = maxRowsPerSheet;
    }

    void write(ReconciliationReport report, ReportRows rows, OutputStream out) {
        try (var workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
            workbook.setCompressTempFiles(true);
            Styles styles = new Styles(workbook);
            ZoneId zone = report.archivedAt().getZone();
            writeSummary(workbook.createSheet(SUMMARY_SHEET), report, styles);

            var matches = new DetailSheet(workbook, MATCH_SHEET, MATCH_HEADER, styles);
            rows.matches(m -> matches.next().text(m.kind()).text(m.ruleId()).text(m.orderNo()).text(m.orderSource())
                    .money(m.orderAmount()).text(m.counterKind()).text(m.txnId()).text(m.refundNo())
                    .text(m.counterSource()).money(m.counterAmount()).text(m.basis()));

            var discrepancies = new DetailSheet(workbook, DISCREPANCY_SHEET, DISCREPANCY_HEADER, styles);
            rows.discrepancies(d -> discrepancies.next().number(d.id()).text(d.type()).text(d.ruleId())
                    .text(d.source()).text(d.counterSource()).text(d.orderNo()).text(d.txnId())
                    .money(d.expected()).money(d.actual()).money(d.difference()).text(d.status())
                    .number(d.priority()).text(d.decision()).text(d.comment()).text(d.decidedBy())
                    .time(d.decidedAt(), zone).text(d.approvedBy()).time(d.approvedAt(), zone)
                    .text(d.resolutionRule()).time(d.carriedAt(), zone).text(d.postingKind())
                    .money(d.postingAmount()).time(d.postedAt(), zone));

            var carried = new DetailSheet(workbook, CARRIED_SHEET, CARRIED_HEADER, styles);
            rows.carried(c -> carried.next().date(c.runDate()).number(c.runId()).number(c.id()).text(c.type())
                    .text(c.source()).text(c.orderNo()).text(c.txnId()).money(c.difference()).text(c.status())
                    .time(c.carriedAt(), zone).text(c.thisRun() ? "本次运行" : "以前运行，仍未结"));

            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("the workbook of run #" + report.runId() + " could not be written", e);
        }
    }

    private void writeSummary(Sheet sheet, ReconciliationReport report, Styles styles) {
        var rows = new Cells(sheet, styles);
        rows.next().text("对账归档报告", styles.title);
        rows.next().text("业务日期").date(report.businessDate());
        rows.next().text("运行编号").number(report.runId());
        rows.next().text("数据来源").text(String.join(", ", report.sources()));
        rows.next().text("规则版本").text(report.rulesVersion());
        rows.next().text("归档时间").time(report.archivedAt().toInstant(), report.archivedAt().getZone())
                .text("时区 " + report.archivedAt().getZone().getId());
        rows.next();

        var counts = report.counts();
        rows.next().text("运行计数", styles.bold);
        rows.next().text("记录数").number(counts.records());
        rows.next().text("已匹配记录").number(counts.matched());
        rows.next().text("自动处理的匹配（舍入、时间性）").number(counts.autoResolved());
        rows.next().text("差异（不含已取代）").number(counts.discrepancies());
        rows.next().text("未结差异").number(counts.open());
        rows.next().text("待后续数据的记录").number(counts.pending());
        rows.next().text("待确认的配对建议").number(counts.proposed());
        rows.next();

        rows.next().text("按来源及记录类型", styles.bold);
        rows.next().text("来源", styles.bold).text("记录类型", styles.bold).text("说明", styles.bold)
                .text("笔数", styles.bold).text("金额", styles.bold);
        for (var total : report.sourceTotals()) {
            rows.next().text(total.source()).text(total.kind()).text(FinanceTerms.recordKind(total.kind()))
                    .number(total.records()).money(total.amount());
        }
        rows.next();

        rows.next().text("差异按来源及代码", styles.bold);
        rows.next().text("来源", styles.bold).text("差异代码", styles.bold).text("说明", styles.bold)
                .text("笔数", styles.bold).text("差异金额", styles.bold);
        long discrepancyCount = 0;
        BigDecimal discrepancySum = BigDecimal.ZERO.setScale(2);
        for (var total : report.discrepancyTotals()) {
            rows.next().text(total.source()).text(total.code()).text(FinanceTerms.discrepancy(total.code()))
                    .number(total.count()).money(total.difference());
            discrepancyCount += total.count();
            discrepancySum = discrepancySum.add(orZero(total.difference()));
        }
        rows.next().text("合计", styles.bold).text(null).text(null).number(discrepancyCount).money(discrepancySum);
        rows.next();

        rows.next().text("处理决定", styles.bold);
        rows.next().text("决定", styles.bold).text("说明", styles.bold).text("笔数", styles.bold)
                .text("金额", styles.bold);
        long decisionCount = 0;
        BigDecimal decisionSum = BigDecimal.ZERO.setScale(2);
        for (var total : report.decisionTotals()) {
            rows.next().text(total.kind()).text(FinanceTerms.decision(total.kind())).number(total.count())
                    .money(total.amount());
            decisionCount += total.count();
            decisionSum = decisionSum.add(orZero(total.amount()));
        }
        rows.next().text("合计", styles.bold).text(null).number(decisionCount).money(decisionSum);
        rows.next().text("金额：已过账的决定为过账金额，其余为所决定差异的金额。");

        sheet.setColumnWidth(0, 30 * 256);
        sheet.setColumnWidth(1, 26 * 256);
        sheet.setColumnWidth(2, 20 * 256);
        sheet.setColumnWidth(3, 12 * 256);
        sheet.setColumnWidth(4, 18 * 256);
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** A detail sheet with its header, continued on a further sheet when one is full. */
    private final class DetailSheet {
        private final SXSSFWorkbook workbook;
        private final String name;
        private final List<String> header;
        private final Styles styles;
        private int sheets;
        private Cells cells;
        private int rowsOnSheet;

        DetailSheet(SXSSFWorkbook workbook, String name, List<String> header, Styles styles) {
            this.workbook = workbook;
            this.name = name;
            this.header = header;
            this.styles = styles;
            startSheet();
        }

        Cells next() {
            if (rowsOnSheet == maxRowsPerSheet) {
                startSheet();
            }
            rowsOnSheet++;
            return cells.next();
        }

        private void startSheet() {
            sheets++;
            Sheet sheet = workbook.createSheet(sheets == 1 ? name : name + " " + sheets);
            cells = new Cells(sheet, styles);
            Cells title = cells.next();
            header.forEach(h -> title.text(h, styles.bold));
            rowsOnSheet = 1;
            sheet.createFreezePane(0, 1);
            for (int i = 0; i < header.size(); i++) {
                sheet.setColumnWidth(i, 16 * 256);
            }
        }
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle bold;
        final CellStyle money;
        final CellStyle date;
        final CellStyle time;

        Styles(SXSSFWorkbook workbook) {
            DataFormat formats = workbook.createDataFormat();
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(boldFont);
            Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(titleFont);
            money = workbook.createCellStyle();
            money.setDataFormat(formats.getFormat("#,##0.00"));
            date = workbook.createCellStyle();
            date.setDataFormat(formats.getFormat("yyyy-mm-dd"));
            time = workbook.createCellStyle();
            time.setDataFormat(formats.getFormat("yyyy-mm-dd hh:mm:ss"));
        }
    }

    /** Appends rows to a sheet, and cells left to right within a row. */
    private static final class Cells {
        private final Sheet sheet;
        private final Styles styles;
        private Row row;
        private int column;

        Cells(Sheet sheet, Styles styles) {
            this.sheet = sheet;
            this.styles = styles;
        }

        Cells next() {
            row = sheet.createRow(row == null ? 0 : row.getRowNum() + 1);
            column = 0;
            return this;
        }

        Cells text(String value) {
            return text(value, null);
        }

        Cells text(String value, CellStyle style) {
            Cell cell = row.createCell(column++);
            if (value != null) {
                cell.setCellValue(value);
            }
            if (style != null) {
                cell.setCellStyle(style);
            }
            return this;
        }

        Cells number(Number value) {
            Cell cell = row.createCell(column++);
            if (value != null) {
                cell.setCellValue(value.doubleValue());
            }
            return this;
        }

        /** Excel keeps numbers as doubles; two decimals of yuan are exact enough to show, never to compute. */
        Cells money(BigDecimal value) {
            Cell cell = row.createCell(column++);
            if (value != null) {
                cell.setCellValue(value.doubleValue());
                cell.setCellStyle(styles.money);
            }
            return this;
        }

        Cells date(LocalDate value) {
            Cell cell = row.createCell(column++);
            if (value != null) {
                cell.setCellValue(value);
                cell.setCellStyle(styles.date);
            }
            return this;
        }

        /** A moment as finance's wall-clock time in the business zone. */
        Cells time(Instant value, ZoneId zone) {
            Cell cell = row.createCell(column++);
            if (value != null) {
                cell.setCellValue(value.atZone(zone).toLocalDateTime());
                cell.setCellStyle(styles.time);
            }
            return this;
        }
    }
}
