package com.reconflow.dashboard;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import com.reconflow.support.AppTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A small hand-written day for the dashboard's tests, uploaded and run by finance: two channels paid by card.
 * <ul>
 *   <li>{@code pos}: {@code <p>1} 100.00 at store S001, {@code <p>2} 1,234.50 at S002, {@code <p>3} 100.00 at
 *       S001 of which the acquirer paid 90.00 (the day's one discrepancy, {@code AMOUNT_MISMATCH}, open);</li>
 *   <li>{@code miniprogram}: {@code <p>4} 2,000.00 at S003.</li>
 * </ul>
 * So gross sales are 1,434.50 for {@code pos} and 2,000.00 for {@code miniprogram}; card fees are 0.5%.
 */
final class DashboardDay {

    static final String ORDERS_HEADER = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n";
    static final String CARD_HEADER = "商户号,终端号,交易时间,交易类型,批次号,凭证号,参考号,卡号,交易金额,手续费,订单号,结算金额\n";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    final LocalDate day;
    final String prefix;
    final Api finance;
    long runId;

    private DashboardDay(AppTest app, LocalDate day, String prefix) {
        this.day = day;
        this.prefix = prefix;
        this.finance = Api.as(app.rest(), "finance");
    }

    String posFile() {
        return "pos_" + day.toString().replace("-", "") + ".csv";
    }

    String order(int n) {
        return prefix + n;
    }

    /** The day imported and matched, its one discrepancy waiting in review. */
    static DashboardDay inReview(AppTest app, LocalDate day, String prefix) {
        DashboardDay d = new DashboardDay(app, day, prefix);
        String date = day.toString();
        d.upload(d.posFile(), "pos", ORDERS_HEADER
                + order(prefix, 1, date, "10", "100.00", "S001", "SKU-A")
                + order(prefix, 2, date, "11", "1234.50", "S002", "SKU-B")
                + order(prefix, 3, date, "12", "100.00", "S001", "SKU-A"));
        d.upload("miniprogram_" + date.replace("-", "") + ".csv", "miniprogram", ORDERS_HEADER
                + order(prefix, 4, date, "13", "2000.00", "S003", "SKU-C"));
        d.upload("unionpay_" + date.replace("-", "") + ".csv", "card", CARD_HEADER
                + card(prefix, 1, date, "10", "100.00", "0.50", "99.50")
                + card(prefix, 2, date, "11", "1234.50", "6.17", "1228.33")
                + card(prefix, 3, date, "12", "90.00", "0.45", "89.55")
                + card(prefix, 4, date, "13", "2000.00", "10.00", "1990.00"));
        ResponseEntity<Map> started = d.finance.post("/api/runs", Map.of("businessDate", date, "sources",
                List.of("pos", "miniprogram", "card")), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        d.runId = ((Number) started.getBody().get("id")).longValue();
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(d.finance.getJson("/api/runs/" + d.runId).get("status"))
                && d.reviewTasks().size() == 1);
        return d;
    }

    private static String order(String prefix, int n, String date, String hour, String amount, String store,
                                String sku) {
        return prefix + n + "," + date + " " + hour + ":00:00," + date + " " + hour + ":00:20," + amount + ",card,"
                + prefix + "REF" + n + ",PAID,0.00," + store + ",饰品," + sku + ",1\n";
    }

    private static String card(String prefix, int n, String date, String hour, String amount, String fee,
                               String net) {
        return "898310056510001,00010001," + date + " " + hour + ":00:25,消费,000501,00000" + n + "," + prefix + "REF"
                + n + ",621700******000" + n + "," + amount + "," + fee + "," + prefix + n + "," + net + "\n";
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> reviewTasks() {
        return finance.get("/engine-rest/task?processDefinitionKey=discrepancy-review&processInstanceBusinessKey="
                + day, List.class).getBody();
    }

    private void upload(String name, String source, String content) {
        var response = finance.importFile(source, name, content);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
    }
}
