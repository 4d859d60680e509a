package com.reconflow.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search box and the drill-down on {@link SearchDay}, through the API: exact rows in their order,
 * read off the day's files, not off the queries.
 */
interface RecordSearchScenario {

    TestRestTemplate rest();

    @BeforeEach
    default void theDayIsImportedAndMatched() {
        SearchDay.ensure(rest());
    }

    // ---- search box

    @Test
    default void anOrderNumberFindsTheOrderItsPaymentAndItsRefundNewestFirst() {
        Map<String, Object> found = finance().getJson("/api/search?q=SRC-2");
        assertThat(found).containsEntry("query", "SRC-2").containsEntry("total", 3);
        assertThat(labels(found)).containsExactly("SRC-2 REFUND wx6", "SRC-2 PAYMENT wx5", "SRC-2 ORDER jd3");
    }

    @Test
    default void aPaymentSerialFindsThePaymentAndTheOrderNamingIt() {
        Map<String, Object> found = finance().getJson("/api/search?q=" + SearchDay.TXN_1);
        assertThat(found).containsEntry("total", 2);
        assertThat(labels(found)).containsExactly("SRC-1 PAYMENT wx4", "SRC-1 ORDER jd2");
        Map<String, Object> order = rows(found).get(1);
        Map<String, Object> expected = new HashMap<>();
        expected.put("kind", "ORDER");
        expected.put("source", "jd");
        expected.put("businessDate", "2028-06-12");
        expected.put("orderNo", "SRC-1");
        expected.put("txnId", SearchDay.TXN_1);
        expected.put("refundNo", null);
        expected.put("amount", "120.00");
        expected.put("occurredAt", "2028-06-12T10:00:00+08:00");
        expected.put("store", "jd-flagship");
        expected.put("paymentMethod", "wechatpay");
        expected.put("category", "美妆");
        expected.put("status", "PAID");
        expected.put("sku", "MZ0001");
        expected.put("quantity", 2);
        expected.put("fileName", SearchDay.JD_FILE);
        expected.put("lineNo", 2);
        assertThat(order).containsAllEntriesOf(expected).containsKeys("id", "importId");
    }

    @Test
    default void aRefundNumberFindsTheRefund() {
        Map<String, Object> found = finance().getJson("/api/search?q=RF-SRC-2");
        assertThat(found).containsEntry("total", 1);
        Map<String, Object> refund = rows(found).get(0);
        assertThat(refund).containsEntry("kind", "REFUND").containsEntry("refundNo", "RF-SRC-2")
                .containsEntry("amount", "20.00").containsEntry("occurredAt", "2028-06-12T23:10:00+08:00")
                .containsEntry("fileName", SearchDay.WECHAT_FILE).containsEntry("lineNo", 6)
                .containsEntry("sku", null).containsEntry("quantity", null);
    }

    @Test
    default void aKeyNobodyHasFindsNothing() {
        Map<String, Object> found = finance().getJson("/api/search?q=SRC-404");
        assertThat(found).containsEntry("total", 0);
        assertThat(rows(found)).isEmpty();
    }

    @Test
    default void aTimeRangeListsItsRecordsNewestFirstInPages() {
        String day = "/api/search?timeFrom=2028-06-12T00:00:00+08:00&timeTo=2028-06-12T23:59:59+08:00";
        Map<String, Object> first = finance().getJson(day + "&size=3");
        assertThat(first).containsEntry("total", 11);
        assertThat(labels(first)).containsExactly("SRC-2 REFUND wx6", "SRC-2 PAYMENT wx5", "SRC-2 ORDER jd3");
        assertThat(labels(finance().getJson(day + "&size=3&page=1")))
                .containsExactly("SRC-4 ORDER jd5", "SRC-1 PAYMENT wx4", "SRC-1 ORDER jd2");
        assertThat(labels(finance().getJson(day + "&size=3&page=3"))).containsExactly("SRC-3 PAYMENT wx2", "SRC-3 ORDER jd4");

        Map<String, Object> wechat = finance().getJson(day + "&source=wechatpay");
        assertThat(wechat).containsEntry("total", 5);
        assertThat(labels(wechat)).containsExactly("SRC-2 REFUND wx6", "SRC-2 PAYMENT wx5", "SRC-1 PAYMENT wx4",
                "SRC-5 PAYMENT wx3", "SRC-3 PAYMENT wx2");

        // both ends inclusive, offsets as given (UTC here); above, the "+" of an offset sent unencoded
        Map<String, Object> morning = finance().getJson(
                "/api/search?timeFrom=2028-06-11T21:00:00Z&timeTo=2028-06-11T22:00:00Z");
        assertThat(labels(morning)).containsExactly("SRC-6 ORDER jd7", "SRC-5 PAYMENT wx3", "SRC-5 ORDER jd6");
    }

