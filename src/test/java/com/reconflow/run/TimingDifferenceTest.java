package com.reconflow.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store sale paid seconds before midnight whose card payment the acquirer books after midnight:
 * the first day's run holds the order as pending instead of raising it, the next day's run pairs it
 * as a timing match. Nobody is asked about it. (Its days are used by no other test of the shared
 * application context, so the runs see only these records.)
 */
class TimingDifferenceTest extends H2AppTest {

    @Test
    @SuppressWarnings("unchecked")
    void aPaymentBookedAfterMidnightResolvesThePreviousDaysPendingOrder() {
        Api finance = Api.as(rest(), "finance");
        upload(finance, "pos", "pos_20240610.csv", """
                订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量
                POSLATE1,2024-06-10 23:58:02,2024-06-10 23:58:30,88.00,card,REFLATE1,PAID,0.00,S001,饰品,SS0001,1
                """);
        Map<String, Object> first = runToTheEnd(finance, "2024-06-10", "pos");
        Map<String, Object> firstCounts = (Map<String, Object>) first.get("counts");
        assertThat(firstCounts).containsEntry("discrepancies", 0).containsEntry("pending", 1);

        upload(finance, "card", "unionpay_20240611.csv", """
                商户号,终端号,交易时间,交易类型,批次号,凭证号,参考号,卡号,交易金额,手续费,订单号,结算金额
                898310056510001,00010001,2024-06-11 00:00:20,消费,000301,000001,REFLATE1,621700******0001,88.00,0.44,POSLATE1,87.56
                """);
        Map<String, Object> second = runToTheEnd(finance, "2024-06-11", "card");
        Map<String, Object> secondCounts = (Map<String, Object>) second.get("counts");
        assertThat(secondCounts).containsEntry("discrepancies", 0).containsEntry("autoResolved", 1)
                .containsEntry("pending", 0);
        assertThat((Map<String, Object>) finance.getJson("/api/runs/" + first.get("id")).get("counts"))
                .as("the first run's pending order is resolved").containsEntry("pending", 0);

        List<Map<String, Object>> records = (List<Map<String, Object>>) finance
                .getJson("/api/records?orderNo=POSLATE1").get("records");
        assertThat(records).hasSize(2).allSatisfy(r ->
                assertThat((List<Map<String, Object>>) r.get("matches")).singleElement().satisfies(m -> {
                    assertThat(m.get("kind")).isEqualTo("TIMING");
                    assertThat(m.get("ruleId")).isEqualTo("timing/v1");
                }));
    }

    private Map<String, Object> runToTheEnd(Api finance, String day, String source) {
        Map<?, ?> run = finance.post("/api/runs", Map.of("businessDate", day, "sources", List.of(source)), Map.class)
                .getBody();
        String path = "/api/runs/" + run.get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "ARCHIVED".equals(finance.getJson(path).get("status")));
        return finance.getJson(path);
    }

    private static void upload(Api finance, String source, String name, String content) {
        assertThat(finance.importFile(source, name, content).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
}
