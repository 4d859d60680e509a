package com.reconflow.stock.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import static org.awaitility.Awaitility.await;

/**
 * A {@code stock-movements} file through the import pipeline (upload and inbox): its rows become stock
 * movements with their file and line, never records; bad rows are quarantined naming line and field while the
 * others are posted; the same bytes twice and the same document line twice change nothing. Every SKU and
 * document number is made fresh by the test.
 */
interface StockMovementsImport {

    String HEADER = "单据号,类型,SKU,库位,数量,发生时间,订单号,对方库位,备注\n";

    TestRestTemplate rest();

    JdbcClient jdbc();

    Path inbox();

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void anUploadedFileBecomesMovementsWithTheirFileAndLineAndNoRecords() {
        Api ops = Api.as(rest(), "ops");
        String sku = fresh("MOV");
        String doc = fresh("D");
        String csv = "\uFEFF" + HEADER
                + doc + "-PO,RECEIPT," + sku + ",WH-EAST,20,2026-11-20 08:00:00,,,delivery 1\n"
                + doc + "-S,SALE," + sku + ",WH-EAST,3,2026-11-20 10:00:00,JD-4711,,\n"
                + doc + "-TR,TRANSFER_OUT," + sku + ",WH-EAST,5,2026-11-20 11:00:00,,门店-徐汇,\n"
                + doc + "-TR,TRANSFER_IN," + sku + ",门店-徐汇,5,2026-11-20 15:00:00,,WH-EAST,\n"
                + doc + "-R,RETURN," + sku + ",WH-EAST,1,2026-11-20 16:00:00,JD-4711,,\n"
                + doc + "-ADJ,ADJUSTMENT," + sku + ",WH-EAST,-2,2026-11-20 17:00:00,,,broken\n";

        ResponseEntity<Map> answer = ops.importFile("warehouse", "movements.csv", csv);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> result = answer.getBody();
        assertThat(result).containsEntry("format", "stock-movements").containsEntry("source", "warehouse")
                .containsEntry("status", "ACCEPTED").containsEntry("rowsAccepted", 6)
                .containsEntry("rowsRejected", 0).containsEntry("businessDate", "2026-11-20");
        long importId = ((Number) result.get("id")).longValue();

        // 20 - 3 - 5 + 1 - 2 at the warehouse, the 5 transferred at the store
        assertThat(figure(ops, sku, "WH-EAST")).containsEntry("onHand", 11).containsEntry("available", 11);
        assertThat(figure(ops, sku, "门店-徐汇")).containsEntry("onHand", 5);
        assertThat(jdbc().sql("SELECT line_no, type, on_hand_change, on_hand_after, reference, order_no, origin_key, "
                        + "recorded_by, business_date FROM stock_movement WHERE import_id = ? ORDER BY line_no")
                .param(importId)
                .query((rs, n) -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getLong(4)
                        + " " + rs.getString(5) + " " + rs.getString(6) + " " + rs.getString(7) + " " + rs.getString(8)
                        + " " + rs.getString(9))
                .list()).containsExactly(
                "2 RECEIPT 20 20 " + doc + "-PO null import:" + importId + ":line:2 ops 2026-11-20",
                "3 SALE -3 17 " + doc + "-S JD-4711 import:" + importId + ":line:3 ops 2026-11-20",
                "4 TRANSFER_OUT -5 12 " + doc + "-TR null import:" + importId + ":line:4 ops 2026-11-20",
                "5 TRANSFER_IN 5 5 " + doc + "-TR null import:" + importId + ":line:5 ops 2026-11-20",
                "6 RETURN 1 13 " + doc + "-R JD-4711 import:" + importId + ":line:6 ops 2026-11-20",
                "7 ADJUSTMENT -2 11 " + doc + "-ADJ null import:" + importId + ":line:7 ops 2026-11-20");
        assertThat(jdbc().sql("SELECT note FROM stock_movement WHERE import_id = ? AND line_no = 4").param(importId)
                .query(String.class).single()).isEqualTo("to 门店-徐汇");
        // Matching never sees them: no record, and the import keeps the header that reads its lines.
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_record WHERE import_id = ?").param(importId)
                .query(Long.class).single()).isZero();
        assertThat(jdbc().sql("SELECT column_headers FROM recon_import WHERE id = ?").param(importId)
                .query(String.class).single()).isEqualTo("line 1: " + HEADER.strip());
    }

    @Test
    default void onlyStockKeepersMoveStockByUpload() {
        String sku = fresh("MOV");
        String csv = HEADER + fresh("D") + ",RECEIPT," + sku + ",WH-EAST,20,2026-11-20 08:00:00,,,\n";

        ResponseEntity<Map> byFinance = Api.as(rest(), "finance").importFile("warehouse", "receipt.csv", csv);

        assertThat(byFinance.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byFinance.getBody().get("message").toString()).contains("records stock movements");
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_movement WHERE sku = ?").param(sku).query(Long.class)
                .single()).isZero();
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_import WHERE file_name = 'receipt.csv'")
                .query(Long.class).single()).as("nothing of the refused upload is kept").isZero();
        assertThat(Api.as(rest(), "ops").importFile("warehouse", "receipt.csv", csv).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void badRowsAreQuarantinedNamingLineAndFieldAndTheOthersArePosted() {
        Api ops = Api.as(rest(), "ops");
        String sku = fresh("MOVQ");
        String doc = fresh("Q");
        String csv = HEADER
                + doc + "-1,RECEIPT," + sku + ",WH-EAST,10,2026-11-21 08:00:00,,,\n"     // 2 ok
                + doc + "-2,THEFT," + sku + ",WH-EAST,1,2026-11-21 09:00:00,,,\n"         // 3 类型
                + doc + "-3,SALE," + sku + ",WH-EAST,2.5,2026-11-21 09:00:00,,,\n"        // 4 数量
                + doc + "-4,SALE," + sku + ",WH-EAST,0,2026-11-21 09:00:00,,,\n"          // 5 数量
                + doc + "-5,SALE,,WH-EAST,1,2026-11-21 09:00:00,,,\n"                     // 6 SKU
                + doc + "-6,SALE," + sku + ",WH-EAST,1,2026-11-21 25:00:00,,,\n"          // 7 发生时间
                + doc + "-7,SALE," + sku + ",WH-EAST,11,2026-11-21 10:00:00,O-1,,\n"      // 8 more than available
                + doc + "-8,RECEIPT," + sku + ",WH-EAST,1,2026-11-21 10:00:00,O-1,,\n"    // 9 订单号 on a receipt
                + doc + "-9,SALE," + sku + ",WH-EAST,4,2026-11-21 11:00:00,O-2,,\n"       // 10 ok: 6 left
                + doc + "-10,TRANSFER_OUT," + sku + ",WH-EAST,7,2026-11-21 12:00:00,,S1,\n" // 11 more than available
                + doc + "-11,ADJUSTMENT," + sku + ",WH-EAST,-7,2026-11-21 12:00:00,,,\n"  // 12 on hand below 0
                + "," + "RECEIPT," + sku + ",WH-EAST,1,2026-11-21 12:00:00,,,\n"           // 13 单据号
                + doc + "-12,RECEIPT," + sku + ",WH-EAST,1,2026-11-21 12:00:00\n"         // 14 width
                + doc + "-1,RECEIPT," + sku + ",WH-EAST,10,2026-11-21 08:00:00,,,\n"     // 15 same as line 2
                + doc + "-13,ADJUSTMENT," + sku + ",WH-EAST,0,2026-11-21 12:00:00,,,\n"   // 16 数量 0
                + doc + "-14,STOCKTAKE," + sku + ",WH-EAST,-1,2026-11-21 12:00:00,,,\n";  // 17 数量 negative count

        Map<String, Object> result = ops.importFile("warehouse", "bad_rows.csv", csv).getBody();

        assertThat(result).containsEntry("status", "ACCEPTED_WITH_REJECTIONS").containsEntry("rowsAccepted", 2)
                .containsEntry("rowsRejected", 14);
        long importId = ((Number) result.get("id")).longValue();
        List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
        assertThat(errors).extracting(e -> e.get("line") + " " + e.get("field")).containsExactly(
                "3 类型", "4 数量", "5 数量", "6 SKU", "7 发生时间", "8 数量", "9 订单号", "11 数量", "12 数量",
                "13 单据号", "14 null", "15 null", "16 数量", "17 数量");
        assertThat(errors.get(0).get("message").toString()).contains("'THEFT' is not one of");
        assertThat(errors.get(5).get("message").toString())
                .isEqualTo("数量 11 is more than is available of " + sku + " at WH-EAST (10)");
        assertThat(errors.get(7).get("message").toString())
                .isEqualTo("数量 7 is more than is available of " + sku + " at WH-EAST (6)");
        assertThat(errors.get(8).get("message").toString())
                .isEqualTo("数量 -7 would make on hand of " + sku + " at WH-EAST negative (on hand 6)");
        assertThat(errors.get(11).get("message").toString()).contains("as line 2");

        // Stored as any import's quarantine, with the raw line; only the good rows moved stock.
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_rejected_row WHERE import_id = ?").param(importId)
                .query(Long.class).single()).isEqualTo(14L);
        assertThat(ops.getJson("/api/imports/" + importId).get("errors").toString()).contains(doc + "-10");
        assertThat(figure(ops, sku, "WH-EAST")).containsEntry("onHand", 6);
        assertThat(jdbc().sql("SELECT line_no FROM stock_movement WHERE sku = ? ORDER BY id").param(sku)
                .query(Integer.class).list()).containsExactly(2, 10);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aStocktakeIsPostedAsTheAdjustmentFromTheBooksToTheCount() {
        Api ops = Api.as(rest(), "ops");
        String sku = fresh("MOVST");
        String doc = fresh("ST");
        String csv = HEADER
                + doc + "-PO,RECEIPT," + sku + ",WH-EAST,10,2026-11-22 08:00:00,,,\n"
                + doc + "-PO,RECEIPT," + sku + ",WH-NORTH,4,2026-11-22 08:00:00,,,\n"
                + doc + ",STOCKTAKE," + sku + ",WH-EAST,7,2026-11-22 20:00:00,,,3 broken\n"
                + doc + ",STOCKTAKE," + sku + ",WH-NORTH,4,2026-11-22 20:00:00,,,\n"
                + doc + ",STOCKTAKE," + sku + ",WH-WEST,2,2026-11-22 20:00:00,,,\n";

        Map<String, Object> result = ops.importFile("warehouse", "stocktake.csv", csv).getBody();

        assertThat(result).containsEntry("rowsAccepted", 5).containsEntry("rowsRejected", 0);
        assertThat(figure(ops, sku, "WH-EAST")).containsEntry("onHand", 7);
        assertThat(figure(ops, sku, "WH-NORTH")).containsEntry("onHand", 4);
        assertThat(figure(ops, sku, "WH-WEST")).containsEntry("onHand", 2);
        assertThat(jdbc().sql("SELECT location, type, on_hand_change, note FROM stock_movement WHERE sku = ? "
                        + "AND type = 'ADJUSTMENT' ORDER BY id").param(sku)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getString(4))
                .list()).containsExactly("WH-EAST ADJUSTMENT -3 stocktake: counted 7, books 10; 3 broken",
                "WH-WEST ADJUSTMENT 2 stocktake: counted 2, books 0");
        // The count that found the books right is kept, without a movement.
        assertThat(jdbc().sql("SELECT location, quantity, movement_id IS NULL FROM stock_document_line "
                        + "WHERE document_no = ? AND type = 'STOCKTAKE' ORDER BY location").param(doc)
                .query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getBoolean(3)).list())
                .containsExactly("WH-EAST 7 false", "WH-NORTH 4 true", "WH-WEST 2 false");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void theSameBytesTwiceAre409AndADocumentLineBroughtAgainIsADuplicate() {
        Api ops = Api.as(rest(), "ops");
        String sku = fresh("MOVD");
        String doc = fresh("DUP");
        String first = HEADER
                + doc + "-1,RECEIPT," + sku + ",WH-EAST,10,2026-11-23 08:00:00,,,\n"
                + doc + "-2,SALE," + sku + ",WH-EAST,4,2026-11-23 09:00:00,,,\n";
        Map<String, Object> one = ops.importFile("warehouse", "day.csv", first).getBody();
        assertThat(one).containsEntry("rowsAccepted", 2);

        ResponseEntity<Map> again = ops.importFile("warehouse", "day_again.csv", first);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).containsEntry("status", "DUPLICATE").containsEntry("id", one.get("id"));

        // A re-export of the day with one more line: only the new line moves stock.
        String reExport = first + doc + "-3,SALE," + sku + ",WH-EAST,1,2026-11-23 18:00:00,,,\n";
        Map<String, Object> second = ops.importFile("warehouse", "day_v2.csv", reExport).getBody();
        assertThat(second).containsEntry("rowsAccepted", 1).containsEntry("rowsDuplicate", 2)
                .containsEntry("rowsRejected", 0);
        assertThat(figure(ops, sku, "WH-EAST")).containsEntry("onHand", 5);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_movement WHERE sku = ?").param(sku)
                .query(Long.class).single()).isEqualTo(3L);

        // Nothing new at all: imported, every row a duplicate, nothing moves.
        Map<String, Object> third = ops.importFile("warehouse", "day_v3.csv", "\uFEFF" + reExport).getBody();
        assertThat(third).containsEntry("rowsAccepted", 0).containsEntry("rowsDuplicate", 3);
        assertThat(figure(ops, sku, "WH-EAST")).containsEntry("onHand", 5);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aCorrectedFilePostsOnlyTheCorrectedRows() {
        Api ops = Api.as(rest(), "ops");
        String sku = fresh("MOVC");
        String doc = fresh("COR");
        String good = doc + "-1,RECEIPT," + sku + ",WH-EAST,10,2026-11-28 08:00:00,,,\n";
        Map<String, Object> first = ops.importFile("warehouse", "day.csv", HEADER + good
                + doc + "-2,SALE," + sku + ",WH-EAST,3x,2026-11-28 09:00:00,,,\n").getBody();
        assertThat(first).containsEntry("rowsAccepted", 1).containsEntry("rowsRejected", 1);
        long firstId = ((Number) first.get("id")).longValue();

        var parts = Api.importParts("warehouse", "day_corrected.csv", HEADER + good
                + doc + "-2,SALE," + sku + ",WH-EAST,3,2026-11-28 09:00:00,,,\n");
        parts.add("corrects", String.valueOf(firstId));
        parts.add("format", "stock-movements");
        Map<String, Object> corrected = ops.postMultipart("/api/imports", parts, Map.class).getBody();

        assertThat(corrected).containsEntry("rowsAccepted", 1).containsEntry("rowsDuplicate", 1)
                .containsEntry("correctsImportId", (int) firstId);
        assertThat(figure(ops, sku, "WH-EAST")).containsEntry("onHand", 7);
        assertThat((List<Object>) ops.getJson("/api/imports/" + firstId).get("correctedBy"))
                .containsExactly(corrected.get("id"));

        var unknown = Api.importParts("warehouse", "typo.csv", HEADER + good);
        unknown.add("format", "stock-movement");
        ResponseEntity<Map> typo = ops.postMultipart("/api/imports", unknown, Map.class);
        assertThat(typo.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(typo.getBody().get("message").toString()).contains("unknown format id 'stock-movement'")
                .contains("stock-movements");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aFileWithNoGoodRowOrAMissingColumnIsRejectedWholeAndStoresNothing() {
        Api ops = Api.as(rest(), "ops");
        String sku = fresh("MOVR");
        String doc = fresh("REJ");
        // A sale of stock that is not there and an unknown type: no row can be taken.
        ResponseEntity<Map> noneGood = ops.importFile("warehouse", "none_good.csv", HEADER
                + doc + "-1,SALE," + sku + ",WH-EAST,1,2026-11-24 08:00:00,,,\n"
                + doc + "-2,LOSS," + sku + ",WH-EAST,1,2026-11-24 08:00:00,,,\n");
        assertThat(noneGood.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(noneGood.getBody().get("message").toString())
                .contains("none_good.csv: no row could be read; first error at line 2, field 数量");

        ResponseEntity<Map> noQuantity = ops.importFile("warehouse", "no_quantity.csv",
                "单据号,类型,SKU,库位,发生时间\n" + doc + "-3,RECEIPT," + sku + ",WH-EAST,2026-11-24 08:00:00\n");
        assertThat(noQuantity.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(noQuantity.getBody().get("message").toString()).contains("lacks required column(s) 数量");

        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_import WHERE file_name IN ('none_good.csv', 'no_quantity.csv')")
                .query(Long.class).single()).isZero();
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_movement WHERE sku = ?").param(sku)
                .query(Long.class).single()).isZero();
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_document_line WHERE sku = ?").param(sku)
                .query(Long.class).single()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    default void anXlsxWorkbookIsReadAsTheCsvIs() throws IOException {
        Api ops = Api.as(rest(), "ops");
        String sku = fresh("MOVX");
        String doc = fresh("X");
        byte[] workbook = workbook(List.of(
                List.of("单据号", "类型", "SKU", "库位", "数量", "发生时间", "订单号", "对方库位", "备注"),
                List.of(doc + "-1", "RECEIPT", sku, "WH-EAST", 12, "2026-11-25 08:00:00", "", "", ""),
                List.of(doc + "-2", "SALE", sku, "WH-EAST", 2, "2026-11-25 09:00:00", "TM-1", "", "gift"),
                List.of(doc + "-3", "SALE", sku, "WH-EAST", "lots", "2026-11-25 09:30:00", "", "", "")));
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("source", "warehouse");
        parts.add("file", new ByteArrayResource(workbook) {
            @Override
            public String getFilename() {
                return "movements.xlsx";
            }
        });

        Map<String, Object> result = ops.postMultipart("/api/imports", parts, Map.class).getBody();

        assertThat(result).containsEntry("format", "stock-movements").containsEntry("rowsAccepted", 2)
                .containsEntry("rowsRejected", 1);
        assertThat(((List<Map<String, Object>>) result.get("errors")).get(0)).containsEntry("line", 4)
                .containsEntry("field", "数量");
        assertThat(figure(ops, sku, "WH-EAST")).containsEntry("onHand", 10);
        assertThat(jdbc().sql("SELECT order_no, note FROM stock_movement WHERE sku = ? AND type = 'SALE'").param(sku)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single()).isEqualTo("TM-1 gift");
    }

    @Test
    default void aFileDroppedIntoTheWarehouseInboxIsPostedAndABadOneLandsInError() throws IOException {
        Api ops = Api.as(rest(), "ops");
        String sku = fresh("MOVI");
        String doc = fresh("IN");
        Path folder = Files.createDirectories(inbox().resolve("warehouse"));
        Path staging = Files.createTempFile("movements", ".csv");
        Files.writeString(staging, HEADER
                + doc + "-1,RECEIPT," + sku + ",WH-EAST,8,2026-11-26 08:00:00,,,\n"
                + doc + "-2,SALE," + sku + ",WH-EAST,9,2026-11-26 09:00:00,,,\n"
                + doc + "-3,SALE," + sku + ",WH-EAST,3,2026-11-26 10:00:00,,,\n", StandardCharsets.UTF_8);
        Files.move(staging, folder.resolve(doc + ".csv"));
        Path broken = Files.createTempFile("movements", ".csv");
        Files.writeString(broken, "单据号,类型,库位,数量\n" + doc + "-9,RECEIPT,WH-EAST,1\n");
        Files.move(broken, folder.resolve(doc + "_broken.csv"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.resolve(".done").resolve(doc + ".csv"))
                && Files.exists(folder.resolve(".error").resolve(doc + "_broken.csv.reason.txt")));

        assertThat(figure(ops, sku, "WH-EAST")).containsEntry("onHand", 5);
        assertThat(jdbc().sql("SELECT i.format, i.imported_by, i.rows_accepted, i.rows_rejected, r.line_no, r.field "
                        + "FROM recon_import i JOIN recon_rejected_row r ON r.import_id = i.id WHERE i.file_name = ?")
                .param(doc + ".csv")
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getLong(4)
                        + " " + rs.getInt(5) + " " + rs.getString(6)).single())
                .isEqualTo("stock-movements inbox 2 1 3 数量");
        assertThat(Files.readString(folder.resolve(".error").resolve(doc + "_broken.csv.reason.txt")))
                .contains(doc + "_broken.csv").contains("SKU").contains("发生时间");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aBigFileIsPostedWholeWithMoreQuarantinedRowsThanAnAnswerLists() {
        Api ops = Api.as(rest(), "ops");
        String doc = fresh("BIG");
        String[] skus = {fresh("MOVB"), fresh("MOVB"), fresh("MOVB"), fresh("MOVB"), fresh("MOVB")};
        String none = fresh("MOVB");
        StringBuilder csv = new StringBuilder(HEADER);
        for (String sku : skus) {
            csv.append(doc).append("-PO,RECEIPT,").append(sku).append(",WH-EAST,300,2026-11-27 07:00:00,,,\n");
        }
        for (int i = 0; i < 2300; i++) {
            // every other row sells what is not there: 1,100 refused, more than one batch of quarantined rows
            String sku = i % 2 == 0 && i < 2200 ? none : skus[i % skus.length];
            csv.append(doc).append("-S").append(i).append(",SALE,").append(sku)
                    .append(",WH-EAST,1,2026-11-27 09:00:00,O-").append(i).append(",,\n");
        }

        Map<String, Object> result = ops.importFile("warehouse", "big.csv", csv.toString()).getBody();

        assertThat(result).containsEntry("rowsAccepted", 1205).containsEntry("rowsRejected", 1100);
        assertThat((List<?>) result.get("errors")).hasSize(100);
        long importId = ((Number) result.get("id")).longValue();
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_rejected_row WHERE import_id = ? AND field = '数量'")
                .param(importId).query(Long.class).single()).isEqualTo(1100L);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_movement WHERE import_id = ?").param(importId)
                .query(Long.class).single()).isEqualTo(1205L);
        long sold = 0;
        for (String sku : skus) {
            sold += 300 - ((Number) figure(ops, sku, "WH-EAST").get("onHand")).longValue();
        }
        assertThat(sold).isEqualTo(1200);
        assertThat(figure(ops, none, "WH-EAST")).containsEntry("onHand", 0);
    }

    private Map<String, Object> figure(Api api, String sku, String location) {
        return api.getJson("/api/stock?sku=" + sku + "&location=" + location);
    }

    private static byte[] workbook(List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("movements");
            for (int r = 0; r < rows.size(); r++) {
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }
}
