package com.reconflow.cost;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cost lists through {@code POST /api/costs} and read back through {@code GET /api/costs}: a list is taken
 * whole or not at all, the same bytes twice are one list, and a SKU's cost on a date comes from the latest
 * list valid that day that names it. Every SKU here starts with {@code CST-} (or is 99001234), every date is
 * in this test's range of 2028-06-01..2028-07-31.
 */
interface CostListImport {

    TestRestTemplate rest();

    JdbcClient jdbc();

    String JUNE = "\uFEFFSKU,商品名称,单位成本\r\n"
            + "CST-A,水润面膜10片装,12.5\r\n"
            + "CST-B,\"浴巾, 加厚\",30\r\n"
            + "\r\n"
            + "CST-C,棉签,0.035\r\n";

    @Test
    @SuppressWarnings("unchecked")
    default void aCsvListWithItsByteOrderMarkIsStoredAndItsCostsReadByDate() {
        Api finance = Api.as(rest(), "finance");
        ResponseEntity<Map> created = finance.postMultipart("/api/costs",
                parts("costs_june.csv", JUNE.getBytes(StandardCharsets.UTF_8), "2028-06-01"), Map.class);
        long id;
        if (created.getStatusCode() == HttpStatus.CONFLICT) {
            id = ((Number) created.getBody().get("id")).longValue(); // another test of this class imported it first
        } else {
            assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            id = ((Number) created.getBody().get("id")).longValue();
            assertThat(created.getBody()).containsEntry("fileName", "costs_june.csv")
                    .containsEntry("validFrom", "2028-06-01").containsEntry("skuCount", 3);
        }

        assertThat(finance.getJson("/api/costs?sku=CST-A&date=2028-06-15"))
                .isEqualTo(Map.of("sku", "CST-A", "unitCost", "12.50", "validFrom", "2028-06-01", "costListId", (int) id));
        assertThat(finance.getJson("/api/costs?sku=CST-B&date=2028-06-01")).containsEntry("unitCost", "30.00");
        assertThat(finance.getJson("/api/costs?sku=CST-C&date=2028-06-01")).containsEntry("unitCost", "0.035");
        assertThat(finance.get("/api/costs?sku=CST-A&date=2028-05-31", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(Api.as(rest(), "auditor").get("/api/costs?sku=CST-A&date=2028-06-15", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(jdbc().sql("SELECT sku, line_no FROM recon_sku_cost WHERE cost_list_id = ? ORDER BY sku")
                .param(id).query((rs, n) -> rs.getString(1) + "@" + rs.getInt(2)).list())
                .containsExactly("CST-A@2", "CST-B@3", "CST-C@5");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void theSameBytesAgainAreTheEarlierListWhateverTheNameAndDate() {
        Api finance = Api.as(rest(), "finance");
        byte[] bytes = JUNE.getBytes(StandardCharsets.UTF_8);
        ResponseEntity<Map> first = finance.postMultipart("/api/costs", parts("costs_june.csv", bytes, "2028-06-01"),
                Map.class);
        long id = ((Number) first.getBody().get("id")).longValue();

        ResponseEntity<Map> again = finance.postMultipart("/api/costs", parts("renamed.csv", bytes, "2028-07-20"),
                Map.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(((Number) again.getBody().get("id")).longValue()).isEqualTo(id);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_cost_list WHERE file_name = 'renamed.csv'")
                .query(Long.class).single()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aLaterXlsxListOverridesTheSkusItNamesFromItsDateOn() throws IOException {
        Api finance = Api.as(rest(), "finance");
        finance.postMultipart("/api/costs", parts("costs_june.csv", JUNE.getBytes(StandardCharsets.UTF_8), "2028-06-01"),
                Map.class);
        byte[] xlsx = workbook(List.of(
                List.of("单位成本", "SKU", "备注"),
                List.of(8.8, "CST-A", "降价"),
                List.of(15, 99001234d, ""))); // a SKU Excel keeps as a number
        ResponseEntity<Map> created = finance.postMultipart("/api/costs", parts("costs_july.xlsx", xlsx, "2028-07-01"),
                Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody()).containsEntry("fileName", "costs_july.xlsx").containsEntry("validFrom", "2028-07-01")
                .containsEntry("skuCount", 2);
        int july = ((Number) created.getBody().get("id")).intValue();

        assertThat(finance.getJson("/api/costs?sku=CST-A&date=2028-07-01"))
                .containsEntry("unitCost", "8.80").containsEntry("validFrom", "2028-07-01").containsEntry("costListId", july);
        assertThat(finance.getJson("/api/costs?sku=CST-A&date=2028-06-30"))
                .containsEntry("unitCost", "12.50").containsEntry("validFrom", "2028-06-01");
        assertThat(finance.getJson("/api/costs?sku=CST-B&date=2028-07-05"))
                .containsEntry("unitCost", "30.00").containsEntry("validFrom", "2028-06-01");
        assertThat(finance.getJson("/api/costs?sku=99001234&date=2028-07-31"))
                .containsEntry("unitCost", "15.00").containsEntry("costListId", july);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aListWithBadRowsIsRefusedWithEveryLineAndFieldAndNothingIsStored() {
        String bad = "SKU,单位成本\n"
                + "CST-OK,10.00\n"
                + ",5.00\n"
                + "CST-X,12.5元\n"
                + "CST-Y,-1\n"
                + "CST-OK,11.00\n"
                + "CST-Z,1.23456\n"
                + "CST-W,\n";
        ResponseEntity<Map> refused = Api.as(rest(), "finance").postMultipart("/api/costs",
                parts("costs_bad.csv", bad.getBytes(StandardCharsets.UTF_8), "2028-06-01"), Map.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat((List<Map<String, Object>>) refused.getBody().get("errors")).containsExactly(
                Map.of("line", 3, "field", "SKU", "message", "SKU is empty"),
                Map.of("line", 4, "field", "单位成本", "message", "\"12.5元\" is not an amount"),
                Map.of("line", 5, "field", "单位成本", "message", "\"-1\" is negative"),
                Map.of("line", 6, "field", "SKU", "message", "SKU CST-OK is listed twice, first on line 2"),
                Map.of("line", 7, "field", "单位成本", "message", "\"1.23456\" has more than 4 decimals"),
                Map.of("line", 8, "field", "单位成本", "message", "单位成本 is empty"));
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_cost_list WHERE file_name = 'costs_bad.csv'")
                .query(Long.class).single()).isZero();
        assertThat(Api.as(rest(), "finance").get("/api/costs?sku=CST-OK&date=2028-07-31", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aListWithoutTheCostColumnOrNotInUtf8IsRefusedAsAWhole() {
        Api finance = Api.as(rest(), "finance");
        ResponseEntity<Map> noColumn = finance.postMultipart("/api/costs",
                parts("no_cost.csv", "SKU,成本价\nCST-N,1.00\n".getBytes(StandardCharsets.UTF_8), null), Map.class);
        assertThat(noColumn.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat((List<Map<String, Object>>) noColumn.getBody().get("errors")).containsExactly(
                Map.of("line", 1, "field", "单位成本", "message", "no column 单位成本 in the header"));

        ResponseEntity<Map> gbk = finance.postMultipart("/api/costs",
                parts("gbk.csv", "SKU,单位成本\nCST-G,1.00\n".getBytes(java.nio.charset.Charset.forName("GBK")), null),
                Map.class);
        assertThat(gbk.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(gbk.getBody().get("errors").toString()).contains("neither UTF-8 text nor an XLSX workbook");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void badParametersAndReadersWhoMayNotImportAreRefused() {
        ResponseEntity<Map> badDate = Api.as(rest(), "finance").postMultipart("/api/costs",
                parts("costs_june.csv", JUNE.getBytes(StandardCharsets.UTF_8), "1.6.2028"), Map.class);
        assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badDate.getBody()).containsEntry("parameter", "validFrom");
        assertThat(Api.as(rest(), "finance").get("/api/costs?date=2028-06-01", Map.class).getBody())
                .containsEntry("parameter", "sku");
        assertThat(Api.as(rest(), "auditor").postMultipart("/api/costs",
                        parts("auditor.csv", "SKU,单位成本\nCST-AU,1\n".getBytes(StandardCharsets.UTF_8), null), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static LinkedMultiValueMap<String, Object> parts(String fileName, byte[] content, String validFrom) {
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        if (validFrom != null) {
            parts.add("validFrom", validFrom);
        }
        return parts;
    }

    private static byte[] workbook(List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("成本");
            for (int r = 0; r < rows.size(); r++) {
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else {
                        row.createCell(c).setCellValue((String) value);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
