package com.reconflow.stock.orders;

import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import com.reconflow.support.BrowserAppTest;
import com.reconflow.support.Tasklist;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations decide about an oversold order in a real browser: log into Tasklist as {@code ops}, pick the filter
 * "Oversold orders", open the task, read the order and the stock, try a location that has too little (refused,
 * and Tasklist says why), then allocate from one that has enough. See {@link Tasklist} for what the browser
 * needs; on failure a screenshot and the page source go to target/browser-test/.
 */
class OversellTasklistBrowserTest extends BrowserAppTest {

    @Autowired
    TaskService taskService;

    @Test
    @SuppressWarnings("unchecked")
    void operationsAllocateAnOversoldOrderFromAnotherLocationInTasklist() {
        Api ops = Api.as(rest(), "ops");
        String sku = "BRW-OVS1";
        String orderNo = "BRW-ORDER-1";
        for (var receipt : List.of(Map.of("location", "WH-EAST", "quantity", 1),
                Map.of("location", "WH-WEST", "quantity", 5))) {
            assertThat(ops.post("/api/stock/movements", Map.of("sku", sku, "location", receipt.get("location"),
                    "type", "RECEIPT", "quantity", receipt.get("quantity"), "reference", "DN-" + receipt.get("location")),
                    Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        assertThat(ops.importFile("jd", "jd_oversell.csv", """
                订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量
                BRW-ORDER-1,2027-09-01 12:00:00,2027-09-01 12:00:05,70.00,alipay,TBRW1,PAID,0.00,,饰品,BRW-OVS1,2
                """).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String task = "Oversold · order " + orderNo + " (jd) · 2 × " + sku + " at WH-EAST";
        await().atMost(PATIENCE).until(() -> taskService.createTaskQuery().taskName(task).count() == 1);

        tasklist.login("ops", "ops");
        tasklist.selectFilter("Oversold orders");
        tasklist.waitForTaskList(List.of(task));
        tasklist.openTask(task);
        tasklist.claim();
        assertThat(tasklist.readOnlyField("Order no.")).isEqualTo(orderNo);
        assertThat(tasklist.readOnlyField("SKU")).isEqualTo(sku);
        assertThat(tasklist.readOnlyField("Quantity")).isEqualTo("2");
        assertThat(tasklist.readOnlyField("Available then")).isEqualTo("1");
        assertThat(tasklist.browser().findElement(By.cssSelector(".fjs-form-field-textarea textarea"))
                .getDomProperty("value")).contains("WH-WEST: 5 available");

        tasklist.chooseRadio("Allocate from another location");
        tasklist.write("Comment", "West has it");
        type("Allocate from location", "WH-EAST");
        tasklist.pressComplete();
        tasklist.await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".page-notifications"), "WH-EAST has 1 of " + sku + " available, the order needs 2"));
        tasklist.dismissNotifications();

        type("Allocate from location", "WH-WEST");
        tasklist.complete(task);

        await().atMost(PATIENCE).until(() -> "DECIDED".equals(interception(ops, orderNo).get("status")));
        assertThat(interception(ops, orderNo)).containsEntry("decision", "ALLOCATE")
                .containsEntry("decisionLocation", "WH-WEST").containsEntry("decidedBy", "ops")
                .containsEntry("comment", "West has it");
        assertThat(ops.getJson("/api/stock?sku=" + sku + "&location=WH-WEST")).containsEntry("onHand", 3);
        assertThat(ops.getJson("/api/stock?sku=" + sku + "&location=WH-EAST")).containsEntry("onHand", 1);
    }

    private void type(String label, String text) {
        WebElement input = tasklist.await().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-form-field-textfield')][.//label[normalize-space()=\"" + label
                        + "\"]]//input")));
        tasklist.clickInMiddle(input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
        tasklist.await().until(ExpectedConditions.attributeToBe(input, "value", text));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> interception(Api ops, String orderNo) {
        return (Map<String, Object>) ops.get("/api/stock/interceptions?orderNo=" + orderNo, List.class).getBody()
                .get(0);
    }
}