    @Test
    default void theSearchBoxNamesTheParameterItCannotUse() {
        assertThat(badParameter("/api/search")).isEqualTo("q");
        assertThat(badParameter("/api/search?timeFrom=2028-06-12T00:00:00Z")).isEqualTo("timeTo");
        assertThat(badParameter("/api/search?timeFrom=2028-06-12&timeTo=2028-06-13")).isEqualTo("timeFrom");
        assertThat(badParameter("/api/search?timeFrom=2028-06-12T00:00:00Z&timeTo=2028-06-13T00:00:00Z&page=20&size=500"))
                .isEqualTo("page");
        assertThat(badParameter("/api/search?q=SRC-1&size=501")).isEqualTo("size");
    }

    // ---- drill-down

    @Test
    default void aDaysRecordsComeInTimeOrderWithTheirFilesAndLines() {
        Map<String, Object> page = finance().getJson("/api/reports/records?date=2028-06-12");
        assertThat(page).containsEntry("total", 11).containsEntry("page", 0).containsEntry("size", 50);
        assertThat(labels(page)).containsExactly("SRC-3 ORDER jd4", "SRC-3 PAYMENT wx2", "SRC-5 ORDER jd6",
                "SRC-5 PAYMENT wx3", "SRC-6 ORDER jd7", "SRC-1 ORDER jd2", "SRC-1 PAYMENT wx4", "SRC-4 ORDER jd5",
                "SRC-2 ORDER jd3", "SRC-2 PAYMENT wx5", "SRC-2 REFUND wx6");

        Map<String, Object> last = finance().getJson("/api/reports/records?date=2028-06-12&size=4&page=2");
        assertThat(last).containsEntry("total", 11).containsEntry("page", 2).containsEntry("size", 4);
        assertThat(labels(last)).containsExactly("SRC-2 ORDER jd3", "SRC-2 PAYMENT wx5", "SRC-2 REFUND wx6");
        // the bank's credit is of the next business day
        assertThat(labels(finance().getJson("/api/reports/records?from=2028-06-13&to=2028-06-13")))
                .containsExactly("WECHATPAY-SETTLE-20280612 PAYOUT bank");
    }

    @Test
    default void theSummarysFiltersNarrowTheRecords() {
        String day = "/api/reports/records?from=2028-06-12&to=2028-06-12";
        assertThat(labels(finance().getJson(day + "&kind=ORDER&store=jd-flagship")))
                .containsExactly("SRC-5 ORDER jd6", "SRC-6 ORDER jd7", "SRC-1 ORDER jd2", "SRC-2 ORDER jd3");
        // a provider's record counts under the order it settles: its channel, store, category and status
        assertThat(labels(finance().getJson(day + "&source=jd&category=美妆")))
                .containsExactly("SRC-3 ORDER jd4", "SRC-3 PAYMENT wx2", "SRC-5 ORDER jd6", "SRC-5 PAYMENT wx3",
                        "SRC-1 ORDER jd2", "SRC-1 PAYMENT wx4");
        assertThat(labels(finance().getJson(day + "&store=jd-flagship")))
                .containsExactly("SRC-5 ORDER jd6", "SRC-5 PAYMENT wx3", "SRC-6 ORDER jd7", "SRC-1 ORDER jd2",
                        "SRC-1 PAYMENT wx4", "SRC-2 ORDER jd3", "SRC-2 PAYMENT wx5", "SRC-2 REFUND wx6");
        assertThat(labels(finance().getJson(day + "&source=wechatpay"))).isEmpty();
        assertThat(labels(finance().getJson(day + "&kind=ORDER&minAmount=45&maxAmount=120")))
                .containsExactly("SRC-3 ORDER jd4", "SRC-6 ORDER jd7", "SRC-1 ORDER jd2", "SRC-2 ORDER jd3");
        assertThat(labels(finance().getJson(day + "&status=PARTIALLY_REFUNDED")))
                .containsExactly("SRC-2 ORDER jd3", "SRC-2 PAYMENT wx5", "SRC-2 REFUND wx6");
        assertThat(labels(finance().getJson(day + "&kind=PAYMENT,REFUND&paymentMethod=wechatpay&minAmount=88.50")))
                .containsExactly("SRC-1 PAYMENT wx4", "SRC-2 PAYMENT wx5");
        assertThat(labels(finance().getJson(
                day + "&timeFrom=2028-06-12T05:00:00+08:00&timeTo=2028-06-12T10:00:00+08:00")))
                .containsExactly("SRC-5 ORDER jd6", "SRC-5 PAYMENT wx3", "SRC-6 ORDER jd7", "SRC-1 ORDER jd2");
    }

