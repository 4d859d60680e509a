package com.reconflow.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/reports/summary} and its exports {@code .xlsx} and {@code .csv}, the same rows in Chinese. */
@RestController
class SummaryController {

    /** The measures' column titles in the exports, in the JSON's order. */
    static final List<String> MEASURE_TITLES = List.of("订单数", "销售额", "退款", "手续费", "净结算", "匹配率(%)",
            "未结差异数", "未结差异金额", "商品成本", "毛利");
    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final SummaryService summaries;

    SummaryController(SummaryService summaries) {
        this.summaries = summaries;
    }

    @GetMapping("/api/reports/summary")
    Map<String, Object> summary(@RequestParam Map<String, String> params) {
        return summarise(params).toJson();
    }

    @GetMapping("/api/reports/summary.csv")
    ResponseEntity<byte[]> csv(@RequestParam Map<String, String> params) {
        StringBuilder out = new StringBuilder("\uFEFF"); // Excel reads UTF-8 only with its BOM
        for (List<Object> line : table(summarise(params))) {
            out.append(String.join(",", line.stream().map(SummaryController::csvCell).toList())).append("\r\n");
        }
        return file(out.toString().getBytes(StandardCharsets.UTF_8), "summary.csv",
                new MediaType("text", "csv", StandardCharsets.UTF_8));
    }

    @GetMapping("/api/reports/summary.xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam Map<String, String> params) {
        List<List<Object>> table = table(summarise(params));
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("汇总");
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            for (int r = 0; r < table.size(); r++) {
                Row row = sheet.createRow(r);
                List<Object> line = table.get(r);
                for (int c = 0; c < line.size(); c++) {
                    Object value = line.get(c);
                    if (value instanceof BigDecimal amount) {
                        row.createCell(c).setCellValue(amount.doubleValue());
                        row.getCell(c).setCellStyle(money);
                    } else if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            sheet.createFreezePane(0, 1);
            workbook.write(bytes);
            return file(bytes.toByteArray(), "summary.xlsx", XLSX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ExceptionHandler(SummaryQuery.BadParameter.class)
    ResponseEntity<Map<String, String>> badParameter(SummaryQuery.BadParameter e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("parameter", e.parameter, "message",
                e.getMessage()));
    }

    private Summary summarise(Map<String, String> params) {
        return summaries.summarise(SummaryQuery.parse(params, summaries.today()));
    }

    /** The title row, a row per result row, the totals (合计) last. */
    static List<List<Object>> table(Summary summary) {
        List<List<Object>> table = new ArrayList<>();
        List<Object> titles = new ArrayList<>(summary.groupBy().stream().map(d -> (Object) d.title).toList());
        titles.addAll(MEASURE_TITLES);
        table.add(titles);
        for (Summary.Row row : summary.rows()) {
            List<Object> line = new ArrayList<>(row.key());
            line.addAll(values(row.measures()));
            table.add(line);
        }
        List<Object> totals = new ArrayList<>();
        for (int i = 0; i < summary.groupBy().size(); i++) {
            totals.add(i == 0 ? "合计" : null);
        }
        totals.addAll(values(summary.totals()));
        table.add(totals);
        return table;
    }

    private static List<Object> values(Measures m) {
        List<Object> values = new ArrayList<>();
        values.add(m.orders);
        values.add(Measures.money(m.grossSales));
        values.add(Measures.money(m.refunds));
        values.add(Measures.money(m.fees));
        values.add(m.netSettlement());
        values.add(m.matchedPercent());
        values.add(m.openDiscrepancies);
        values.add(Measures.money(m.openDiscrepancyAmount));
        values.add(m.costOfGoodsOrNull());
        values.add(m.marginOrNull());
        return values;
    }

    private static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal amount ? amount.toPlainString() : value.toString();
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static ResponseEntity<byte[]> file(byte[] bytes, String name, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(bytes);
    }
}
