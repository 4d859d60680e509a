package com.reconflow.stock.reconciliation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.reconflow.demo.DemoDay;
import com.reconflow.demo.DemoFile;
import com.reconflow.demo.ExpectedStockMismatch;
import com.reconflow.demo.SyntheticDayGenerator;
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
 * The stock reconciliation of a generated day of 1,500 orders with planted stock differences: the warehouse's
 * stock-movements file and the channels' orders come through the inbox, then the providers' and bank's files
 * complete the day, and its run matches its payments while the order posting's jobs are held back. Once the
 * orders' sales are posted, the STOCK_MISMATCH discrepancies join the run's review: they must be exactly the
 * generator's ground truth, go to operations with their quantities, survive matching again unchanged, and
 * leave when a late movement settles them. The day is in March 2029, which no other test uses.
 */
interface GeneratedDayStockReconciliationApi {

    LocalDate DAY = LocalDate.of(2029, 3, 14);
    int ORDERS = 1_500;
    long SEED = 20290314L;
    Duration PATIENCE = Duration.ofMinutes(4);
    List<String> CHANNELS = List.of("jd", "douyin", "miniprogram", "pos");
    List<String> OTHERS = List.of("wechatpay", "alipay", "card", "bank");
    ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    String POSTING_PROCESS = "stock-posting";

    TestRestTemplate rest();

    JdbcClient jdbc();

    Path inbox();

    StockLedger ledger();

    ManagementService managementService();