    @Test
    default void hoursAreTheBusinessZonesAndWrapPastMidnight() {
        String day = "/api/reports/records?date=2028-06-12";
        assertThat(labels(finance().getJson(day + "&hourFrom=22&hourTo=5")))
                .containsExactly("SRC-3 ORDER jd4", "SRC-3 PAYMENT wx2", "SRC-5 ORDER jd6", "SRC-5 PAYMENT wx3",
                        "SRC-2 ORDER jd3", "SRC-2 PAYMENT wx5", "SRC-2 REFUND wx6");
        assertThat(labels(finance().getJson(day + "&hourFrom=6&hourTo=14&paymentMethod=wechatpay")))
                .containsExactly("SRC-6 ORDER jd7", "SRC-1 ORDER jd2", "SRC-1 PAYMENT wx4");
        assertThat(labels(finance().getJson(day + "&hourFrom=23"))).containsExactly("SRC-2 REFUND wx6");
    }

    @Test
    default void openDiscrepanciesAndSettlementSelectOrders() {
        String day = "/api/reports/records?date=2028-06-12";
        assertThat(labels(finance().getJson(day + "&discrepancyCode=MISSING_PAYMENT")))
                .containsExactly("SRC-6 ORDER jd7");
        assertThat(labels(finance().getJson(day + "&discrepancyCode=AMOUNT_MISMATCH"))).isEmpty();
        // settled: matched to a WeChat Pay payment of 06-12, whose payout the bank credited on 06-13; WeChat
        // Pay's own records of 06-12 with it
        assertThat(labels(finance().getJson(day + "&settled=true")))
                .containsExactly("SRC-3 ORDER jd4", "SRC-3 PAYMENT wx2", "SRC-5 ORDER jd6", "SRC-5 PAYMENT wx3",
                        "SRC-1 ORDER jd2", "SRC-1 PAYMENT wx4", "SRC-2 ORDER jd3", "SRC-2 PAYMENT wx5",
                        "SRC-2 REFUND wx6");
        assertThat(labels(finance().getJson(day + "&settled=false")))
                .containsExactly("SRC-6 ORDER jd7", "SRC-4 ORDER jd5");
    }

    @Test
    default void theDrillDownNamesTheParameterItCannotUse() {
        String records = "/api/reports/records?";
        assertThat(badParameter(records + "hourFrom=24")).isEqualTo("hourFrom");
        assertThat(badParameter(records + "kind=SALE")).isEqualTo("kind");
        assertThat(badParameter(records + "discrepancyCode=WRONG_CODE")).isEqualTo("discrepancyCode");
        assertThat(badParameter(records + "from=2028-06-13&to=2028-06-12")).isEqualTo("from");
        assertThat(badParameter(records + "date=2028-06-12&from=2028-06-01")).isEqualTo("date");
        assertThat(badParameter(records + "minAmount=ten")).isEqualTo("minAmount");
        assertThat(badParameter(records + "timeTo=tomorrow")).isEqualTo("timeTo");
        assertThat(badParameter(records + "settled=maybe")).isEqualTo("settled");
        assertThat(badParameter(records + "size=0")).isEqualTo("size");
        assertThat(badParameter(records + "page=-1")).isEqualTo("page");
    }

    @Test
    default void readersOnlyAndWithAPassword() {
        assertThat(Api.as(rest(), "auditor").get("/api/reports/records?date=2028-06-12", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(Api.as(rest(), "buyer").get("/api/search?q=SRC-1", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Api.anonymous(rest()).get("/api/search?q=SRC-1", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private Api finance() {
        return Api.as(rest(), "finance");
    }

    @SuppressWarnings("unchecked")
    private String badParameter(String path) {
        ResponseEntity<Map> answer = finance().get(path, Map.class);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
        return (String) answer.getBody().get("parameter");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("rows");
    }

    /** "SRC-2 REFUND wx6": order number, kind, and the file (jd, wx, bank) with the line. */
    private static List<String> labels(Map<String, Object> answer) {
        return rows(answer).stream().map(r -> r.get("orderNo") + " " + r.get("kind") + " "
                + switch ((String) r.get("fileName")) {
                    case SearchDay.JD_FILE -> "jd" + r.get("lineNo");
                    case SearchDay.WECHAT_FILE -> "wx" + r.get("lineNo");
                    default -> "bank";
                }).toList();
    }
}
