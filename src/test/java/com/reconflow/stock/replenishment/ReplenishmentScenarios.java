package com.reconflow.stock.replenishment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.reconflow.support.Api;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Low-stock replenishment end to end on the application's engine and database: thresholds set over the API,
 * movements over the API, the {@code replenishment} process worked through the engine's REST API as the demo
 * users (buyer in purchasing, manager and controller in finance-manager), purchase requests read back as JSON
 * and XLSX. Every SKU is made fresh by the test ({@code RPL-…}) at location WH-RPL.
 */
interface ReplenishmentScenarios {

    String LOCATION = "WH-RPL";
    Duration PATIENCE = Duration.ofSeconds(30);

    TestRestTemplate rest();

    JdbcClient jdbc();

    ProcessEngine engine();

    Replenishments replenishments();

    TransactionTemplate transactions();

    // ---- the scenarios ----------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    default void crossingTheThresholdStartsOneCaseNoSecondWhileItIsOpenAndANewOneAfterItEnded() {
        String sku = freshSku();
        setThreshold(sku, 5, 3, "ACME Trading");
        move(sku, "RECEIPT", 20);
        move(sku, "SALE", 10);
        assertThat(processes(sku)).as("available 10 is above 5").isEmpty();

        move(sku, "SALE", 6); // available 4: crossed
        assertThat(processes(sku)).hasSize(1);
        ProcessInstance first = processes(sku).get(0);
        assertThat(first.getBusinessKey()).isEqualTo(sku + "@" + LOCATION);
        Map<String, Object> task = awaitTask("buyer", first.getId(), "reviewSuggestion");
        assertThat((String) task.get("name")).isEqualTo("Replenish " + sku + " @ " + LOCATION
                + " · available 4 ≤ 5 · suggest 11");
        // 16 sold over 28 days = 0.57/day; 0.57 x (3 + 14) + 5 - 4 = 10.69, rounded up.
        Map<String, Object> shown = variables("buyer", (String) task.get("id"));
        assertThat(shown).containsEntry("sku", sku).containsEntry("location", LOCATION).containsEntry("onHand", 4)
                .containsEntry("available", 4).containsEntry("threshold", 5).containsEntry("velocity", "0.57")
                .containsEntry("leadTimeDays", 3).containsEntry("coverDays", 14).containsEntry("velocityDays", 28)
                .containsEntry("suggestedQuantity", 11).containsEntry("quantity", 11)
                .containsEntry("supplier", "ACME Trading");

        // Back above and down again while the case is open: still the one case.
        move(sku, "RECEIPT", 10);
        move(sku, "SALE", 12);
        assertThat(processes(sku)).extracting(ProcessInstance::getId).containsExactly(first.getId());
        assertThat(cases(sku)).extracting(c -> c.get("status")).containsExactly("OPEN");

