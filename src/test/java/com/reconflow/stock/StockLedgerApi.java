package com.reconflow.stock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.reconflow.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock ledger through {@code /api/stock}: figures change only by movements, each movement explains its
 * change, nothing is taken that is not available, reservations are all or nothing, and concurrent reservations
 * never take the same unit twice. Every SKU here is made fresh by the test ({@code LED-…}).
 */
interface StockLedgerApi {

    TestRestTemplate rest();

    JdbcClient jdbc();

    private static String freshSku() {
        return "LED-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aThousandConcurrentReservationsAgainstAHundredUnitsLeaveExactlyAHundredReserved() throws Exception {
        Api ops = Api.as(rest(), "ops");
        String sku = freshSku();
        assertThat(ops.post("/api/stock/movements", Map.of("sku", sku, "location", "WH-EAST", "type", "RECEIPT",
                "quantity", 100, "reference", "PO-" + sku), Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<HttpStatusCode>> answers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String orderNo = sku + "-O" + i;
            answers.add(pool.submit(() -> ops.post("/api/stock/reservations", Map.of("orderNo", orderNo,
                    "channel", "tmall", "lines", List.of(Map.of("sku", sku, "location", "WH-EAST", "quantity", 1))),
                    Map.class).getStatusCode()));
        }
        int reserved = 0;
        int refused = 0;
        for (Future<HttpStatusCode> answer : answers) {
            HttpStatusCode status = answer.get();
            if (status.value() == 201) {
                reserved++;
            } else if (status.value() == 409) {
                refused++;
            }
        }
        pool.shutdown();

        assertThat(reserved).isEqualTo(100);
        assertThat(refused).isEqualTo(900);
        assertThat(ops.getJson("/api/stock?sku=" + sku + "&location=WH-EAST")).isEqualTo(Map.of("sku", sku,
                "location", "WH-EAST", "onHand", 100, "reserved", 100, "available", 0));
        // Exactly one reservation row and one movement per success; nothing of a refused one remains.
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_reservation WHERE order_no LIKE ?").param(sku + "-O%")
                .query(Long.class).single()).isEqualTo(100L);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_movement WHERE sku = ? AND type = 'RESERVATION'").param(sku)
                .query(Long.class).single()).isEqualTo(100L);
        assertExplainedMovementByMovement(ops, sku, "WH-EAST");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void movementsChangeTheFiguresAndASaleOfWhatIsNotAvailableIsRefused() {
        Api ops = Api.as(rest(), "ops");
        String sku = freshSku();
        ResponseEntity<Map> receipt = ops.post("/api/stock/movements", Map.of("sku", sku, "location", "S-001",
                "type", "RECEIPT", "quantity", 10, "reference", "DN-1"), Map.class);
        assertThat(receipt.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(receipt.getBody()).containsEntry("onHandChange", 10).containsEntry("recordedBy", "ops")
                .containsEntry("figures", Map.of("sku", sku, "location", "S-001", "onHand", 10, "reserved", 0,
                        "available", 10));
        // The same delivery note again is the same movement.
        ResponseEntity<Map> again = ops.post("/api/stock/movements", Map.of("sku", sku, "location", "S-001",
                "type", "RECEIPT", "quantity", 10, "reference", "DN-1"), Map.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("id")).isEqualTo(receipt.getBody().get("id"));

        assertThat(ops.post("/api/stock/reservations", Map.of("orderNo", sku + "-R", "channel", "jd",
                "lines", List.of(Map.of("sku", sku, "location", "S-001", "quantity", 4))), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Map> tooMuch = ops.post("/api/stock/movements", Map.of("sku", sku, "location", "S-001",
                "type", "SALE", "quantity", 7), Map.class);
        assertThat(tooMuch.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((List<Map<String, Object>>) tooMuch.getBody().get("shortLines")).containsExactly(
                Map.of("sku", sku, "location", "S-001", "requested", 7, "available", 6));
        assertThat(ops.post("/api/stock/movements", Map.of("sku", sku, "location", "S-001", "type", "SALE",
                "quantity", 6), Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(ops.post("/api/stock/movements", Map.of("sku", sku, "location", "S-001", "type", "ADJUSTMENT",
                "quantity", -1, "note", "stocktake: one broken"), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        // On hand 3 held 4: the stocktake found less than is reserved, so nothing is available.
        assertThat(ops.getJson("/api/stock?sku=" + sku + "&location=S-001")).containsEntry("onHand", 3)
                .containsEntry("reserved", 4).containsEntry("available", -1);
        assertExplainedMovementByMovement(ops, sku, "S-001");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aReservationTakesAllItsLinesOrNoneAndNamesTheShortOnes() {
        Api ops = Api.as(rest(), "ops");
        String a = freshSku();
        String b = freshSku();
        ops.post("/api/stock/movements", Map.of("sku", a, "location", "WH-EAST", "type", "RECEIPT", "quantity", 5),
                Map.class);
        ops.post("/api/stock/movements", Map.of("sku", b, "location", "WH-EAST", "type", "RECEIPT", "quantity", 1),
                Map.class);

        ResponseEntity<Map> refused = ops.post("/api/stock/reservations", Map.of("orderNo", a + "-X", "channel", "jd",
                "lines", List.of(Map.of("sku", a, "location", "WH-EAST", "quantity", 2),
                        Map.of("sku", b, "location", "WH-EAST", "quantity", 2))), Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((List<Map<String, Object>>) refused.getBody().get("shortLines")).containsExactly(
                Map.of("sku", b, "location", "WH-EAST", "requested", 2, "available", 1));
        assertThat(ops.getJson("/api/stock?sku=" + a + "&location=WH-EAST")).containsEntry("reserved", 0);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_reservation WHERE order_no = ?").param(a + "-X")
                .query(Long.class).single()).isZero();

        // Two lines of one SKU count together; the same order reserving again gets its reservation back.
        Map<String, Object> twice = Map.of("orderNo", a + "-Y", "channel", "jd", "lines", List.of(
                Map.of("sku", a, "location", "WH-EAST", "quantity", 2), Map.of("sku", a, "location", "WH-EAST",
                        "quantity", 1)));
        ResponseEntity<Map> made = ops.post("/api/stock/reservations", twice, Map.class);
        assertThat(made.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((List<Map<String, Object>>) made.getBody().get("lines")).containsExactly(
                Map.of("sku", a, "location", "WH-EAST", "quantity", 3));
        ResponseEntity<Map> repeated = ops.post("/api/stock/reservations", twice, Map.class);
        assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(repeated.getBody().get("id")).isEqualTo(made.getBody().get("id"));
        assertThat(ops.getJson("/api/stock?sku=" + a + "&location=WH-EAST")).containsEntry("reserved", 3)
                .containsEntry("available", 2);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void badRequestsNameTheirFieldAndOnlyStockKeepersChangeStock() {
        Api ops = Api.as(rest(), "ops");
        String sku = freshSku();
        ResponseEntity<Map> noType = ops.post("/api/stock/movements", Map.of("sku", sku, "location", "S-001",
                "type", "GIFT", "quantity", 1), Map.class);
        assertThat(noType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noType.getBody()).containsEntry("field", "type");
        ResponseEntity<Map> fraction = ops.post("/api/stock/movements", Map.of("sku", sku, "location", "S-001",
                "type", "RECEIPT", "quantity", "1.5"), Map.class);
        assertThat(fraction.getBody()).containsEntry("field", "quantity");
        ResponseEntity<Map> badLine = ops.post("/api/stock/reservations", Map.of("orderNo", "X", "channel", "jd",
                "lines", List.of(Map.of("sku", sku, "quantity", 1))), Map.class);
        assertThat(badLine.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badLine.getBody()).containsEntry("field", "lines[0].location");

        Map<String, Object> receipt = Map.of("sku", sku, "location", "S-001", "type", "RECEIPT", "quantity", 1);
        assertThat(Api.as(rest(), "finance").post("/api/stock/movements", receipt, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Api.anonymous(rest()).post("/api/stock/movements", receipt, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(Api.as(rest(), "buyer").post("/api/stock/movements", receipt, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(Api.as(rest(), "finance").get("/api/stock?sku=" + sku + "&location=S-001", Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_movement WHERE sku = ?").param(sku).query(Long.class)
                .single()).isEqualTo(1L);
    }

    /** Replaying the movements from zero gives every figure they state, and the figures now. */
    @SuppressWarnings("unchecked")
    private static void assertExplainedMovementByMovement(Api api, String sku, String location) {
        List<Map<String, Object>> movements = api.get("/api/stock/movements?sku=" + sku + "&location=" + location,
                List.class).getBody();
        long onHand = 0;
        long reserved = 0;
        for (Map<String, Object> m : movements) {
            onHand += ((Number) m.get("onHandChange")).longValue();
            reserved += ((Number) m.get("reservedChange")).longValue();
            assertThat(((Number) m.get("onHandAfter")).longValue()).as("on hand after movement %s", m.get("id"))
                    .isEqualTo(onHand);
            assertThat(((Number) m.get("reservedAfter")).longValue()).as("reserved after movement %s", m.get("id"))
                    .isEqualTo(reserved);
        }
        Map<String, Object> figure = api.getJson("/api/stock?sku=" + sku + "&location=" + location);
        assertThat(((Number) figure.get("onHand")).longValue()).isEqualTo(onHand);
        assertThat(((Number) figure.get("reserved")).longValue()).isEqualTo(reserved);
    }
}