    @Test
    @SuppressWarnings("unchecked")
    default void aGeneratedDaysStockDifferencesAreFoundExactly() throws IOException {
        Api finance = Api.as(rest(), "finance");
        Api ops = Api.as(rest(), "ops");
        DemoDay day = new SyntheticDayGenerator().generate(DAY, SEED, ORDERS);
        List<ExpectedStockMismatch> truth = day.stock().mismatches();
        // One of each planted difference per 500 orders.
        assertThat(truth).extracting(ExpectedStockMismatch::scenario).containsOnly(
                ExpectedStockMismatch.MISSING_RETURN, ExpectedStockMismatch.RETURN_WITHOUT_REFUND,
                ExpectedStockMismatch.WRONG_RETURN_QUANTITY, ExpectedStockMismatch.SALE_WITHOUT_ORDER).hasSize(12);

        ResponseEntity<Map> started = finance.post("/api/runs", Map.of("businessDate", DAY.toString(),
                "sources", concat(CHANNELS, OTHERS)), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String runPath = "/api/runs/" + started.getBody().get("id");

        // The warehouse's stock movements first (its morning receipts put the SKUs under stock control), then
        // the channels' orders, whose sales the order posting takes from that stock, then the rest. The posting
        // is slow today (its jobs held back): the run matches once every source is in, without waiting for it.
        DemoFile stockFile = day.stock().file();
        drop(stockFile);
        await().atMost(PATIENCE).until(() -> jdbc().sql(
                "SELECT COUNT(*) FROM recon_import WHERE source = 'warehouse' AND file_name = ? AND status = 'ACCEPTED'")
                .param(stockFile.fileName()).query(Long.class).single() == 1);
        managementService().suspendJobDefinitionByProcessDefinitionKey(POSTING_PROCESS, true);
        for (String channel : CHANNELS) {
            drop(day.file(channel).orElseThrow());
        }
        for (String source : OTHERS) {
            drop(day.file(source).orElseThrow());
        }
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(finance.getJson(runPath).get("status")));

        // The payments' discrepancies are the generator's planted cases; no stock difference is raised while the
        // ledger lacks sales that are only late.
        assertThat(postingsPending()).isPositive();
        List<Map<String, Object>> matched = finance.get(runPath + "/discrepancies", List.class).getBody();
        assertThat(matched).hasSize(day.discrepancies().size())
                .noneMatch(d -> "STOCK_MISMATCH".equals(d.get("type")));
        assertThat(mismatches(ops)).isEmpty();

        // The day's orders posted, its stock differences join the review.
        managementService().activateJobDefinitionByProcessDefinitionKey(POSTING_PROCESS, true);
        await().atMost(PATIENCE).until(() -> postingsPending() == 0 && !mismatches(ops).isEmpty());

        // Exactly the planted differences, with their quantities.
        List<Map<String, Object>> found = mismatches(ops);
        assertThat(found).extracting(GeneratedDayStockReconciliationApi::line)
                .containsExactlyInAnyOrderElementsOf(truth.stream().map(GeneratedDayStockReconciliationApi::line).toList());
        for (ExpectedStockMismatch expected : truth) {
            Map<String, Object> m = found.stream().filter(f -> line(f).equals(line(expected))).findFirst().orElseThrow();
            assertThat(m.get("status")).isEqualTo("OPEN");
            if (expected.orderNo() == null) {
                assertThat(m.get("orderNo")).as(expected.scenario()).isNull();
                assertThat((String) m.get("orders")).contains("SALE").contains("without an order");
            } else {
                // The order it is about: the discrepancy names it, and it is the only order involved.
                assertThat(m.get("orderNo")).as(expected.scenario()).isEqualTo(expected.orderNo());
                assertThat(((String) m.get("orders")).split("\n")).hasSize(1);
                assertThat((String) m.get("orders")).startsWith(expected.orderNo() + " (");
            }
        }
        // The day's other discrepancies are the generator's planted cases as before.
        List<Map<String, Object>> all = finance.get(runPath + "/discrepancies", List.class).getBody();
        assertThat(all.stream().filter(d -> "STOCK_MISMATCH".equals(d.get("type"))).count()).isEqualTo(truth.size());
        assertThat(all.stream().filter(d -> !"STOCK_MISMATCH".equals(d.get("type"))).count())
                .isEqualTo(day.discrepancies().size());

        // Each goes to operations, its task showing SKU, location and the quantities.
        Api admin = Api.as(rest(), "admin");
        await().atMost(PATIENCE).until(() -> operationsTasks(admin).size() == truth.size());
        for (Map<String, Object> task : operationsTasks(admin)) {
            Map<String, Object> variables = admin.getJson("/engine-rest/task/" + task.get("id") + "/variables");
            long discrepancyId = ((Number) value(variables, "discrepancyId")).longValue();
            Map<String, Object> m = found.stream()
                    .filter(f -> ((Number) f.get("discrepancyId")).longValue() == discrepancyId).findFirst().orElseThrow();
            assertThat(value(variables, "discrepancyType")).isEqualTo("STOCK_MISMATCH");
            assertThat(value(variables, "stockSku")).isEqualTo(m.get("sku"));
            assertThat(value(variables, "stockLocation")).isEqualTo(m.get("location"));
            assertThat(value(variables, "soldPerOrders")).isEqualTo(m.get("soldPerOrders").toString());
            assertThat(value(variables, "soldPerMovements")).isEqualTo(m.get("soldPerMovements").toString());
            assertThat(value(variables, "returnedPerOrders")).isEqualTo(m.get("returnedPerOrders").toString());
            assertThat(value(variables, "returnedPerMovements")).isEqualTo(m.get("returnedPerMovements").toString());
            assertThat(value(variables, "stockOrders")).isEqualTo(m.get("orders"));
            assertThat((String) task.get("name")).startsWith(DAY + " · STOCK_MISMATCH · " + m.get("sku") + " @ "
                    + m.get("location"));
        }

        // Matching the day again finds the same: nothing opened, nothing superseded.
        Map<String, Object> again = finance.post(runPath + "/rematch", Map.of(), Map.class).getBody();
        assertThat((List<Object>) again.get("openedDiscrepancies")).isEmpty();
        assertThat((List<Object>) again.get("supersededDiscrepancies")).isEmpty();

        // The warehouse records a missing return late: that mismatch leaves the review, the others stay.
        ExpectedStockMismatch missing = truth.stream()
                .filter(t -> t.scenario().equals(ExpectedStockMismatch.MISSING_RETURN)).findFirst().orElseThrow();
        Map<String, Object> settled = found.stream().filter(f -> line(f).equals(line(missing))).findFirst().orElseThrow();
        ledger().record(new MovementRequest(missing.sku(), missing.location(), MovementType.RETURN,
                missing.returnedPerOrders() - missing.returnedPerMovements(), "TH-LATE-1", missing.orderNo(), null, null,
                null, null, "ops", "late return", DAY.atTime(21, 0).atZone(ZONE).toInstant(), "test:late-return:1"));
        Map<String, Object> late = finance.post(runPath + "/rematch", Map.of(), Map.class).getBody();
        assertThat((List<Object>) late.get("openedDiscrepancies")).isEmpty();
        assertThat(((List<Number>) late.get("supersededDiscrepancies")).stream().map(Number::longValue).toList())
                .containsExactly(((Number) settled.get("discrepancyId")).longValue());
        assertThat(mismatches(ops)).filteredOn(m -> "OPEN".equals(m.get("status"))).hasSize(truth.size() - 1);
    }