        assertThat(complete("buyer", (String) task.get("id"), Map.of("decision", "DISMISS",
                "comment", "promotion ends, we let it run out")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        awaitEnded(first.getId());
        assertThat(endedAt(first.getId())).isEqualTo("replenishmentDismissed");
        Map<String, Object> dismissed = cases(sku).get(0);
        assertThat(dismissed).containsEntry("status", "DISMISSED");
        assertThat(dismissed.get("closedAt")).isNotNull();
        assertThat(purchaseRequestsOf(sku)).isEmpty();

        // Free again: the next crossing opens the next case.
        move(sku, "RECEIPT", 10);
        assertThat(processes(sku)).isEmpty();
        move(sku, "SALE", 9);
        assertThat(processes(sku)).hasSize(1).extracting(ProcessInstance::getId).doesNotContain(first.getId());
        assertThat(cases(sku)).extracting(c -> c.get("status")).containsExactly("OPEN", "DISMISSED");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void anOrderBelowTheValueThresholdBecomesAPurchaseRequestWithoutApproval() throws IOException {
        String sku = freshSku();
        importCost(sku, "12.50");
        ProcessInstance process = crossed(sku);
        Map<String, Object> task = awaitTask("buyer", process.getId(), "reviewSuggestion");

        // An incomplete answer is refused and the task stays open.
        ResponseEntity<Map> refused = complete("buyer", (String) task.get("id"), Map.of("decision", "ORDER",
                "quantity", 0, "supplier", "ACME"));
        assertThat(refused.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat((String) refused.getBody().get("message")).contains("quantity: a whole number from 1");
        assertThat(complete("buyer", (String) task.get("id"), Map.of("decision", "ORDER", "quantity", 40,
                "supplier", " ")).getBody().get("message").toString()).contains("supplier: required to order");

        assertThat(complete("buyer", (String) task.get("id"), Map.of("decision", "ORDER", "quantity", 40,
                "supplier", "Nanjing Supply Co.")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        awaitEnded(process.getId());
        assertThat(passed(process.getId())).doesNotContain("approvePurchase");
        assertThat(endedAt(process.getId())).isEqualTo("purchaseRequested");

        List<Map<String, Object>> requests = purchaseRequestsOf(sku);
        assertThat(requests).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("sku", sku).containsEntry("location", LOCATION)
                .containsEntry("supplier", "Nanjing Supply Co.").containsEntry("quantity", 40)
                .containsEntry("unitCost", "12.50").containsEntry("purchaseValue", "500.00")
                .containsEntry("approvalRequired", false).containsEntry("requestedBy", "buyer")
                .containsEntry("approvedBy", null));
        assertThat(cases(sku).get(0)).containsEntry("status", "ORDERED").containsEntry("quantity", 40);

        long id = ((Number) requests.get(0).get("id")).longValue();
        List<List<Object>> sheet = sheet(Api.as(rest(), "buyer").get("/api/stock/purchase-requests/" + id + ".xlsx",
                byte[].class));
        assertThat(sheet).hasSize(2);
        assertThat(sheet.get(0)).containsExactlyElementsOf(PurchaseRequestWorkbook.TITLES.stream()
                .map(Object.class::cast).toList());
        assertThat(sheet.get(1).subList(0, 10)).containsExactly((double) id, sku, LOCATION, "Nanjing Supply Co.",
                40d, 12.5d, 500d, "否 no", "buyer", "");
        // The day's list export holds it too.
        List<List<Object>> day = sheet(Api.as(rest(), "finance").get("/api/stock/purchase-requests.xlsx",
                byte[].class));
        assertThat(day).anySatisfy(row -> assertThat(row.get(1)).isEqualTo(sku));
    }

    @Test
    @SuppressWarnings("unchecked")
    default void anOrderAboveTheValueThresholdWaitsForAnotherFinanceManagersApproval() throws IOException {
        String sku = freshSku();
        importCost(sku, "480.00");
        ProcessInstance process = crossed(sku);
        Map<String, Object> task = awaitTask("buyer", process.getId(), "reviewSuggestion");
        complete("buyer", (String) task.get("id"), Map.of("decision", "ORDER", "quantity", 11,
                "supplier", "ACME Trading", "comment", "as suggested"));

        Map<String, Object> approval = awaitTask("manager", process.getId(), "approvePurchase");
        assertThat(tasks("buyer", process.getId())).as("not purchasing's task").isEmpty();
        assertThat(variables("manager", (String) approval.get("id"))).containsEntry("purchaseValue", "5280.00")
                .containsEntry("unitCost", "480.00").containsEntry("costKnown", true)
                .containsEntry("approvalRequired", true).containsEntry("requestedBy", "buyer");
        assertThat(purchaseRequestsOf(sku)).as("nothing before approval").isEmpty();

        assertThat(complete("manager", (String) approval.get("id"), Map.of("approval", "APPROVE")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        awaitEnded(process.getId());
        assertThat(purchaseRequestsOf(sku)).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("quantity", 11).containsEntry("purchaseValue", "5280.00")
                .containsEntry("approvalRequired", true).containsEntry("approvedBy", "manager"));
        assertThat(passed(process.getId())).contains("decideApproval", "approvePurchase", "createPurchaseRequest");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aRejectedOrderGoesBackToPurchasingWithTheReasonAndAnUnknownCostAlwaysNeedsApproval() {
        String sku = freshSku(); // no cost list prices it
        ProcessInstance process = crossed(sku);
        Map<String, Object> task = awaitTask("buyer", process.getId(), "reviewSuggestion");
        complete("buyer", (String) task.get("id"), Map.of("decision", "ORDER", "quantity", 3, "supplier", "ACME"));

        Map<String, Object> approval = awaitTask("controller", process.getId(), "approvePurchase");
        assertThat(variables("controller", (String) approval.get("id"))).containsEntry("costKnown", false)
                .containsEntry("purchaseValue", null).containsEntry("approvalRequired", true);
        assertThat(complete("controller", (String) approval.get("id"), Map.of("approval", "REJECT"))
                .getBody().get("message").toString()).contains("rejectionReason: a rejection needs the reason");
        complete("controller", (String) approval.get("id"), Map.of("approval", "REJECT",
                "rejectionReason", "ask finance to import the SKU's cost first"));

        Map<String, Object> again = awaitTask("buyer", process.getId(), "reviewSuggestion");
        assertThat(variables("buyer", (String) again.get("id")))
                .containsEntry("rejectionReason", "ask finance to import the SKU's cost first");
        assertThat(purchaseRequestsOf(sku)).isEmpty();
        complete("buyer", (String) again.get("id"), Map.of("decision", "ORDER", "quantity", 2, "supplier", "ACME",
                "comment", "smaller"));
        Map<String, Object> second = awaitTask("manager", process.getId(), "approvePurchase");
        assertThat(variables("manager", (String) second.get("id"))).doesNotContainKeys("approval", "rejectionReason")
                .containsEntry("quantity", 2);
        complete("manager", (String) second.get("id"), Map.of("approval", "APPROVE"));
        awaitEnded(process.getId());
        assertThat(purchaseRequestsOf(sku)).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("quantity", 2).containsEntry("unitCost", null).containsEntry("purchaseValue", null)
                .containsEntry("approvedBy", "manager"));
    }

    @Test
    default void whoAskedForAnOrderCannotApproveIt() {
        String sku = freshSku();
        ProcessInstance process = crossed(sku);
        // Someone in both groups orders as purchasing; as the requester they may not also approve.
        Map<String, Object> task = awaitTask("buyer", process.getId(), "reviewSuggestion");
        var identity = engine().getIdentityService();
        identity.setAuthentication("manager", List.of("purchasing", "finance-manager"));
        try {
            engine().getTaskService().complete((String) task.get("id"), Map.of("decision", "ORDER", "quantity", 5,
                    "supplier", "ACME"));
        } finally {
            identity.clearAuthentication();
        }
        Map<String, Object> approval = awaitTask("manager", process.getId(), "approvePurchase");
        assertThat(complete("manager", (String) approval.get("id"), Map.of("approval", "APPROVE"))
                .getBody().get("message").toString()).contains("manager asked for this order and may not approve it too");
        assertThat(complete("controller", (String) approval.get("id"), Map.of("approval", "APPROVE"))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        awaitEnded(process.getId());
    }

    @Test
    default void aCaseDeletedInCockpitIsCancelledAndFreesTheSkuForTheNextCrossing() {
        String sku = freshSku();
        ProcessInstance process = crossed(sku);
        awaitTask("buyer", process.getId(), "reviewSuggestion");
        engine().getRuntimeService().deleteProcessInstance(process.getId(), "opened by mistake");
        assertThat(cases(sku)).singleElement().satisfies(c -> assertThat(c).containsEntry("status", "CANCELLED"));
        move(sku, "RECEIPT", 5);
        move(sku, "SALE", 5);
        assertThat(processes(sku)).hasSize(1);
        assertThat(cases(sku)).extracting(c -> c.get("status")).containsExactly("OPEN", "CANCELLED");
    }

    @Test
    default void concurrentCrossingsOpenOneCaseBecauseTheDatabaseHoldsTheOpenKey() throws Exception {
        String sku = freshSku();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Long>>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Callable<Optional<Long>> open = () -> {
                start.await();
                return transactions().execute(s -> replenishments().openIfNone(sku, LOCATION, null, 5, 4));
            };
            answers.add(pool.submit(open));
        }
        start.countDown();
        int opened = 0;
        for (Future<Optional<Long>> answer : answers) {
            opened += answer.get().isPresent() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(opened).isEqualTo(1);
        assertThat(processes(sku)).hasSize(1);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_replenishment WHERE sku = ?").param(sku).query(Long.class)
                .single()).isEqualTo(1L);
        // Not the service's check but the constraint: a second open row for the SKU and location cannot exist.
        assertThatThrownBy(() -> jdbc().sql("INSERT INTO stock_replenishment (sku, location, open_key, status, "
                        + "threshold, available_then, created_at) VALUES (?, ?, ?, 'OPEN', 5, 4, CURRENT_TIMESTAMP)")
                .params(sku, LOCATION, sku + "@" + LOCATION).update()).isInstanceOf(DuplicateKeyException.class);
        // Closed cases (open_key NULL) may be many.
        for (int i = 0; i < 2; i++) {
            jdbc().sql("INSERT INTO stock_replenishment (sku, location, open_key, status, threshold, available_then, "
                    + "created_at) VALUES (?, ?, NULL, 'DISMISSED', 5, 4, CURRENT_TIMESTAMP)").params(sku, LOCATION)
                    .update();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    default void thresholdsAreSetAllOrNoneFromJsonOrCsvWithEveryBadFieldNamed() {
        String a = freshSku();
        String b = freshSku();
        Api buyer = Api.as(rest(), "buyer");
        ResponseEntity<Map> bad = putCsv("buyer", "\uFEFFsku,location,threshold,leadTimeDays,supplier\n"
                + a + "," + LOCATION + ",5,3,ACME\n"
                + b + "," + LOCATION + ",five,3,ACME\n");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).containsEntry("field", "line 3, threshold");
        assertThat(buyer.get("/api/stock/thresholds?sku=" + a + "&location=" + LOCATION, Map.class).getStatusCode())
                .as("nothing of a refused file is stored").isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<Map> badJson = putJson("buyer", List.of(Map.of("sku", a, "location",
                LOCATION, "threshold", -1)));
        assertThat(badJson.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badJson.getBody()).containsEntry("field", "[0].threshold");

        assertThat(putCsv("buyer", "sku,location,threshold,leadTimeDays,supplier\n"
                + a + "," + LOCATION + ",5,3,ACME\n" + b + "," + LOCATION + ",8,,\n").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(buyer.getJson("/api/stock/thresholds?sku=" + b + "&location=" + LOCATION))
                .containsEntry("threshold", 8).containsEntry("leadTimeDays", 7).containsEntry("own", true);
        assertThat(putJson("finance", List.of(Map.of("sku", a, "location",
                LOCATION, "threshold", 1))).getStatusCode()).as("finance reads stock, does not keep it")
                .isEqualTo(HttpStatus.FORBIDDEN);

        // A threshold raised above what is available opens a case, as a sale crossing it would.
        move(a, "RECEIPT", 6);
        assertThat(processes(a)).isEmpty();
        ResponseEntity<Map> raised = putJson("buyer", List.of(Map.of("sku", a, "location",
                LOCATION, "threshold", 10, "leadTimeDays", 3, "supplier", "ACME")));
        assertThat((List<Object>) raised.getBody().get("replenishmentsOpened")).hasSize(1);
        assertThat(processes(a)).hasSize(1);
    }

    @Test
    default void purchasingFindsTheTaskAndItsFormInTasklistAndOperationsDoNot() {
        String sku = freshSku();
        ProcessInstance process = crossed(sku);
        Map<String, Object> task = awaitTask("buyer", process.getId(), "reviewSuggestion");
        assertThat(tasks("ops", process.getId())).isEmpty();
        ResponseEntity<Map> form = Api.as(rest(), "buyer").get("/engine-rest/task/" + task.get("id") + "/deployed-form",
                Map.class);
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(form.getBody()).containsEntry("id", "replenishment-form");
        String filterId = engine().getFilterService().createTaskFilterQuery().filterName("Replenishment")
                .singleResult().getId();
        ResponseEntity<List> listed = Api.as(rest(), "buyer").get("/engine-rest/filter/" + filterId + "/list",
                List.class);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(listed.getBody()).anySatisfy(t -> assertThat(((Map<?, ?>) t).get("id")).isEqualTo(task.get("id")));
    }

    // ---- the steps ------------------------------------------------------------------------------------

    private static String freshSku() {
        return "RPL-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A SKU with threshold 5 (lead time 3, ACME Trading) whose availability a sale has just taken to 4. */
    private ProcessInstance crossed(String sku) {
        setThreshold(sku, 5, 3, "ACME Trading");
        move(sku, "RECEIPT", 10);
        move(sku, "SALE", 6);
        List<ProcessInstance> started = processes(sku);
        assertThat(started).hasSize(1);
        return started.get(0);
    }

    private void setThreshold(String sku, long threshold, int leadTimeDays, String supplier) {
        assertThat(putJson("buyer", List.of(Map.of("sku", sku, "location",
                LOCATION, "threshold", threshold, "leadTimeDays", leadTimeDays, "supplier", supplier)))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private void move(String sku, String type, long quantity) {
        assertThat(Api.as(rest(), "ops").post("/api/stock/movements", Map.of("sku", sku, "location", LOCATION,
                "type", type, "quantity", quantity), Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private void importCost(String sku, String unitCost) {
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("file", new ByteArrayResource(("SKU,单位成本\n" + sku + "," + unitCost + "\n")
                .getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "costs-" + sku + ".csv";
            }
        });
        parts.add("validFrom", "2020-01-01");
        assertThat(Api.as(rest(), "finance").postMultipart("/api/costs", parts, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    private List<ProcessInstance> processes(String sku) {
        return engine().getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(ReplenishmentVariables.PROCESS_KEY).processInstanceBusinessKey(sku + "@" + LOCATION)
                .list();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> cases(String sku) {
        return Api.as(rest(), "buyer").get("/api/stock/replenishments?sku=" + sku, List.class).getBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> purchaseRequestsOf(String sku) {
        List<Map<String, Object>> all = Api.as(rest(), "buyer").get("/api/stock/purchase-requests", List.class).getBody();
        return all.stream().filter(r -> sku.equals(r.get("sku"))).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> tasks(String user, String processInstanceId) {
        return Api.as(rest(), user).get("/engine-rest/task?processInstanceId=" + processInstanceId, List.class)
                .getBody();
    }

    /** The task, once the engine's job has prepared it and the user may see it over the REST API Tasklist uses. */
    private Map<String, Object> awaitTask(String user, String processInstanceId, String taskKey) {
        List<Map<String, Object>> found = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            found.clear();
            tasks(user, processInstanceId).stream().filter(t -> taskKey.equals(t.get("taskDefinitionKey")))
                    .forEach(found::add);
            return found.size() == 1;
        });
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> variables(String user, String taskId) {
        Map<String, Map<String, Object>> typed = Api.as(rest(), user).get("/engine-rest/task/" + taskId
                + "/form-variables", Map.class).getBody();
        Map<String, Object> values = new HashMap<>();
        typed.forEach((name, value) -> values.put(name, value.get("value")));
        return values;
    }

    /** Claims and submits the task as the user, as Tasklist does. */
    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> complete(String user, String taskId, Map<String, Object> answer) {
        Api api = Api.as(rest(), user);
        api.post("/engine-rest/task/" + taskId + "/unclaim", Map.of(), Map.class);
        ResponseEntity<Map> claimed = api.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user),
                Map.class);
        if (!claimed.getStatusCode().is2xxSuccessful()) {
            return claimed;
        }
        Map<String, Object> variables = new HashMap<>();
        answer.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return api.post("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables), Map.class);
    }

    private void awaitEnded(String processInstanceId) {
        await().atMost(PATIENCE).until(() -> engine().getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(processInstanceId).count() == 0);
    }

    private List<String> passed(String processInstanceId) {
        return engine().getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .list().stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    private String endedAt(String processInstanceId) {
        return engine().getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult().getEndActivityId();
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> putCsv(String user, String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user);
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        return rest().exchange("/api/stock/thresholds", HttpMethod.PUT,
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), Map.class);
    }

    /** The first sheet's cells: numbers as doubles, text as text, empty cells as "". */
    private static List<List<Object>> sheet(ResponseEntity<byte[]> answer) throws IOException {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.getBody()))) {
            Sheet sheet = workbook.getSheet(PurchaseRequestWorkbook.SHEET);
            List<List<Object>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<Object> cells = new ArrayList<>();
                for (int c = 0; c < PurchaseRequestWorkbook.TITLES.size(); c++) {
                    var cell = row.getCell(c);
                    cells.add(cell == null ? "" : switch (cell.getCellType()) {
                        case NUMERIC -> cell.getNumericCellValue();
                        case STRING -> cell.getStringCellValue();
                        default -> "";
                    });
                }
                rows.add(cells);
            }
            return rows;
        }
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> putJson(String user, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest().exchange("/api/stock/thresholds", HttpMethod.PUT, new HttpEntity<>(body, headers), Map.class);
    }
}
