package com.reconflow.stock.replenishment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Purchase requests as a workbook for the supplier or the ERP: one sheet 采购申请, a title row, a row per request.
 * Quantities and money are numbers (money with two decimals, the unit cost with up to four); an unknown cost
 * is an empty cell; the time is in the business zone.
 */
final class PurchaseRequestWorkbook {

    static final List<String> TITLES = List.of("申请号 Request", "SKU", "库位 Location", "供应商 Supplier",
            "数量 Quantity", "单位成本 Unit cost", "金额 Value", "需审批 Approval required", "申请人 Requested by",
            "审批人 Approved by", "创建时间 Created", "补货单 Replenishment");
    static final String SHEET = "采购申请";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PurchaseRequestWorkbook() {
    }

    static byte[] write(List<Replenishments.PurchaseRequest> requests, ZoneId zone) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(SHEET);
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            CellStyle cost = workbook.createCellStyle();
            cost.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00##"));
            Row title = sheet.createRow(0);
            for (int c = 0; c < TITLES.size(); c++) {
                title.createCell(c).setCellValue(TITLES.get(c));
            }
            int r = 1;
            for (Replenishments.PurchaseRequest request : requests) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(request.id());
                row.createCell(1).setCellValue(request.sku());
                row.createCell(2).setCellValue(request.location());
                row.createCell(3).setCellValue(request.supplier());
                row.createCell(4).setCellValue(request.quantity());
                number(row, 5, request.unitCost(), cost);
                number(row, 6, request.purchaseValue(), money);
                row.createCell(7).setCellValue(request.approvalRequired() ? "是 yes" : "否 no");
                row.createCell(8).setCellValue(request.requestedBy());
                if (request.approvedBy() != null) {
                    row.createCell(9).setCellValue(request.approvedBy());
                }
                row.createCell(10).setCellValue(TIME.format(request.createdAt().atZone(zone)));
                row.createCell(11).setCellValue(request.replenishmentId());
            }
            sheet.createFreezePane(0, 1);
            for (int c = 0; c < TITLES.size(); c++) {
                sheet.setColumnWidth(c, 18 * 256);
            }
            workbook.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        if (value != null) {
            row.createCell(column).setCellValue(value.doubleValue());
            row.getCell(column).setCellStyle(style);
        }
    }
}
