package com.reconflow.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.reconflow.config.Db;
import com.reconflow.support.Api;
import com.reconflow.support.BrowserAppTest;
import com.reconflow.support.Tasklist;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations decide about a missing source in a real browser: log into Tasklist as {@code ops}, open
 * the task "Missing channel data", read what is missing, choose to proceed without it, say why and
 * complete; the run then matches without it and says so. See {@link Tasklist} for what the browser
 * needs; on failure a screenshot and the page source go to target/browser-test/.
 * (Its day, 2027-08-20, is used by no other test.)
 */
class MissingChannelDataBrowserTest extends BrowserAppTest {

    private static final String DAY = "2027-08-20";
    private static final String TASK = "Missing channel data · " + DAY + " · card";
    private static final String PROCEED = "Proceed: match the day without the missing sources";
    private static final String COMMENT = "Acquirer's file is late; card sales reconciled with tomorrow's run";

    @Autowired
    TaskService taskService;

    @Test
    @SuppressWarnings("unchecked")
    void operationsProceedWithoutAMissingSourceInTasklist() {
        Api finance = Api.as(rest(), "finance");
        assertThat(finance.importFile("pos", "pos_20270820.csv", """
                订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量
                BT1,2027-08-20 12:00:00,2027-08-20 12:00:05,35.00,cash,,PAID,0.00,S001,饰品,SS0003,1
                """).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> run = finance.post("/api/runs", Map.of("businessDate", DAY, "sources",
                List.of("pos", "card")), Map.class).getBody();
        String path = "/api/runs/" + run.get("id");
        // The deadline passes.
        jdbc().sql("UPDATE recon_run SET collect_until = ? WHERE id = ?")
                .params(Db.utc(Instant.now().minusSeconds(60)), run.get("id")).update();
        await().atMost(PATIENCE).until(() -> taskService.createTaskQuery().taskName(TASK).count() == 1);

        tasklist.login("ops", "ops");
        tasklist.selectFilter("Missing channel data");
        tasklist.waitForTaskList(List.of(TASK));
        tasklist.openTask(TASK);
        tasklist.claim();

        assertThat(tasklist.readOnlyField("Business date")).isEqualTo(DAY);
        assertThat(tasklist.readOnlyField("Missing")).isEqualTo("card");
        assertThat(tasklist.browser().findElement(By.cssSelector(".fjs-form-field-textarea textarea"))
                .getDomProperty("value")).startsWith("pos: 1 file, 1 row, the last at ");

        tasklist.choose(PROCEED);
        tasklist.write("Comment", COMMENT);
        tasklist.complete(TASK);

        // Matched (archived too, unless other days' records waiting as timing differences came along).
        await().atMost(PATIENCE).until(() -> finance.getJson(path).get("matchedAt") != null);
        Map<String, Object> matched = finance.getJson(path);
        assertThat(matched).containsEntry("matchedWithout", List.of("card"));
        assertThat((List<Map<String, Object>>) matched.get("collectionDecisions")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("decision", "PROCEED").containsEntry("decidedBy", "ops")
                        .containsEntry("comment", COMMENT));
    }

}
