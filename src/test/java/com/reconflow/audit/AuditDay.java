package com.reconflow.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import com.reconflow.support.AppTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store day for the audit tests, driven through the doors people use: a till file and the card
 * acquirer's settlement uploaded by finance, the run started by finance, and the day's one discrepancy
 * (order {@code <prefix>2} paid 90.00 of 100.00) decided by finance over the engine REST API with the
 * review form's variables. {@code <prefix>1} is matched one to one.
 */
final class AuditDay {

    /** The review form's decision; the one place to change when decisions are renamed. */
    static final String DECISION = "CHASE";
    static final String POS_HEADER = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n";
    static final String CARD_HEADER = "商户号,终端号,交易时间,交易类型,批次号,凭证号,参考号,卡号,交易金额,手续费,订单号,结算金额\n";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    final String day;
    final String prefix;
    final Api finance;
    long runId;
    long discrepancyId;
    String taskId;

    private AuditDay(AppTest app, String day, String prefix) {
        this.day = day;
        this.prefix = prefix;
        this.finance = Api.as(app.rest(), "finance");
    }

    /** The day imported, matched and waiting for the decision of its one discrepancy. */
    static AuditDay inReview(AppTest app, String day, String prefix) {
        AuditDay audit = new AuditDay(app, day, prefix);
        String d = day.replace("-", "");
        audit.upload("pos_" + d + ".csv", "pos", POS_HEADER
                + prefix + "1," + day + " 10:00:00," + day + " 10:00:20,100.00,card," + prefix + "REF1,PAID,0.00,S001,饰品,SS0001,1\n"
                + prefix + "2," + day + " 11:00:00," + day + " 11:00:20,100.00,card," + prefix + "REF2,PAID,0.00,S001,饰品,SS0002,1\n");
        audit.upload("unionpay_" + d + ".csv", "card", CARD_HEADER
                + "898310056510001,00010001," + day + " 10:00:25,消费,000501,000001," + prefix
                + "REF1,621700******0001,100.00,0.50," + prefix + "1,99.50\n"
                + "898310056510001,00010001," + day + " 11:00:25,消费,000501,000002," + prefix
                + "REF2,621700******0002,90.00,0.45," + prefix + "2,89.55\n");
        audit.runId = audit.startRun();
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(audit.finance.getJson(audit.run()).get("status"))
                && audit.tasks().size() == 1);
        List<Map<String, Object>> discrepancies = list(audit.finance, audit.run() + "/discrepancies");
        assertThat(discrepancies).singleElement().satisfies(x -> {
            assertThat(x.get("type")).isEqualTo("AMOUNT_MISMATCH");
            assertThat(x.get("orderNo")).isEqualTo(prefix + "2");
        });
        audit.discrepancyId = ((Number) discrepancies.get(0).get("id")).longValue();
        audit.taskId = (String) audit.tasks().get(0).get("id");
        return audit;
    }

    /** Finance claims the review task and completes it with a decision and a comment; the run archives. */
    void decide(String comment) {
        assertThat(finance.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "finance"), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(complete(finance, comment).getStatusCode().is2xxSuccessful()).isTrue();
        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(finance.getJson(run()).get("status")));
    }

    ResponseEntity<String> complete(Api user, String comment) {
        return user.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
                "decision", Map.of("value", DECISION, "type", "String"),
                "comment", Map.of("value", comment, "type", "String"))), String.class);
    }

    String run() {
        return "/api/runs/" + runId;
    }

    String posFile() {
        return "pos_" + day.replace("-", "") + ".csv";
    }

    String cardFile() {
        return "unionpay_" + day.replace("-", "") + ".csv";
    }

    List<Map<String, Object>> tasks() {
        return list(finance, "/engine-rest/task?processDefinitionKey=discrepancy-review&processInstanceBusinessKey=" + day);
    }

    private long startRun() {
        ResponseEntity<Map> started = finance.post("/api/runs", Map.of("businessDate", day, "sources",
                List.of("pos", "card")), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return ((Number) started.getBody().get("id")).longValue();
    }

    void upload(String name, String source, String content) {
        assertThat(finance.importFile(source, name, content).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Api user, String path) {
        ResponseEntity<List> response = user.get(path, List.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}
