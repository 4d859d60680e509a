package com.reconflow.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** The trail as a file for Excel: CSV (UTF-8 with a BOM, so Excel reads Chinese) or a workbook. */
final class AuditExport {

    static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String TRAIL_SHEET = "Audit trail";
    static final String QUERY_SHEET = "Query";

    private static final int[] WIDTHS = {28, 14, 26, 8, 12, 18, 12, 50, 90, 10};

    private AuditExport() {
    }

    static void csv(AuditTrail trail, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(AuditEntry.COLUMNS).get());
        for (AuditEntry entry : trail.entries()) {
            printer.printRecord((Object[]) entry.cells());
        }
        printer.flush();
    }

    /**
     * The trail's sheet and a sheet saying what was asked and whether the answer was capped. Streamed: only
     * a window of rows is in memory while the workbook is written.
     */
    static void xlsx(AuditTrail trail, List<String[]> query, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet sheet = workbook.createSheet(TRAIL_SHEET);
            writeRow(sheet.createRow(0), AuditEntry.COLUMNS, bold);
            for (int i = 0; i < WIDTHS.length; i++) {
                sheet.setColumnWidth(i, WIDTHS[i] * 256);
            }
            sheet.createFreezePane(0, 1);
            int n = 1;
            for (AuditEntry entry : trail.entries()) {
                Row row = sheet.createRow(n++);
                writeRow(row, entry.cells(), null);
                if (entry.runId() != null) {
                    row.getCell(3).setCellValue(entry.runId());
                }
                if (entry.discrepancyId() != null) {
                    row.getCell(6).setCellValue(entry.discrepancyId());
                }
            }
            Sheet about = workbook.createSheet(QUERY_SHEET);
            about.setColumnWidth(0, 16 * 256);
            about.setColumnWidth(1, 80 * 256);
            int line = 0;
            for (String[] pair : query) {
                writeRow(about.createRow(line++), pair, null);
                about.getRow(line - 1).getCell(0).setCellStyle(bold);
            }
            workbook.write(out);
        } finally {
            workbook.close();
        }
    }

    private static void writeRow(Row row, String[] cells, CellStyle style) {
        for (int i = 0; i < cells.length; i++) {
            var cell = row.createCell(i);
            if (cells[i] != null) {
                cell.setCellValue(cells[i]);
            }
            if (style != null) {
                cell.setCellStyle(style);
            }
        }
    }
}
