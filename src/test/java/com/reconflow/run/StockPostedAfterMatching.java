package com.reconflow.run;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.reconflow.stock.MovementRequest;
import com.reconflow.stock.MovementType;
import com.reconflow.stock.StockLedger;
import com.reconflow.support.Api;
import com.reconflow.support.Reviews;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finance does not wait for the warehouse: a store day whose files are in matches while the stock ledger is
 * still posting its orders (the posting's jobs held back), and its payment discrepancies go to review without
 * any stock mismatch. Once the posting is done, the day's stock mismatch joins the review with its case; while
 * a later import of the day is posting, matching again leaves the stock mismatches as they are, and its posting
 * supersedes the one it changes. The day, 2025-10-14, is used by no other test.
 */
interface StockPostedAfterMatching {

    LocalDate DAY = LocalDate.of(2025, 10, 14);
    ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    Duration PATIENCE = Duration.ofSeconds(90);
    String STORE = "S001";
    String POSTING_PROCESS = "stock-posting";
    String ORDER_HEADER = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n";
    String CARD_HEADER = "商户号,终端号,交易时间,交易类型,批次号,凭证号,参考号,卡号,交易金额,手续费,订单号,结算金额\n";

    TestRestTemplate rest();

    JdbcClient jdbc();

    <T> T bean(Class<T> type);

    default ManagementService managementService() {
        return bean(ManagementService.class);
    }

    default StockLedger ledger() {
        return bean(StockLedger.class);
    }

    default RunService runService() {
        return bean(RunService.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aRunMatchesWhileItsDaysOrdersArePostedAndTheStockJoinsItsReviewAfterwards() {
        Api finance = Api.as(rest(), "finance");
        Api ops = Api.as(rest(), "ops");
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String sku = "DC-" + tag;
        String paid = "DCA" + tag;
        String unpaid = "DCB" + tag;
        String late = "DCC" + tag;
        // The store keeps the article in the ledger, and records a return of the paid order nobody refunded.
        assertThat(ops.post("/api/stock/movements", Map.of("sku", sku, "location", STORE, "type", "RECEIPT",
                "quantity", 10, "reference", "DN-" + tag), Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ledger().record(new MovementRequest(sku, STORE, MovementType.RETURN, 1, "TH-" + tag, paid, null, null, null,
                null, "ops", "customer brought it back", DAY.atTime(18, 0).atZone(ZONE).toInstant(),
                "test:return:" + tag));

        // The ledger is slow today: the posting's jobs wait.
        managementService().suspendJobDefinitionByProcessDefinitionKey(POSTING_PROCESS, true);
        long orders = importFile(finance, "pos", "pos_" + tag + ".csv", ORDER_HEADER
                + paid + ",2025-10-14 10:00:00,2025-10-14 10:00:20,100.00,card,R" + paid + ",PAID,0.00," + STORE
                + ",饰品," + sku + ",2\n"
                + unpaid + ",2025-10-14 11:00:00,2025-10-14 11:00:20,50.00,card,R" + unpaid + ",PAID,0.00," + STORE
                + ",饰品," + sku + ",1\n");
        importFile(finance, "card", "unionpay_" + tag + ".csv", CARD_HEADER
                + "898310056510001,00010001,2025-10-14 10:00:25,消费,000601,000001,R" + paid
                + ",621700******0001,100.00,0.50," + paid + ",99.50\n");
        Map<?, ?> started = finance.post("/api/runs", Map.of("businessDate", DAY.toString(),
                "sources", List.of("pos", "card")), Map.class).getBody();
        long runId = ((Number) started.get("id")).longValue();
        String run = "/api/runs/" + runId;

        // Every source is in: the run matches without waiting for the posting, payments first.
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(finance.getJson(run).get("status")));
        assertThat(postingStatus(orders)).isEqualTo("PENDING");
        List<Map<String, Object>> raised = discrepancies(finance, run);
        assertThat(raised).extracting(d -> d.get("type") + " " + d.get("orderNo") + " " + d.get("status"))
                .containsExactly("MISSING_PAYMENT " + unpaid + " OPEN");
        await().atMost(PATIENCE).until(() -> discrepancies(finance, run).get(0).get("taskId") != null);
        assertThat(mismatches(ops)).isEmpty();
        // Matching again while the posting is pending compares no stock either.
        Map<String, Object> again = finance.post(run + "/rematch", Map.of(), Map.class).getBody();
        assertThat(again).containsEntry("openedDiscrepancies", List.of()).containsEntry("supersededDiscrepancies",
                List.of());
        assertThat(mismatches(ops)).isEmpty();

        // The posting is done: the day's stock mismatch joins the run's review, with its case for operations.
        managementService().activateJobDefinitionByProcessDefinitionKey(POSTING_PROCESS, true);
        await().atMost(PATIENCE).until(() -> "DONE".equals(postingStatus(orders)));
        await().atMost(PATIENCE).until(() -> stockDiscrepancies(finance, run).size() == 1
                && stockDiscrepancies(finance, run).get(0).get("taskId") != null);
        Map<String, Object> first = stockDiscrepancies(finance, run).get(0);
        assertThat(first).containsEntry("status", "OPEN");
        assertThat(mismatches(ops)).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("sku", sku).containsEntry("location", STORE)
                .containsEntry("soldPerOrders", 3).containsEntry("soldPerMovements", 3)
                .containsEntry("returnedPerOrders", 0).containsEntry("returnedPerMovements", 1)
                .containsEntry("status", "OPEN"));
        assertThat(operationsTasks(finance)).singleElement().satisfies(task -> assertThat((String) task.get("name"))
                .startsWith(DAY + " · STOCK_MISMATCH · " + sku + " @ " + STORE));
        assertThat(finance.getJson(run).get("status")).isEqualTo("IN_REVIEW");

        // A late order file of the day is posting: matching again takes its payment side, and leaves the stock
        // mismatch as it is (the ledger lacks only a sale that is late, not a difference).
        managementService().suspendJobDefinitionByProcessDefinitionKey(POSTING_PROCESS, true);
        long lateOrders = importFile(finance, "pos", "pos_" + tag + "_late.csv", ORDER_HEADER
                + late + ",2025-10-14 15:00:00,2025-10-14 15:00:20,30.00,card,R" + late + ",PAID,0.00," + STORE
                + ",饰品," + sku + ",1\n");
        Map<String, Object> pending = finance.post(run + "/rematch", Map.of(), Map.class).getBody();
        assertThat((List<Object>) pending.get("openedDiscrepancies")).hasSize(1);
        assertThat((List<Object>) pending.get("supersededDiscrepancies")).isEmpty();
        assertThat(discrepancies(finance, run)).extracting(d -> d.get("type") + " " + d.get("orderNo") + " "
                        + d.get("status"))
                .containsExactlyInAnyOrder("MISSING_PAYMENT " + unpaid + " OPEN", "MISSING_PAYMENT " + late + " OPEN",
                        "STOCK_MISMATCH " + paid + " OPEN");

        // Its posting done, the stock is compared again: the changed quantities are a new mismatch, the old one is
        // superseded and its review ends.
        managementService().activateJobDefinitionByProcessDefinitionKey(POSTING_PROCESS, true);
        await().atMost(PATIENCE).until(() -> "DONE".equals(postingStatus(lateOrders)));
        await().atMost(PATIENCE).until(() -> stockDiscrepancies(finance, run).stream()
                .anyMatch(d -> "OPEN".equals(d.get("status")) && d.get("taskId") != null
                        && !d.get("id").equals(first.get("id")))
                && operationsTasks(finance).size() == 1
                && !operationsTasks(finance).get(0).get("id").equals(first.get("taskId")));
        assertThat(stockDiscrepancies(finance, run)).extracting(d -> d.get("id").equals(first.get("id")) + " "
                + d.get("status")).containsExactlyInAnyOrder("true SUPERSEDED", "false OPEN");
        assertThat(mismatches(ops)).filteredOn(m -> "OPEN".equals(m.get("status"))).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("soldPerOrders", 4).containsEntry("soldPerMovements", 4)
                        .containsEntry("returnedPerOrders", 0).containsEntry("returnedPerMovements", 1));

        // The day's reviews done, the run archives; a posting of the day after that leaves it as it is.
        new Reviews(rest()).closeAll(DAY, "CHASE", "Asked the store");
        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(finance.getJson(run).get("status")));
        assertThat(runService().reconcileStock(runId)).isFalse();
        assertThat(discrepancies(finance, run)).noneMatch(d -> "OPEN".equals(d.get("status")));
    }

    @Test
    default void aPostingThatSettlesTheRunsLastOpenCaseArchivesTheRun() {
        LocalDate day = LocalDate.of(2025, 10, 21);
        Api finance = Api.as(rest(), "finance");
        Api ops = Api.as(rest(), "ops");
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String sku = "DL-" + tag;
        String paid = "DLA" + tag;
        String refunded = "DLB" + tag;
        assertThat(ops.post("/api/stock/movements", Map.of("sku", sku, "location", STORE, "type", "RECEIPT",
                "quantity", 10, "reference", "DN-" + tag), Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // The store takes back goods of an order whose file has not come yet.
        ledger().record(new MovementRequest(sku, STORE, MovementType.RETURN, 1, "TH-" + tag, refunded, null, null,
                null, null, "ops", "customer brought it back", day.atTime(18, 0).atZone(ZONE).toInstant(),
                "test:return:" + tag));
        long orders = importFile(finance, "pos", "pos_" + tag + ".csv", ORDER_HEADER
                + paid + ",2025-10-21 10:00:00,2025-10-21 10:00:20,100.00,card,R" + paid + ",PAID,0.00," + STORE
                + ",饰品," + sku + ",1\n");
        importFile(finance, "card", "unionpay_" + tag + ".csv", CARD_HEADER
                + "898310056510001,00010001,2025-10-21 10:00:25,消费,000701,000001,R" + paid
                + ",621700******0001,100.00,0.50," + paid + ",99.50\n");
        await().atMost(PATIENCE).until(() -> "DONE".equals(postingStatus(orders)));
        Map<?, ?> started = finance.post("/api/runs", Map.of("businessDate", day.toString(),
                "sources", List.of("pos", "card")), Map.class).getBody();
        String run = "/api/runs/" + started.get("id");

        // The day's payments agree; the return without its order is the run's only case.
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(finance.getJson(run).get("status"))
                && stockDiscrepancies(finance, run).size() == 1
                && stockDiscrepancies(finance, run).get(0).get("taskId") != null);
        assertThat(discrepancies(finance, run)).hasSize(1);

        // The order's file comes: once it is posted the stock agrees, the case is superseded, and as nobody has
        // anything left to decide, the run archives.
        importFile(finance, "pos", "pos_" + tag + "_late.csv", ORDER_HEADER
                + refunded + ",2025-10-21 12:00:00,2025-10-21 12:00:20,30.00,card,R" + refunded + ",REFUNDED,30.00,"
                + STORE + ",饰品," + sku + ",1\n");
        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(finance.getJson(run).get("status")));
        assertThat(stockDiscrepancies(finance, run)).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("status", "SUPERSEDED"));
        assertThat(new Reviews(rest()).tasks(day)).isEmpty();
    }

    /** The posting's jobs run again, whatever the test left behind: the other tests' imports post too. */
    @AfterEach
    default void letThePostingRun() {
        managementService().activateJobDefinitionByProcessDefinitionKey(POSTING_PROCESS, true);
    }

    private String postingStatus(long importId) {
        return jdbc().sql("SELECT status FROM stock_order_posting WHERE import_id = ?").param(importId)
                .query(String.class).single();
    }

    private static long importFile(Api user, String source, String name, String content) {
        ResponseEntity<Map> imported = user.importFile(source, name, content);
        assertThat(imported.getStatusCode()).as("%s", imported.getBody()).isEqualTo(HttpStatus.CREATED);
        return ((Number) imported.getBody().get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> discrepancies(Api finance, String run) {
        return finance.get(run + "/discrepancies", List.class).getBody();
    }

    private static List<Map<String, Object>> stockDiscrepancies(Api finance, String run) {
        return discrepancies(finance, run).stream().filter(d -> "STOCK_MISMATCH".equals(d.get("type"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> mismatches(Api ops) {
        return ops.get("/api/stock/mismatches?date=" + DAY, List.class).getBody();
    }

    /** The day's open review tasks for operations: the stock ones. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> operationsTasks(Api finance) {
        return Api.as(rest(), "admin").get("/engine-rest/task?processDefinitionKey=discrepancy-review"
                + "&candidateGroup=operations&processInstanceBusinessKey=" + DAY, List.class).getBody();
    }
}