    /** Closes the day's reviews (operations decide the stock ones) so the run archives and leaves nothing open. */
    @AfterEach
    @SuppressWarnings("unchecked")
    default void closeTheDaysReviews() {
        managementService().activateJobDefinitionByProcessDefinitionKey(POSTING_PROCESS, true);
        List<Long> runs = jdbc().sql("SELECT id FROM recon_run WHERE business_date = ?").param(DAY).query(Long.class).list();
        if (runs.isEmpty()) {
            return;
        }
        Api finance = Api.as(rest(), "finance");
        String runPath = "/api/runs/" + runs.get(0);
        long open = jdbc().sql("SELECT COUNT(*) FROM recon_discrepancy WHERE run_id = ? AND status = 'OPEN'")
                .param(runs.get(0)).query(Long.class).single();
        Reviews reviews = new Reviews(rest());
        await().atMost(PATIENCE).until(() -> reviews.tasks(DAY).size() >= open);
        reviews.closeAll(DAY, "CHASE", "Planted by the generator");
        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(finance.getJson(runPath).get("status")));
        jdbc().sql("UPDATE recon_pending SET resolved_run_id = run_id WHERE since_date = ? AND resolved_run_id IS NULL")
                .param(DAY).update();
    }

    /** The day's imports whose order lines are not all posted to the stock ledger yet. */
    private long postingsPending() {
        return jdbc().sql("SELECT COUNT(*) FROM stock_order_posting p JOIN recon_import i ON i.id = p.import_id "
                + "WHERE i.business_date = ? AND p.status <> 'DONE'").param(DAY).query(Long.class).single();
    }

    private void drop(DemoFile file) throws IOException {
        // written beside, then moved in: the inbox never sees half a file
        Path folder = Files.createDirectories(inbox().resolve(file.source()));
        Path partial = Files.write(folder.resolve("." + file.fileName() + ".part"), file.content());
        Files.move(partial, folder.resolve(file.fileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> mismatches(Api ops) {
        ResponseEntity<List> answer = ops.get("/api/stock/mismatches?date=" + DAY, List.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    /** The day's review tasks for operations: money differences go to finance, so these are the stock ones. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> operationsTasks(Api admin) {
        return admin.get("/engine-rest/task?processDefinitionKey=discrepancy-review&candidateGroup=operations"
                + "&processInstanceBusinessKey=" + DAY + "&maxResults=1000", List.class).getBody();
    }

    @SuppressWarnings("unchecked")
    private static Object value(Map<String, Object> variables, String name) {
        Map<String, Object> variable = (Map<String, Object>) variables.get(name);
        return variable == null ? null : variable.get("value");
    }

    private static String line(Map<String, Object> m) {
        return m.get("sku") + " @ " + m.get("location") + ": sold " + m.get("soldPerOrders") + "/"
                + m.get("soldPerMovements") + ", returned " + m.get("returnedPerOrders") + "/"
                + m.get("returnedPerMovements");
    }

    private static String line(ExpectedStockMismatch m) {
        return m.sku() + " @ " + m.location() + ": sold " + m.soldPerOrders() + "/" + m.soldPerMovements()
                + ", returned " + m.returnedPerOrders() + "/" + m.returnedPerMovements();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
