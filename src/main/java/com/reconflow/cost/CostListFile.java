package com.reconflow.cost;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A cost list as purchasing keeps it: a CSV (UTF-8, with or without a byte order mark) or the first sheet of
 * an XLSX workbook, a header row naming {@code SKU} and {@code 单位成本} in any position (other columns, such
 * as a product name, are ignored) and one SKU per row. Read as a whole before anything is stored: a list is
 * taken entirely or not at all, so every bad row is reported at once, by line and column.
 */
final class CostListFile {

    static final String SKU = "SKU";
    static final String UNIT_COST = "单位成本";
    /** The width of recon_sku_cost.sku, as of recon_record.sku. */
    private static final int MAX_SKU_LENGTH = 64;
    /** recon_sku_cost.unit_cost is DECIMAL(19,4). */
    private static final int MAX_SCALE = 4;
    private static final int MAX_INTEGER_DIGITS = 15;

    /** One SKU's unit cost, from line {@code lineNo} of the file (the header is line 1). */
    record SkuCost(String sku, BigDecimal unitCost, int lineNo) {
    }

    /** What is wrong with one row ({@code line}) or the file as a whole (line 1, the header). */
    record Problem(int line, String field, String message) {
    }

    /** Either the SKUs (no problems) or every problem found. */
    record Content(List<SkuCost> costs, List<Problem> problems) {
    }

    private CostListFile() {
    }

    static Content read(byte[] bytes) {
        List<List<String>> rows;
        try {
            rows = isZip(bytes) ? xlsxRows(bytes) : csvRows(bytes);
        } catch (CharacterCodingException e) {
            return failed(new Problem(1, null, "the file is neither UTF-8 text nor an XLSX workbook"));
        } catch (IOException | RuntimeException e) {
            return failed(new Problem(1, null, "the workbook cannot be read: " + e.getMessage()));
        }
        int headerIndex = firstNonBlank(rows);
        if (headerIndex < 0) {
            return failed(new Problem(1, null, "the file is empty"));
        }
        List<String> header = rows.get(headerIndex);
        int headerLine = headerIndex + 1;
        int skuColumn = indexOf(header, SKU);
        int costColumn = indexOf(header, UNIT_COST);
        List<Problem> problems = new ArrayList<>();
        if (skuColumn < 0) {
            problems.add(new Problem(headerLine, SKU, "no column " + SKU + " in the header"));
        }
        if (costColumn < 0) {
            problems.add(new Problem(headerLine, UNIT_COST, "no column " + UNIT_COST + " in the header"));
        }
        if (!problems.isEmpty()) {
            return new Content(List.of(), problems);
        }

        List<SkuCost> costs = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = headerIndex + 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            int line = i + 1;
            String sku = cell(row, skuColumn);
            String costText = cell(row, costColumn);
            boolean skuOk = false;
            if (sku.isEmpty()) {
                problems.add(new Problem(line, SKU, "SKU is empty"));
            } else if (sku.length() > MAX_SKU_LENGTH) {
                problems.add(new Problem(line, SKU, "SKU is longer than " + MAX_SKU_LENGTH + " characters"));
            } else if (firstLine.containsKey(sku)) {
                problems.add(new Problem(line, SKU, "SKU " + sku + " is listed twice, first on line " + firstLine.get(sku)));
            } else {
                firstLine.put(sku, line);
                skuOk = true;
            }
            BigDecimal cost = unitCost(costText, line, problems);
            if (skuOk && cost != null) {
                costs.add(new SkuCost(sku, cost, line));
            }
        }
        if (problems.isEmpty() && costs.isEmpty()) {
            problems.add(new Problem(headerLine, SKU, "the list has no SKU rows"));
        }
        return problems.isEmpty() ? new Content(costs, List.of()) : new Content(List.of(), problems);
    }

    /** A plain decimal number, not negative, at most four decimals: {@code 12.5}, {@code 0.0350}. */
    private static BigDecimal unitCost(String text, int line, List<Problem> problems) {
        if (text.isEmpty()) {
            problems.add(new Problem(line, UNIT_COST, UNIT_COST + " is empty"));
            return null;
        }
        BigDecimal value;
        try {
            if (!text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
                throw new NumberFormatException();
            }
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.add(new Problem(line, UNIT_COST, "\"" + text + "\" is not an amount"));
            return null;
        }
        if (value.signum() < 0) {
            problems.add(new Problem(line, UNIT_COST, "\"" + text + "\" is negative"));
            return null;
        }
        value = value.stripTrailingZeros();
        if (value.scale() > MAX_SCALE) {
            problems.add(new Problem(line, UNIT_COST, "\"" + text + "\" has more than " + MAX_SCALE + " decimals"));
            return null;
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            problems.add(new Problem(line, UNIT_COST, "\"" + text + "\" is too large"));
            return null;
        }
        return value.setScale(Math.max(2, value.scale()));
    }

    private static Content failed(Problem problem) {
        return new Content(List.of(), List.of(problem));
    }

    private static boolean isZip(byte[] bytes) {
        return bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    private static int firstNonBlank(List<List<String>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).stream().allMatch(String::isBlank)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() ? row.get(column).strip() : "";
    }

    /**
     * The rows of a CSV, one per physical line so that line numbers are the lines a text editor shows;
     * fields may be quoted ({@code "a,b"}, {@code ""} for a quote). Strict UTF-8: a GBK file is refused
     * rather than read as garbage SKUs.
     */
    private static List<List<String>> csvRows(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\r\n|\n|\r", -1)) {
            rows.add(fields(line));
        }
        return rows;
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /**
     * The first sheet's rows as text, each at its row number. Numbers are taken as stored, not as formatted
     * (a cost shown as {@code ¥12.35} may be 12.345 in the cell); everything else as Excel shows it, so a
     * numeric SKU {@code 100234} stays {@code 100234}.
     */
    private static List<List<String>> xlsxRows(byte[] bytes) throws IOException {
        DataFormatter formatter = new DataFormatter();
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> header = null;
            int costColumn = -1;
            for (Row row : sheet) {
                while (rows.size() < row.getRowNum()) {
                    rows.add(List.of());
                }
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    Cell cell = row.getCell(c);
                    boolean number = cell != null && (cell.getCellType() == CellType.NUMERIC
                            || cell.getCellType() == CellType.FORMULA && cell.getCachedFormulaResultType() == CellType.NUMERIC);
                    if (number && header != null && c == costColumn) {
                        cells.add(new BigDecimal(Double.toString(cell.getNumericCellValue())).toPlainString());
                    } else {
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell).strip());
                    }
                }
                if (header == null && cells.stream().anyMatch(s -> !s.isBlank())) {
                    header = cells;
                    costColumn = indexOf(header, UNIT_COST);
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
