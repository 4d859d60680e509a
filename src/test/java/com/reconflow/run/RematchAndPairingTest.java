package com.reconflow.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store day in review, matched again: without new data nothing changes; a person confirms the
 * proposed pair; late card data pays the order that was missing its payment and brings a payment
 * no order knows, so one review ends and another begins in the same run, and the run archives
 * when the reviews are done. (Its day, 2025-07-14, is used by no other test of the shared context.)
 */
class RematchAndPairingTest extends H2AppTest {

    private static final String DAY = "2025-07-14";
    private static final String CARD_HEADER = "商户号,终端号,交易时间,交易类型,批次号,凭证号,参考号,卡号,交易金额,手续费,订单号,结算金额\n";

    @Test
    @SuppressWarnings("unchecked")
    void matchingADayAgainChangesOnlyWhatNewDataOrAPersonChanged() {
        Api finance = Api.as(rest(), "finance");
        upload(finance, "pos", "pos_20250714.csv", """
                订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量
                RM1,2025-07-14 10:00:00,2025-07-14 10:00:20,100.00,card,RMREF1,PAID,0.00,S001,饰品,SS0001,1
                RM2,2025-07-14 11:00:00,2025-07-14 11:00:20,50.00,card,RMREF2,PAID,0.00,S001,饰品,SS0002,1
                RM3,2025-07-14 14:02:00,2025-07-14 14:02:10,128.00,card,,PAID,0.00,S001,饰品,SS0003,1
                """);
        upload(finance, "card", "unionpay_20250714.csv", CARD_HEADER + """
                898310056510001,00010001,2025-07-14 10:00:25,消费,000301,000001,RMREF1,621700******0001,100.00,0.50,RM1,99.50
                898310056510001,00010001,2025-07-14 14:03:10,消费,000301,000003,RMREF3,621700******0003,128.00,0.64,RN3,127.36
                """);
        Map<?, ?> started = finance.post("/api/runs", Map.of("businessDate", DAY, "sources", List.of("pos", "card")),
                Map.class).getBody();
        String run = "/api/runs/" + started.get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "IN_REVIEW".equals(finance.getJson(run).get("status")));
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks(finance).size() == 1);

        List<Map<String, Object>> raised = discrepancies(finance, run);
        assertThat(raised).singleElement().satisfies(d -> {
            assertThat(d.get("type")).isEqualTo("MISSING_PAYMENT");
            assertThat(d.get("orderNo")).isEqualTo("RM2");
        });
        Object missingPaymentId = raised.get(0).get("id");
        List<Map<String, Object>> proposals = finance.get(run + "/proposals", List.class).getBody();
        assertThat(proposals).singleElement().satisfies(p -> {
            assertThat(p.get("status")).isEqualTo("OPEN");
            assertThat(((Map<String, Object>) p.get("order")).get("orderNo")).isEqualTo("RM3");
            assertThat(((Map<String, Object>) p.get("payment")).get("orderNo")).isEqualTo("RN3");
            assertThat(p.get("confidence")).isEqualTo(0.96);
        });
        assertThat((Map<String, Object>) finance.getJson(run).get("counts")).containsEntry("proposed", 1);
        List<Long> matchesBefore = matchIds((Integer) started.get("id"));

        // Matching again without new data changes nothing: same rows, same tasks.
        Map<String, Object> again = finance.post(run + "/rematch", Map.of(), Map.class).getBody();
        assertThat(again).containsEntry("openedDiscrepancies", List.of()).containsEntry("supersededDiscrepancies", List.of());
        assertThat(matchIds((Integer) started.get("id"))).isEqualTo(matchesBefore);
        assertThat(discrepancies(finance, run)).isEqualTo(raised);

        // A decision needs a comment; then the confirmed pair is a manual match that later matchings keep.
        Object proposalId = proposals.get(0).get("id");
        assertThat(finance.post(run + "/proposals/" + proposalId + "/confirm", Map.of("comment", " "), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map> confirmed = finance.post(run + "/proposals/" + proposalId + "/confirm",
                Map.of("comment", "Till slip shows RM3; the terminal operator typed RN3"), Map.class);
        assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(finance.post(run + "/proposals/" + proposalId + "/reject", Map.of("comment", "changed my mind"),
                String.class).getStatusCode()).as("a decided proposal stays decided").isEqualTo(HttpStatus.CONFLICT);
        List<Map<String, Object>> traced = (List<Map<String, Object>>) finance.getJson("/api/records?orderNo=RM3")
                .get("records");
        Map<String, Object> order = traced.stream().filter(r -> "ORDER".equals(r.get("kind"))).findFirst().orElseThrow();
        assertThat((List<Map<String, Object>>) order.get("matches")).singleElement().satisfies(m -> {
            assertThat(m.get("kind")).isEqualTo("MANUAL");
            assertThat(m.get("ruleId")).isEqualTo("manual/v1");
            assertThat(m.get("rulesVersion")).isEqualTo("2026-11-2");
        });
        assertThat((List<Map<String, Object>>) order.get("proposals")).singleElement()
                .satisfies(p -> assertThat(p.get("status")).isEqualTo("CONFIRMED"));
        assertThat(proposalTasksOf(finance, DAY)).as("decided over the API, its Tasklist case is withdrawn").isEmpty();

        // A pair must be an order and a payment the day's matching looks at; anything else is refused.
        assertThat(finance.post(run + "/pairs", Map.of("orderRecordId", 999_999_999L, "paymentRecordId",
                        ((Map<String, Object>) proposals.get(0).get("payment")).get("recordId"), "action", "LINK",
                        "reason", "no such order"), String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // Late card data: RM2's payment arrives, and a payment no order knows.
        upload(finance, "card", "unionpay_20250714_late.csv", CARD_HEADER + """
                898310056510001,00010001,2025-07-14 11:00:25,消费,000302,000002,RMREF2,621700******0002,50.00,0.25,RM2,49.75
                898310056510001,00010001,2025-07-14 16:30:00,消费,000302,000009,RMREF9,621700******0009,42.00,0.21,RM9,41.79
                """);
        Map<String, Object> late = finance.post(run + "/rematch", Map.of(), Map.class).getBody();
        assertThat(late.get("supersededDiscrepancies")).isEqualTo(List.of(missingPaymentId));
        assertThat((List<Object>) late.get("openedDiscrepancies")).hasSize(1);
        Object newId = ((List<Object>) late.get("openedDiscrepancies")).get(0);

        List<Map<String, Object>> now = discrepancies(finance, run);
        assertThat(now).extracting(d -> d.get("id") + " " + d.get("type") + " " + d.get("status"))
                .containsExactly(missingPaymentId + " MISSING_PAYMENT SUPERSEDED", newId + " MISSING_ORDER OPEN");
        // The superseded review ended; the new discrepancy joined the run's reviews.
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks(finance).size() == 1
                && newId.equals(discrepancies(finance, run).get(1).get("id"))
                && tasks(finance).get(0).get("id").equals(discrepancies(finance, run).get(1).get("taskId")));

        String task = (String) tasks(finance).get(0).get("id");
        assertThat(finance.post("/engine-rest/task/" + task + "/claim", Map.of("userId", "finance"), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(finance.post("/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of(
                "decision", Map.of("value", "CHASE", "type", "String"),
                "comment", Map.of("value", "Asked the acquirer about RMREF9", "type", "String"))), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> "ARCHIVED".equals(finance.getJson(run).get("status")));
        assertThat(finance.post(run + "/rematch", Map.of(), String.class).getStatusCode())
                .as("an archived day is not matched again").isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void lateDataThatSettlesTheLastOpenCaseArchivesTheRunWithoutADecision() {
        String day = "2025-07-21";
        Api finance = Api.as(rest(), "finance");
        upload(finance, "pos", "pos_20250721.csv", """
                订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量
                LW1,2025-07-21 10:00:00,2025-07-21 10:00:20,100.00,card,LWREF1,PAID,0.00,S001,饰品,SS0001,1
                LW3,2025-07-21 15:00:00,2025-07-21 15:00:20,30.00,card,LWREF3,PAID,0.00,S001,饰品,SS0003,1
                """);
        upload(finance, "card", "unionpay_20250721.csv", CARD_HEADER + """
                898310056510001,00010001,2025-07-21 15:00:25,消费,000401,000003,LWREF3,621700******0003,30.00,0.15,LW3,29.85
                """);
        Map<?, ?> started = finance.post("/api/runs", Map.of("businessDate", day, "sources", List.of("pos", "card")),
                Map.class).getBody();
        String run = "/api/runs/" + started.get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "IN_REVIEW".equals(finance.getJson(run).get("status"))
                && tasksOf(finance, day).size() == 1);

        upload(finance, "card", "unionpay_20250721_late.csv", CARD_HEADER + """
                898310056510001,00010001,2025-07-21 10:00:25,消费,000402,000001,LWREF1,621700******0001,100.00,0.50,LW1,99.50
                """);
        Map<?, ?> late = finance.post(run + "/rematch", Map.of(), Map.class).getBody();
        assertThat(late.get("openedDiscrepancies")).isEqualTo(List.of());
        assertThat((List<?>) late.get("supersededDiscrepancies")).hasSize(1);

        // The withdrawn case was the run's last one: nobody has anything left to decide, the day is archived.
        await().atMost(Duration.ofSeconds(60)).until(() -> "ARCHIVED".equals(finance.getJson(run).get("status")));
        assertThat(tasksOf(finance, day)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProposedPairIsConfirmedInTasklistAndTheRunArchives() {
        String day = "2025-07-28";
        Api finance = Api.as(rest(), "finance");
        upload(finance, "pos", "pos_20250728.csv", """
                订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量
                PQ1,2025-07-28 10:00:00,2025-07-28 10:00:20,60.00,card,PQREF1,PAID,0.00,S001,饰品,SS0001,1
                PQ3,2025-07-28 14:02:00,2025-07-28 14:02:10,128.00,card,,PAID,0.00,S001,饰品,SS0003,1
                """);
        upload(finance, "card", "unionpay_20250728.csv", CARD_HEADER + """
                898310056510001,00010001,2025-07-28 10:00:25,消费,000501,000001,PQREF1,621700******0001,60.00,0.30,PQ1,59.70
                898310056510001,00010001,2025-07-28 14:03:10,消费,000501,000003,PQREF3,621700******0003,128.00,0.64,PN3,127.36
                """);
        Map<?, ?> started = finance.post("/api/runs", Map.of("businessDate", day, "sources", List.of("pos", "card")),
                Map.class).getBody();
        String run = "/api/runs/" + started.get("id");
        // Nothing but the proposal waits for people: the run is in review for it.
        await().atMost(Duration.ofSeconds(60)).until(() -> proposalTasksOf(finance, day).size() == 1);
        assertThat(finance.getJson(run).get("status")).isEqualTo("IN_REVIEW");
        assertThat(discrepancies(finance, run)).isEmpty();
        Map<String, Object> task = proposalTasksOf(finance, day).get(0);
        assertThat(task.get("name")).isEqualTo(day + " · PROPOSED MATCH · pos PQ3 ↔ card PQREF3 · ¥128.00 · 0.96");
        String taskId = (String) task.get("id");
        Map<String, Object> shown = finance.getJson("/engine-rest/task/" + taskId + "/form-variables");
        assertThat(((Map<String, Object>) shown.get("paymentAmount")).get("value")).isEqualTo("128.00");
        assertThat(((Map<String, Object>) shown.get("orderTime")).get("value")).isEqualTo("2025-07-28 14:02:10");

        assertThat(finance.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "finance"), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();
        ResponseEntity<String> noComment = finance.post("/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", Map.of("proposalDecision", Map.of("value", "CONFIRM", "type", "String"))),
                String.class);
        assertThat(noComment.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(noComment.getBody()).contains("a comment explaining the decision is required");
        assertThat(finance.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
                "proposalDecision", Map.of("value", "CONFIRM", "type", "String"),
                "comment", Map.of("value", "Till slip shows PQ3; the terminal typed PN3", "type", "String"))),
                String.class).getStatusCode().is2xxSuccessful()).isTrue();

        // Applied: linked and matched again; that was the run's only case, so it archives.
        await().atMost(Duration.ofSeconds(60)).until(() -> "ARCHIVED".equals(finance.getJson(run).get("status")));
        List<Map<String, Object>> proposals = finance.get(run + "/proposals", List.class).getBody();
        assertThat(proposals).singleElement().satisfies(p -> {
            assertThat(p.get("status")).isEqualTo("CONFIRMED");
            assertThat(p.get("decidedBy")).isEqualTo("finance");
        });
        Map<String, Object> order = ((List<Map<String, Object>>) finance.getJson("/api/records?orderNo=PQ3")
                .get("records")).stream().filter(r -> "ORDER".equals(r.get("kind"))).findFirst().orElseThrow();
        assertThat((List<Map<String, Object>>) order.get("matches")).singleElement()
                .satisfies(m -> assertThat(m.get("kind")).isEqualTo("MANUAL"));
    }

    private List<Long> matchIds(long runId) {
        return jdbc().sql("SELECT id FROM recon_match WHERE run_id = ? AND superseded_at IS NULL ORDER BY id")
                .param(runId).query(Long.class).list();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> discrepancies(Api finance, String run) {
        return finance.get(run + "/discrepancies", List.class).getBody();
    }

    private static List<Map<String, Object>> tasks(Api finance) {
        return tasksOf(finance, DAY);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tasksOf(Api finance, String day) {
        return finance.get("/engine-rest/task?processDefinitionKey=discrepancy-review&processInstanceBusinessKey=" + day,
                List.class).getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> proposalTasksOf(Api finance, String day) {
        return finance.get("/engine-rest/task?processDefinitionKey=proposal-review&processInstanceBusinessKey=" + day,
                List.class).getBody();
    }

    private static void upload(Api finance, String source, String name, String content) {
        assertThat(finance.importFile(source, name, content).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
}
