package com.reconflow.stock.replenishment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.reconflow.support.Api;
import com.reconflow.support.BrowserAppTest;
import com.reconflow.support.Tasklist;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Purchasing in a real browser: buyer logs into Camunda Tasklist, finds the low-stock task in the filter
 * "Replenishment", reads the figures and the suggestion in the Camunda Form, changes the quantity and orders;
 * the order (12 at 2.00, below the approval limit) becomes a purchase request without approval. See {@link Tasklist}
 * for what the browser needs; on failure a screenshot and the page source go to target/browser-test/.
 */
class TasklistReplenishmentBrowserTest extends BrowserAppTest {

    private static final String LOCATION = "WH-BROWSER";

    @Test
    @SuppressWarnings("unchecked")
    void purchasingOrdersFromTheFormInTasklist() {
        String sku = "RPB-" + UUID.randomUUID().toString().substring(0, 8);
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("buyer", "buyer");
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(rest().exchange("/api/stock/thresholds", HttpMethod.PUT, new HttpEntity<>(List.of(Map.of("sku", sku,
                "location", LOCATION, "threshold", 5, "leadTimeDays", 3, "supplier", "ACME Trading")), headers),
                Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        var costs = new org.springframework.util.LinkedMultiValueMap<String, Object>();
        costs.add("file", new org.springframework.core.io.ByteArrayResource(("SKU,单位成本\n" + sku + ",2.00\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "costs-" + sku + ".csv";
            }
        });
        costs.add("validFrom", "2020-01-01");
        assertThat(Api.as(rest(), "finance").postMultipart("/api/costs", costs, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        Api ops = Api.as(rest(), "ops");
        ops.post("/api/stock/movements", Map.of("sku", sku, "location", LOCATION, "type", "RECEIPT", "quantity", 10),
                Map.class);
        ops.post("/api/stock/movements", Map.of("sku", sku, "location", LOCATION, "type", "SALE", "quantity", 6),
                Map.class);
        String taskName = "Replenish " + sku + " @ " + LOCATION + " · available 4 ≤ 5 · suggest 5";
        Api buyer = Api.as(rest(), "buyer");
        await().atMost(PATIENCE).until(() -> !buyer.get("/engine-rest/task?processDefinitionKey=replenishment"
                + "&processInstanceBusinessKey=" + sku + "@" + LOCATION, List.class).getBody().isEmpty());

        tasklist.login("buyer", "buyer");
        tasklist.selectFilter("Replenishment");
        tasklist.waitForTaskList(List.of(taskName));
        tasklist.openTask(taskName);
        tasklist.claim();
        assertThat(tasklist.readOnlyField("SKU")).isEqualTo(sku);
        assertThat(tasklist.readOnlyField("Location")).isEqualTo(LOCATION);
        assertThat(tasklist.readOnlyField("Sales velocity (units/day)")).isEqualTo("0.21");
        tasklist.chooseRadio("Order");
        // Shown once Order is chosen; a required field's label ends in its asterisk.
        WebElement quantity = tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-form-field-number')][.//label[starts-with(normalize-space(), "
                        + "'Quantity to order')]]//input")));
        tasklist.await().until(d -> "5".equals(quantity.getDomProperty("value")));
        // Select and overwrite: the form re-renders the field after clear(), which may bring the 5 back.
        quantity.sendKeys(Keys.chord(Keys.CONTROL, "a"), "12");
        tasklist.await().until(d -> "12".equals(quantity.getDomProperty("value")));
        WebElement supplier = tasklist.browser().findElement(By.xpath("//div[contains(@class,'fjs-form-field-textfield')]"
                + "[.//label[starts-with(normalize-space(), 'Supplier')]]//input"));
        assertThat(supplier.getDomProperty("value")).isEqualTo("ACME Trading");
        tasklist.complete(taskName);

        await().atMost(PATIENCE).until(() -> requestsOf(buyer, sku).size() == 1);
        assertThat(requestsOf(buyer, sku).get(0)).containsEntry("quantity", 12).containsEntry("supplier", "ACME Trading")
                .containsEntry("requestedBy", "buyer").containsEntry("purchaseValue", "24.00")
                .containsEntry("approvalRequired", false);
        tasklist.await().until(ExpectedConditions.invisibilityOfElementLocated(By.linkText(taskName)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> requestsOf(Api api, String sku) {
        return ((List<Map<String, Object>>) api.get("/api/stock/purchase-requests", List.class).getBody()).stream()
                .filter(r -> sku.equals(r.get("sku"))).toList();
    }
}
