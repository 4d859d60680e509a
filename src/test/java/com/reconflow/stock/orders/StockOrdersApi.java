package com.reconflow.stock.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.reconflow.ingest.RecordsImported;
import com.reconflow.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Imported orders move stock: channel-order files uploaded through {@code POST /api/imports} are posted to the
 * ledger by the {@code stock-posting} job (sales with their file and line, reservations consumed or given
 * back), oversold lines are intercepted with a task for operations, and each decision taken over the task API
 * is applied and recorded. Every SKU and order number is made fresh by the test.
 */
interface StockOrdersApi {

    Duration PATIENCE = Duration.ofSeconds(60);
    String HEADER = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n";

    TestRestTemplate rest();

    JdbcClient jdbc();

    ApplicationEventPublisher events();

    TransactionTemplate transaction();

    OrderStockPosting posting();

    /** The posting as configured otherwise: the same beans, other settings. */
    OrderStockPosting posting(OrderStockProperties settings);

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    @SuppressWarnings("unchecked")
    default void importedOrdersPostTheirSalesWithTheirOriginAndConsumeTheirReservations() {
        Api ops = Api.as(rest(), "ops");
        String a = fresh("ORD");
        String b = fresh("ORD");
        String untracked = fresh("ORD");
        receive(ops, a, "WH-EAST", 10);
        receive(ops, b, "S-001", 5);
        assertThat(ops.post("/api/stock/reservations", Map.of("orderNo", a + "-2", "channel", "jd", "lines",
                List.of(Map.of("sku", a, "location", "WH-EAST", "quantity", 2))), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        long jdImport = importFile(ops, "jd", a + "-jd.csv", HEADER
                + a + "-1,2026-11-20 10:00:00,2026-11-20 10:00:30,30.00,alipay,T" + a + "1,PAID,0.00,,饰品," + a + ",3\n"
                + a + "-2,2026-11-20 10:05:00,2026-11-20 10:05:30,20.00,alipay,T" + a + "2,PAID,0.00,,饰品," + a + ",2\n"
                + a + "-4,2026-11-20 11:00:00,2026-11-20 11:00:30,10.00,alipay,T" + a + "4,REFUNDED,10.00,,饰品," + a + ",1\n"
                + a + "-5,2026-11-20 12:00:00,2026-11-20 12:00:30,10.00,alipay,T" + a + "5,PAID,0.00,,饰品," + untracked + ",1\n");
        long posImport = importFile(ops, "pos", b + "-pos.csv", HEADER
                + b + "-3,2026-11-20 09:00:00,2026-11-20 09:00:10,15.00,card,R" + b + "3,PAID,0.00,S-001,饰品," + b + ",1\n"
                + b + "-6,2026-11-20 09:10:00,2026-11-20 09:10:10,15.00,cash,,PAID,0.00,,饰品," + b + ",1\n");

        assertThat(awaitPosted(ops, jdImport)).containsEntry("posted", 3).containsEntry("untracked", 1)
                .containsEntry("intercepted", 0);
        assertThat(awaitPosted(ops, posImport)).containsEntry("posted", 1).containsEntry("unlocated", 1);

        // 10 received, 3 sold, 2 sold from the order's own reservation, 1 sold and refunded (the warehouse
        // records a return when the goods come back; the refund alone brings nothing back).
        assertThat(ops.getJson("/api/stock?sku=" + a + "&location=WH-EAST")).containsEntry("onHand", 4)
                .containsEntry("reserved", 0).containsEntry("available", 4);
        assertThat(ops.getJson("/api/stock?sku=" + b + "&location=S-001")).containsEntry("onHand", 4);
        assertThat(ops.get("/api/stock?sku=" + untracked, List.class).getBody()).isEmpty();

        List<Map<String, Object>> moved = ops.get("/api/stock/movements?sku=" + a + "&location=WH-EAST", List.class)
                .getBody();
        assertThat(moved).extracting(m -> m.get("type") + " " + m.get("orderNo") + " " + m.get("onHandChange"))
                .containsExactly("RECEIPT null 10", "RESERVATION " + a + "-2 0", "SALE " + a + "-1 -3",
                        "RESERVED_SALE " + a + "-2 -2", "SALE " + a + "-4 -1");
        Map<String, Object> sale = moved.get(2);
        assertThat(sale).containsEntry("importId", (int) jdImport).containsEntry("lineNo", 2)
                .containsEntry("channel", "jd").containsEntry("reference", a + "-1")
                .containsEntry("businessDate", "2026-11-20").containsEntry("recordedBy", "system");
        // The order's time (paid at 10:00:30 in Shanghai), not the time of the posting.
        assertThat(sale.get("occurredAt")).isEqualTo("2026-11-20T02:00:30Z");
        assertThat(((Number) sale.get("recordId")).longValue()).isEqualTo(jdbc().sql(
                "SELECT id FROM recon_record WHERE order_no = ? AND import_id = ?").params(a + "-1", jdImport)
                .query(Long.class).single());
        assertThat(moved.get(3)).containsEntry("lineNo", 3).containsEntry("reservedChange", -2);
        assertThat(jdbc().sql("SELECT r.status, l.settled FROM stock_reservation r JOIN stock_reservation_line l "
                        + "ON l.reservation_id = r.id WHERE r.order_no = ?").param(a + "-2")
                .query((rs, n) -> rs.getString(1) + " " + rs.getLong(2)).single()).isEqualTo("FULFILLED 2");
        assertThat(ops.get("/api/stock/movements?sku=" + b + "&location=S-001", List.class).getBody())
                .extracting(m -> ((Map<String, Object>) m).get("orderNo")).containsExactly(null, b + "-3");
    }

    @Test
    default void aCancelledOrderGivesItsReservationBack() {
        Api ops = Api.as(rest(), "ops");
        String a = fresh("CXL");
        receive(ops, a, "WH-EAST", 5);
        ops.post("/api/stock/reservations", Map.of("orderNo", a + "-1", "channel", "douyin", "lines",
                List.of(Map.of("sku", a, "location", "WH-EAST", "quantity", 3))), Map.class);
        assertThat(ops.getJson("/api/stock?sku=" + a + "&location=WH-EAST")).containsEntry("available", 2);

        long id = importFile(ops, "douyin", a + ".csv", HEADER
                + a + "-1,2026-11-21 08:00:00,,30.00,wechatpay,,CANCELLED,0.00,,饰品," + a + ",3\n");
        assertThat(awaitPosted(ops, id)).containsEntry("cancelled", 1).containsEntry("posted", 0);

        assertThat(ops.getJson("/api/stock?sku=" + a + "&location=WH-EAST")).containsEntry("onHand", 5)
                .containsEntry("reserved", 0).containsEntry("available", 5);
        assertThat(jdbc().sql("SELECT type, reserved_change, order_no FROM stock_movement WHERE sku = ? ORDER BY id")
                .param(a).query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3)).list())
                .containsExactly("RECEIPT 0 null", "RESERVATION 3 " + a + "-1", "CANCELLATION -3 " + a + "-1");
        assertThat(jdbc().sql("SELECT status FROM stock_reservation WHERE order_no = ?").param(a + "-1")
                .query(String.class).single()).isEqualTo("CANCELLED");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void oversoldOrdersAreInterceptedAndEachDecisionOfOperationsIsAppliedAndRecorded() {
        Api ops = Api.as(rest(), "ops");
        String x = fresh("OVS");
        receive(ops, x, "WH-EAST", 2);
        receive(ops, x, "WH-WEST", 10);
        receive(ops, x, "WH-NORTH", 1);
        String allocated = x + "-A";
        String backOrdered = x + "-B";
        String cancelled = x + "-C";
        long id = importFile(ops, "jd", x + ".csv", HEADER
                + allocated + ",2026-11-22 10:00:00,2026-11-22 10:00:05,30.00,alipay,T" + x + "A,PAID,0.00,,饰品," + x + ",3\n"
                + backOrdered + ",2026-11-22 10:01:00,2026-11-22 10:01:05,40.00,alipay,T" + x + "B,PAID,0.00,,饰品," + x + ",4\n"
                + cancelled + ",2026-11-22 10:02:00,2026-11-22 10:02:05,50.00,alipay,T" + x + "C,PARTIALLY_REFUNDED,10.00,,饰品," + x + ",5\n");
        assertThat(awaitPosted(ops, id)).containsEntry("intercepted", 3).containsEntry("posted", 0);

        // Nothing was posted: the 2 at WH-EAST are still there, the orders wait as OPEN interceptions.
        assertThat(ops.getJson("/api/stock?sku=" + x + "&location=WH-EAST")).containsEntry("onHand", 2);
        List<Map<String, Object>> open = ops.get("/api/stock/interceptions?status=OPEN&orderNo=" + allocated,
                List.class).getBody();
        assertThat(open).singleElement().satisfies(i -> assertThat(i).containsEntry("sku", x)
                .containsEntry("location", "WH-EAST").containsEntry("quantity", 3).containsEntry("availableThen", 2)
                .containsEntry("channel", "jd").containsEntry("businessDate", "2026-11-22"));

        Map<String, Object> task = oversellTask(ops, allocated);
        assertThat(task.get("name")).isEqualTo("Oversold · order " + allocated + " (jd) · 3 × " + x + " at WH-EAST");
        String taskId = (String) task.get("id");
        Map<String, Object> shown = ops.getJson("/engine-rest/task/" + taskId + "/form-variables");
        assertThat(((Map<String, Object>) shown.get("availableThen")).get("value")).isEqualTo("2");
        assertThat((String) ((Map<String, Object>) shown.get("otherLocations")).get("value"))
                .contains("WH-WEST: 10 available (on hand 10, reserved 0) — can serve the order")
                .contains("WH-NORTH: 1 available");
        assertThat(Api.as(rest(), "finance").post("/engine-rest/task/" + taskId + "/complete",
                decision("ALLOCATE", "WH-WEST", "finance should not"), String.class).getStatusCode()
                .is2xxSuccessful()).as("only operations decide").isFalse();

        // A location without enough is refused, and the task says so; so is a decision without a comment.
        ResponseEntity<String> tooLittle = ops.post("/engine-rest/task/" + taskId + "/complete",
                decision("ALLOCATE", "WH-NORTH", "north has some"), String.class);
        assertThat(tooLittle.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(tooLittle.getBody()).contains("WH-NORTH has 1 of " + x + " available, the order needs 3");
        ResponseEntity<String> noComment = ops.post("/engine-rest/task/" + taskId + "/complete",
                decision("ALLOCATE", "WH-WEST", " "), String.class);
        assertThat(noComment.getBody()).contains("a comment explaining the decision is required");
        assertThat(ops.getJson("/api/stock/interceptions/" + open.get(0).get("id"))).containsEntry("status", "OPEN");

        complete(ops, taskId, decision("ALLOCATE", "WH-WEST", "west ships it"));
        Map<String, Object> allocation = interception(ops, allocated);
        assertThat(allocation).containsEntry("status", "DECIDED").containsEntry("decision", "ALLOCATE")
                .containsEntry("decisionLocation", "WH-WEST").containsEntry("decidedBy", "ops")
                .containsEntry("comment", "west ships it");
        assertThat(allocation.get("decidedAt")).isNotNull();
        assertThat(movement(allocation.get("movementId"))).isEqualTo("SALE WH-WEST -3 " + allocated + " "
                + allocation.get("recordId"));
        assertThat(ops.getJson("/api/stock?sku=" + x + "&location=WH-WEST")).containsEntry("onHand", 7);
        assertThat(ops.getJson("/api/stock?sku=" + x + "&location=WH-EAST")).containsEntry("onHand", 2);

        complete(ops, (String) oversellTask(ops, backOrdered).get("id"), decision("BACK_ORDER", null,
                "supplier delivers on Monday"));
        Map<String, Object> backOrder = interception(ops, backOrdered);
        assertThat(backOrder).containsEntry("decision", "BACK_ORDER").containsEntry("decisionLocation", null);
        assertThat(movement(backOrder.get("movementId"))).isEqualTo("SALE WH-EAST -4 " + backOrdered + " "
                + backOrder.get("recordId"));
        // Owed to the customer: the books go below zero, and channels are offered nothing.
        assertThat(ops.getJson("/api/stock?sku=" + x + "&location=WH-EAST")).containsEntry("onHand", -2)
                .containsEntry("available", -2);
        // The next delivery fills the hole first.
        assertThat(ops.post("/api/stock/movements", Map.of("sku", x, "location", "WH-EAST", "type", "RECEIPT",
                "quantity", 1, "reference", "DN-" + x + "-2"), Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(ops.getJson("/api/stock?sku=" + x + "&location=WH-EAST")).containsEntry("onHand", -1);

        complete(ops, (String) oversellTask(ops, cancelled).get("id"), decision("CANCEL", null, "customer agreed"));
        Map<String, Object> cancel = interception(ops, cancelled);
        assertThat(cancel).containsEntry("decision", "CANCEL").containsEntry("movementId", null);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_movement WHERE order_no = ?").param(cancelled)
                .query(Long.class).single()).isZero();
        assertThat(ops.get("/api/stock/interceptions?status=OPEN&orderNo=" + cancelled, List.class).getBody())
                .isEmpty();

        // Auditable in the process history: the path taken, the answer and who gave it.
        Api admin = Api.as(rest(), "admin");
        String instance = (String) allocation.get("processInstanceId");
        assertThat(admin.get("/engine-rest/history/activity-instance?processInstanceId=" + instance
                + "&activityId=allocateOrder", List.class).getBody()).hasSize(1);
        List<Map<String, Object>> variables = admin.get("/engine-rest/history/variable-instance?processInstanceId="
                + instance, List.class).getBody();
        assertThat(variables).anySatisfy(v -> assertThat(v).containsEntry("name", "oversellDecision")
                .containsEntry("value", "ALLOCATE"));
        assertThat(variables).anySatisfy(v -> assertThat(v).containsEntry("name", "decidedBy")
                .containsEntry("value", "ops"));
        assertThat(admin.get("/engine-rest/history/task?processInstanceId=" + instance, List.class).getBody())
                .singleElement().satisfies(t -> assertThat((Map<String, Object>) t).containsEntry("assignee", null)
                        .containsEntry("deleteReason", "completed"));
    }

    @Test
    default void theSameImportAnnouncedAgainOrItsPostingDoneAgainMovesNothingTwice() {
        Api ops = Api.as(rest(), "ops");
        String a = fresh("IDM");
        receive(ops, a, "WH-EAST", 4);
        long id = importFile(ops, "tmall", a + ".csv", HEADER
                + a + "-1,2026-11-23 10:00:00,2026-11-23 10:00:05,30.00,alipay,T" + a + "1,PAID,0.00,,饰品," + a + ",1\n"
                + a + "-2,2026-11-23 10:01:00,2026-11-23 10:01:05,30.00,alipay,T" + a + "2,PAID,0.00,,饰品," + a + ",2\n"
                + a + "-3,2026-11-23 10:02:00,2026-11-23 10:02:05,30.00,alipay,T" + a + "3,PAID,0.00,,饰品," + a + ",1\n"
                + a + "-4,2026-11-23 10:03:00,2026-11-23 10:03:05,30.00,alipay,T" + a + "4,PAID,0.00,,饰品," + a + ",5\n");
        assertThat(awaitPosted(ops, id)).containsEntry("posted", 3).containsEntry("intercepted", 1);
        long movements = movementsOf(a);
        assertThat(movements).isEqualTo(4);

        // The import announced again (a redelivered event): no second posting.
        transaction().executeWithoutResult(tx -> events().publishEvent(new RecordsImported(id, "tmall", Set.of())));
        assertThat(jdbc().sql("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ?").param("import-" + id)
                .query(Long.class).single()).isEqualTo(1L);

        // Its posting done again from the first line (a job run twice): everything is found done.
        jdbc().sql("UPDATE stock_order_posting SET status = 'PENDING', last_record_id = 0 WHERE import_id = ?")
                .param(id).update();
        while (posting().postNextChunk(id)) {
            // chunk after chunk
        }
        assertThat(movementsOf(a)).isEqualTo(movements);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_interception WHERE sku = ?").param(a).query(Long.class)
                .single()).isEqualTo(1L);
        assertThat(ops.getJson("/api/stock?sku=" + a + "&location=WH-EAST")).containsEntry("onHand", 0);
    }

    @Test
    default void aSkuNotUnderStockControlAtTheLocationIsCountedNotPostedUnlessConfiguredOtherwise() {
        Api ops = Api.as(rest(), "ops");
        String a = fresh("UNT");
        receive(ops, a, "WH-WEST", 5);
        long id = importFile(ops, "miniprogram", a + ".csv", HEADER
                + a + "-1,2026-11-24 10:00:00,2026-11-24 10:00:05,30.00,wechatpay,W" + a + "1,PAID,0.00,,饰品," + a + ",1\n");
        assertThat(awaitPosted(ops, id)).containsEntry("untracked", 1).containsEntry("posted", 0)
                .containsEntry("intercepted", 0);
        assertThat(ops.getJson("/api/stock?sku=" + a + "&location=WH-EAST")).containsEntry("onHand", 0);
        assertThat(ops.get("/api/stock/interceptions?orderNo=" + a + "-1", List.class).getBody()).isEmpty();

        // With only-tracked=false the same line meets no stock at WH-EAST: oversold, for operations to decide.
        jdbc().sql("UPDATE stock_order_posting SET status = 'PENDING', last_record_id = 0, untracked = 0 "
                + "WHERE import_id = ?").param(id).update();
        OrderStockPosting everything = posting(new OrderStockProperties(3, false));
        transaction().executeWithoutResult(tx -> everything.postNextChunk(id));
        assertThat(awaitPosted(ops, id)).containsEntry("intercepted", 1).containsEntry("untracked", 0);
        assertThat(interception(ops, a + "-1")).containsEntry("location", "WH-EAST").containsEntry("availableThen", 0)
                .containsEntry("status", "OPEN");
        assertThat(oversellTask(ops, a + "-1").get("name")).isEqualTo("Oversold · order " + a + "-1 (miniprogram) · 1 × "
                + a + " at WH-EAST");
    }

    private long movementsOf(String sku) {
        return jdbc().sql("SELECT COUNT(*) FROM stock_movement WHERE sku = ?").param(sku).query(Long.class).single();
    }

    private String movement(Object id) {
        return jdbc().sql("SELECT type, location, on_hand_change, order_no, record_id FROM stock_movement WHERE id = ?")
                .param(((Number) id).longValue())
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " "
                        + rs.getString(4) + " " + rs.getLong(5))
                .single();
    }

    private static void receive(Api ops, String sku, String location, int quantity) {
        assertThat(ops.post("/api/stock/movements", Map.of("sku", sku, "location", location, "type", "RECEIPT",
                "quantity", quantity, "reference", "DN-" + sku + "-" + location), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @SuppressWarnings("rawtypes")
    private static long importFile(Api user, String source, String name, String content) {
        ResponseEntity<Map> imported = user.importFile(source, name, content);
        assertThat(imported.getStatusCode()).as("%s", imported.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(imported.getBody()).containsEntry("rowsRejected", 0);
        return ((Number) imported.getBody().get("id")).longValue();
    }

    private static Map<String, Object> awaitPosted(Api user, long importId) {
        await().atMost(PATIENCE).until(() -> {
            var answer = user.get("/api/stock/order-postings/" + importId, Map.class);
            return answer.getStatusCode() == HttpStatus.OK && "DONE".equals(answer.getBody().get("status"));
        });
        return user.getJson("/api/stock/order-postings/" + importId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> oversellTask(Api ops, String orderNo) {
        String query = "/engine-rest/task?processDefinitionKey=oversell-review&candidateGroup=operations"
                + "&processInstanceBusinessKey=" + orderNo;
        await().atMost(PATIENCE).until(() -> ops.get(query, List.class).getBody().size() == 1);
        return (Map<String, Object>) ops.get(query, List.class).getBody().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> interception(Api ops, String orderNo) {
        return (Map<String, Object>) ops.get("/api/stock/interceptions?orderNo=" + orderNo, List.class).getBody()
                .get(0);
    }

    private static Map<String, Object> decision(String decision, String location, String comment) {
        var variables = new java.util.LinkedHashMap<String, Object>();
        variables.put("oversellDecision", Map.of("value", decision, "type", "String"));
        if (location != null) {
            variables.put("allocateFrom", Map.of("value", location, "type", "String"));
        }
        variables.put("comment", Map.of("value", comment, "type", "String"));
        return Map.of("variables", variables);
    }

    private static void complete(Api ops, String taskId, Map<String, Object> decision) {
        ResponseEntity<String> answer = ops.post("/engine-rest/task/" + taskId + "/complete", decision, String.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as("%s", answer.getBody()).isTrue();
    }
}
