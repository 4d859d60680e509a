package com.reconflow.report;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three example questions, asked over HTTP of {@link ReportWeek}'s two days once their runs
 * have matched and the rollups are refreshed in the background; every expected figure is worked out by
 * hand in {@link ReportWeek}'s comment.
 */
interface ReportSummaryApi {

    TestRestTemplate rest();

    JdbcClient jdbc();

    @Test
    @SuppressWarnings("unchecked")
    default void theExampleQuestionsAreAnsweredWithExactFigures() throws Exception {
        Api finance = Api.as(rest(), "finance");
        // The alerts are of now, across all days and channels: other tests' open cases count there too.
        Map<String, Object> alertsBefore = alerts(finance);
        new ReportWeek(finance).reconcile();
        // The refresh is a job of its own after each matching and archive: wait until the last has run.
        await().atMost(ReportWeek.PATIENCE).until(() -> jdbc().sql("SELECT COUNT(*) FROM recon_report_day "
                + "WHERE business_date IN ('2028-01-11', '2028-01-12')").query(Long.class).single() == 2
                && jdbc().sql("SELECT COUNT(*) FROM ACT_RU_JOB j JOIN ACT_RE_PROCDEF p ON p.ID_ = j.PROCESS_DEF_ID_ "
                + "WHERE p.KEY_ = 'report-refresh'").query(Long.class).single() == 0);

        // "Douyin orders this week not yet settled, refund amount": Wednesday's B1 (refund 20.00) and B2;
        // Tuesday's A1 was credited by the bank, B3 was cancelled.
        Map<String, Object> unsettled = summary(finance, "source=douyin&from=2028-01-10&to=2028-01-16&settled=false");
        assertThat(unsettled.get("basis")).isEqualTo("rollup");
        assertThat((Map<String, Object>) unsettled.get("totals")).containsEntry("refunds", "20.00")
                .containsEntry("orders", 2).containsEntry("grossSales", "130.00").containsEntry("payments", "50.00")
                .containsEntry("fees", "0.18").containsEntry("netSettlement", "29.82")
                .containsEntry("matchedPercent", "50.00").containsEntry("openDiscrepancies", 1)
                .containsEntry("openDiscrepancyAmount", "80.00").containsEntry("costOfGoods", null)
                .containsEntry("margin", null);
        Map<String, Object> settled = summary(finance, "source=douyin&from=2028-01-10&to=2028-01-16&settled=true"
                + "&groupBy=date");
        assertThat((List<Map<String, Object>>) settled.get("rows")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("date", "2028-01-11").containsEntry("refunds", "30.00").containsEntry("orders", 1)
                .containsEntry("netSettlement", "69.58").containsEntry("openDiscrepancies", 0)
                .doesNotContainKey("source"));

        // "Share of WeChat Pay volume between 22:00 and 06:00": B1 (23:10), B2 (02:30) and P3 (22:30) of A1, B1,
        // B2 and P3: 190.00 of 290.00 sold; of the payments 110.00 of 210.00.
        Map<String, Object> night = (Map<String, Object>) summary(finance,
                "paymentMethod=wechatpay&hourFrom=22&hourTo=5&from=2028-01-01&to=2028-01-31").get("totals");
        Map<String, Object> allDay = (Map<String, Object>) summary(finance,
                "paymentMethod=wechatpay&from=2028-01-01&to=2028-01-31").get("totals");
        assertThat(night).containsEntry("grossSales", "190.00").containsEntry("orders", 3)
                .containsEntry("payments", "110.00").containsEntry("refunds", "20.00");
        assertThat(allDay).containsEntry("grossSales", "290.00").containsEntry("orders", 4)
                .containsEntry("payments", "210.00").containsEntry("refunds", "50.00");

        // "Open discrepancies by store and code this month": P2 at S001 paid 90.00 of 100.00, B2 never paid.
        Map<String, Object> open = summary(finance, "groupBy=store,discrepancyCode&from=2028-01-01&to=2028-01-31");
        assertThat(open.get("basis")).isEqualTo("records");
        assertThat((List<Map<String, Object>>) open.get("rows")).satisfiesExactly(
                row -> assertThat(row).containsEntry("store", "S001").containsEntry("discrepancyCode", "AMOUNT_MISMATCH")
                        .containsEntry("openDiscrepancies", 1).containsEntry("openDiscrepancyAmount", "10.00"),
                row -> assertThat(row).containsEntry("store", "douyin").containsEntry("discrepancyCode", "MISSING_PAYMENT")
                        .containsEntry("openDiscrepancies", 1).containsEntry("openDiscrepancyAmount", "80.00")
                        .containsEntry("orders", 1).containsEntry("grossSales", "80.00")
                        .containsEntry("matchedPercent", "0.00"));
        assertThat((Map<String, Object>) open.get("totals")).containsEntry("openDiscrepancies", 2)
                .containsEntry("openDiscrepancyAmount", "90.00");

        // The exports carry the same rows under Chinese titles.
        ResponseEntity<byte[]> csv = finance.get("/api/reports/summary.csv?groupBy=store,discrepancyCode"
                + "&from=2028-01-01&to=2028-01-31", byte[].class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> lines = new String(csv.getBody(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFF门店,差异代码,订单数,销售额,退款,手续费,净结算,匹配率(%),未结差异数,"
                + "未结差异金额,商品成本,毛利");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).startsWith("douyin,MISSING_PAYMENT,1,80.00,").contains(",1,80.00,");
        assertThat(lines.get(3)).startsWith("合计,,2,");
        ResponseEntity<byte[]> xlsx = finance.get("/api/reports/summary.xlsx?source=douyin&from=2028-01-10"
                + "&to=2028-01-16&settled=false&groupBy=date", byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            Row title = workbook.getSheet("汇总").getRow(0);
            assertThat(title.getCell(0).getStringCellValue()).isEqualTo("业务日期");
            assertThat(title.getCell(3).getStringCellValue()).isEqualTo("退款");
            Row row = workbook.getSheet("汇总").getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("2028-01-12");
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(20.00);
        }
        overview(finance, alertsBefore);
        margins(finance);
    }

    /**
     * A cost list imported after the runs reaches the reports by itself: S001 sold SS1 and SS2 once each
     * (120.00 + 55.50 = 175.50); S002's JJ2 has no cost, so its cost and margin stay unknown.
     */
    @SuppressWarnings("unchecked")
    private void margins(Api finance) {
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("validFrom", "2028-01-12");
        parts.add("file", new ByteArrayResource("SKU,单位成本\nSS1,120.00\nSS2,55.50\nJJ1,12.25\n"
                .getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "costs_report_week.csv";
            }
        });
        assertThat(finance.postMultipart("/api/costs", parts, Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        await().atMost(ReportWeek.PATIENCE).until(() -> ((List<Map<String, Object>>) summary(finance,
                "source=pos&groupBy=store&from=2028-01-12&to=2028-01-12").get("rows")).get(0).get("costOfGoods") != null);
        List<Map<String, Object>> stores = (List<Map<String, Object>>) summary(finance,
                "source=pos&groupBy=store&from=2028-01-12&to=2028-01-12").get("rows");
        assertThat(stores).extracting(row -> row.get("store") + " " + row.get("costOfGoods"))
                .containsExactly("S001 175.50", "S002 null");
        Map<String, Object> s001 = stores.get(0);
        assertThat(new BigDecimal((String) s001.get("margin")))
                .isEqualByComparingTo(new BigDecimal((String) s001.get("netSettlement")).subtract(new BigDecimal("175.50")));
        assertThat(stores.get(1)).containsEntry("margin", null);
    }

    /** The dashboard's overview of the same week: Douyin's days, the providers' payouts, the open cases. */
    @SuppressWarnings("unchecked")
    private static void overview(Api user, Map<String, Object> alertsBefore) {
        ResponseEntity<Map> response = user.get("/api/dashboard/overview?from=2028-01-10&to=2028-01-16&source=douyin",
                Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> overview = response.getBody();
        assertThat(overview).containsEntry("zone", "Asia/Shanghai").containsEntry("from", "2028-01-10");
        assertThat((List<Map<String, Object>>) overview.get("channels")).singleElement().satisfies(channel -> {
            assertThat(channel).containsEntry("source", "douyin");
            // A1, B1, B2: 230.00 sold, 150.00 paid, 50.00 refunded, fees 0.42 + 0.18
            assertThat((Map<String, Object>) channel.get("totals")).containsEntry("orders", 3)
                    .containsEntry("grossSales", "230.00").containsEntry("refunds", "50.00")
                    .containsEntry("fees", "0.60").containsEntry("netSettlement", "99.40");
            assertThat((List<Map<String, Object>>) channel.get("days")).extracting(d -> d.get("date"))
                    .containsExactly("2028-01-11", "2028-01-12");
        });
        assertThat((List<Map<String, Object>>) overview.get("payouts")).extracting(p -> p.get("provider") + " "
                        + p.get("date") + " " + p.get("expected") + " " + p.get("paidOut") + " " + p.get("status"))
                .containsExactly("wechatpay 2028-01-11 69.58 69.58 PAID_OUT",
                        "card 2028-01-12 288.55 null PENDING",
                        // 50 − 0.30 − 20 + 0.12 + 60 − 0.36
                        "wechatpay 2028-01-12 89.46 null PENDING");
        assertThat((List<Map<String, Object>>) overview.get("runs")).extracting(r -> r.get("businessDate") + " "
                + r.get("status")).containsExactly("2028-01-11 ARCHIVED", "2028-01-12 IN_REVIEW");
        assertThat((List<Map<String, Object>>) overview.get("runs")).last().satisfies(run -> assertThat(
                // douyin 3, pos 4, wechatpay 3, card 2 and the bank credit dated that day
                (Map<String, Object>) run.get("counts")).containsEntry("records", 13).containsEntry("open", 2));
        // The week added P2's AMOUNT_MISMATCH of 10.00 and B2's MISSING_PAYMENT of 80.00, both opened just now.
        Map<String, Object> alerts = (Map<String, Object>) overview.get("alerts");
        assertThat(openByCode(alerts, "AMOUNT_MISMATCH"))
                .isEqualTo(openByCode(alertsBefore, "AMOUNT_MISMATCH").plus(1, "10.00"));
        assertThat(openByCode(alerts, "MISSING_PAYMENT"))
                .isEqualTo(openByCode(alertsBefore, "MISSING_PAYMENT").plus(1, "80.00"));
        assertThat(openWithin(alerts, "<1d")).isEqualTo(openWithin(alertsBefore, "<1d") + 2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> alerts(Api user) {
        return (Map<String, Object>) user.get("/api/dashboard/overview?from=2028-01-10&to=2028-01-16", Map.class)
                .getBody().get("alerts");
    }

    /** How many cases of one code are open, and their amount. */
    record Open(long count, BigDecimal amount) {

        Open plus(long cases, String more) {
            return new Open(count + cases, amount.add(new BigDecimal(more)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Open openByCode(Map<String, Object> alerts, String code) {
        return ((List<Map<String, Object>>) alerts.get("openByCode")).stream().filter(c -> code.equals(c.get("code")))
                .map(c -> new Open(((Number) c.get("count")).longValue(), new BigDecimal((String) c.get("amount"))))
                .findFirst().orElse(new Open(0, BigDecimal.ZERO.setScale(2)));
    }

    @SuppressWarnings("unchecked")
    private static long openWithin(Map<String, Object> alerts, String age) {
        return ((List<Map<String, Object>>) alerts.get("openByAge")).stream().filter(a -> age.equals(a.get("age")))
                .mapToLong(a -> ((Number) a.get("count")).longValue()).sum();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Api user, String query) {
        ResponseEntity<Map> response = user.get("/api/reports/summary?" + query, Map.class);
        assertThat(response.getStatusCode()).as(query + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @Test
    default void aBadParameterIsNamed() {
        Api auditor = Api.as(rest(), "auditor");
        for (String[] bad : new String[][] {{"groupBy=source,colour", "groupBy"}, {"hourFrom=24", "hourFrom"},
                {"from=2028-13-01", "from"}, {"minAmount=12,5x", "minAmount"}, {"settled=yes", "settled"},
                {"timeFrom=2028-01-01T00:00:00", "timeFrom"}}) {
            ResponseEntity<Map> response = auditor.get("/api/reports/summary?" + bad[0], Map.class);
            assertThat(response.getStatusCode()).as(bad[0]).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).as(bad[0]).containsEntry("parameter", bad[1]);
        }
    }
}
