package com.reconflow.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.reconflow.demo.SyntheticDayGenerator;
import com.reconflow.report.GeneratedDayFigures.Fact;
import com.reconflow.report.GeneratedDayFigures.Figures;
import com.reconflow.report.GeneratedDayFigures.Open;
import com.reconflow.support.Api;
import com.reconflow.support.Reviews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example questions and the usual groupings, asked over HTTP of a generated day of 3,000 orders
 * that went through the inbox and its run like any other: every expected figure is worked out by
 * {@link GeneratedDayFigures} from the files the generator wrote and its ground truth, never by the report's
 * SQL. The day is a Wednesday of September 2028, a month no other test uses.
 */
interface GeneratedDayReportApi {

    LocalDate DAY = LocalDate.of(2028, 9, 13);
    String MONTH = "from=2028-09-01&to=2028-09-30";
    /** Monday to Sunday around the day. */
    String WEEK = "from=2028-09-11&to=2028-09-17";
    int ORDERS = 3_000;
    Duration PATIENCE = Duration.ofMinutes(4);

    TestRestTemplate rest();

    JdbcClient jdbc();

    Path inbox();

    @Test
    @SuppressWarnings("unchecked")
    default void aGeneratedDayIsReportedWithExactFigures() throws IOException {
        Api finance = Api.as(rest(), "finance");
        Path dir = Files.createTempDirectory("reconflow-report-day");
        try {
            SyntheticDayGenerator.writeTo(dir, DAY, 20280913L, ORDERS);
            GeneratedDayFigures day = GeneratedDayFigures.read(dir, DAY);
            reconcile(finance, dir);

            // Premise of "settled": the next day's statement credits every provider's settlement of the day (one
            // of them short, which is still a credit), so an order is settled exactly when it is paired.
            assertThat(day.credited).containsExactlyInAnyOrderElementsOf(GeneratedDayFigures.PROVIDERS);

            // By source: the channels' orders with the provider rows paired to them, each provider's unpaired
            // rows, the bank's short payout; totals are the files' own sums, whatever the pairing.
            Map<String, Object> bySource = summary(finance, "groupBy=source&" + MONTH);
            assertThat(bySource.get("basis")).isEqualTo("rollup");
            assertRows(bySource, List.of("source"), day.rows(f -> true, f -> key(f.source()), o -> true,
                    o -> Arrays.<Object>asList(o.source())));
            Figures files = new Figures();
            day.orders.forEach(o -> {
                files.orders += o.live() ? 1 : 0;
                files.gross = files.gross.add(o.live() ? o.amount() : BigDecimal.ZERO);
            });
            day.providerRows.forEach(r -> {
                files.payments = files.payments.add(r.refund() ? BigDecimal.ZERO : r.amount());
                files.refunds = files.refunds.add(r.refund() ? r.amount() : BigDecimal.ZERO);
                files.fees = files.fees.add(r.fee());
            });
            assertThat(totals(bySource)).startsWith(files.line().substring(0, files.line().indexOf(" matchedPercent")));

            // By source and hour (the hour of the order's paid time, of a provider row's own time).
            Map<String, Object> byHour = summary(finance, "groupBy=source,hour&" + MONTH);
            assertThat(byHour.get("basis")).isEqualTo("rollup");
            assertRows(byHour, List.of("source", "hour"), day.rows(f -> true, f -> key(f.source(), f.hour()),
                    o -> true, o -> Arrays.<Object>asList(o.source(), o.hour())));

            // "Douyin orders this week not yet settled, refund amount". Not settled = not paired to a payment:
            // the missing, short and twice paid, the late and the proposed orders. None of them had a refund, and
            // every provider row is settled (its provider's payout came), so the refunds are 0.00: still an
            // exact answer. The settled side has Douyin's refunds.
            Map<String, Object> unsettled = summary(finance, "source=douyin&settled=false&" + WEEK);
            assertThat(unsettled.get("basis")).isEqualTo("rollup");
            Figures douyinUnsettled = GeneratedDayFigures.total(day.rows(f -> f.source().equals("douyin") && !f.settled(),
                    f -> key(), o -> o.source().equals("douyin"), o -> List.of()));
            assertThat(totals(unsettled)).isEqualTo(douyinUnsettled.line());
            assertThat(douyinUnsettled.orders).isPositive();
            assertThat(douyinUnsettled.refunds).isZero();
            Map<String, Object> settled = summary(finance, "source=douyin&settled=true&groupBy=date&" + WEEK);
            Map<List<Object>, Figures> douyinSettled = day.rows(f -> f.source().equals("douyin") && f.settled(),
                    f -> key(DAY.toString()), o -> false, o -> List.of());
            assertRows(settled, List.of("date"), douyinSettled);
            assertThat(douyinSettled.get(List.of(DAY.toString())).refunds).isPositive();

            // "Share of WeChat Pay volume between 22:00 and 06:00": orders paid with WeChat Pay and WeChat Pay's
            // own rows, by their hour; all of it from the order exports and the trade bill alone.
            Map<String, Object> night = summary(finance, "paymentMethod=wechatpay&hourFrom=22&hourTo=5&" + MONTH);
            Map<String, Object> allDay = summary(finance, "paymentMethod=wechatpay&" + MONTH);
            Predicate<Fact> wechat = f -> f.method().equals("wechatpay");
            Predicate<Open> wechatOpen = o -> "wechatpay".equals(o.method());
            assertThat(totals(night)).isEqualTo(GeneratedDayFigures.total(day.rows(
                    wechat.and(f -> GeneratedDayFigures.nightHour(f.hour())), f -> key(),
                    wechatOpen.and(o -> GeneratedDayFigures.nightHour(o.hour())), o -> List.of())).line());
            assertThat(totals(allDay)).isEqualTo(GeneratedDayFigures.total(day.rows(wechat, f -> key(), wechatOpen,
                    o -> List.of())).line());
            BigDecimal nightSales = day.orders.stream().filter(o -> o.live() && o.method().equals("wechatpay")
                    && GeneratedDayFigures.nightHour(o.hour())).map(GeneratedDayFigures.Order::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal allSales = day.orders.stream().filter(o -> o.live() && o.method().equals("wechatpay"))
                    .map(GeneratedDayFigures.Order::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal nightPaid = day.providerRows.stream().filter(r -> r.provider().equals("wechatpay") && !r.refund()
                    && GeneratedDayFigures.nightHour(r.at().getHour())).map(GeneratedDayFigures.ProviderRow::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal allPaid = day.providerRows.stream().filter(r -> r.provider().equals("wechatpay") && !r.refund())
                    .map(GeneratedDayFigures.ProviderRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(share(night, allDay, "grossSales")).isEqualTo(percent(nightSales, allSales)).isNotEqualTo("0.00");
            assertThat(share(night, allDay, "payments")).isEqualTo(percent(nightPaid, allPaid)).isNotEqualTo("0.00");

            // "Open discrepancies by store and code this month": every planted case is open (each is above the
            // auto-resolution thresholds); an order's under its store (an online channel's 门店 is the channel), a
            // provider row's under its paired order's store, none when unpaired; with the measures of the records
            // they are raised on.
            Map<String, Object> open = summary(finance, "groupBy=store,discrepancyCode&" + MONTH);
            assertThat(open.get("basis")).isEqualTo("records");
            Map<List<Object>, Figures> expectedOpen = day.rows(f -> !f.openCodes().isEmpty(),
                    f -> f.openCodes().stream().map(code -> Arrays.<Object>asList(f.store(), code)), o -> true,
                    o -> Arrays.<Object>asList(o.store(), o.code()));
            assertRows(open, List.of("store", "discrepancyCode"), expectedOpen);
            assertThat(((Number) ((Map<String, Object>) open.get("totals")).get("openDiscrepancies")).longValue())
                    .isEqualTo(day.opens.size()).isGreaterThanOrEqualTo(10);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The shared application context's engine holds the day's reviews: close them (Tasklist's list shows every
     * task) and leave its late orders resolved, so that a later-dated run of another test does not carry them.
     */
    @AfterEach
    @SuppressWarnings("unchecked")
    default void closeTheDaysReviews() {
        List<Long> runs = jdbc().sql("SELECT id FROM recon_run WHERE business_date = ?").param(DAY).query(Long.class).list();
        if (runs.isEmpty()) {
            return;
        }
        Api finance = Api.as(rest(), "finance");
        String runPath = "/api/runs/" + runs.get(0);
        int raised = finance.get(runPath + "/discrepancies", List.class).getBody().size();
        await().atMost(PATIENCE).until(() -> finance.get("/engine-rest/task?processDefinitionKey=discrepancy-review"
                + "&processInstanceBusinessKey=" + DAY + "&maxResults=1000", List.class).getBody().size() == raised);
        new Reviews(rest()).closeAll(DAY, "CHASE", "Planted by the generator");
        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(finance.getJson(runPath).get("status")));
        jdbc().sql("UPDATE recon_pending SET resolved_run_id = run_id WHERE since_date = ? AND resolved_run_id IS NULL")
                .param(DAY).update();
    }

    /** The run started over REST waiting for all eight sources, the files dropped into the inbox, matched, rolled up. */
    private void reconcile(Api finance, Path dir) throws IOException {
        List<String> sources = List.of("jd", "douyin", "miniprogram", "pos", "wechatpay", "alipay", "card", "bank");
        ResponseEntity<Map> started = finance.post("/api/runs", Map.of("businessDate", DAY.toString(), "sources", sources),
                Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String runPath = "/api/runs/" + started.getBody().get("id");
        for (String source : sources) {
            try (Stream<Path> files = Files.list(dir.resolve(source))) {
                for (Path file : files.toList()) {
                    // written beside, then moved in: the inbox never sees half a file
                    Path folder = Files.createDirectories(inbox().resolve(source));
                    Path partial = Files.copy(file, folder.resolve("." + file.getFileName() + ".part"));
                    Files.move(partial, folder.resolve(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(finance.getJson(runPath).get("status")));
        // The refresh is a job of its own, started with the matching: wait until the day has rollups and no
        // refresh is left to run.
        await().atMost(PATIENCE).until(() -> jdbc().sql("SELECT COUNT(*) FROM recon_report_day WHERE business_date = ?")
                .param(DAY).query(Long.class).single() == 1
                && jdbc().sql("SELECT COUNT(*) FROM ACT_RU_JOB j JOIN ACT_RE_PROCDEF p ON p.ID_ = j.PROCESS_DEF_ID_ "
                + "WHERE p.KEY_ = 'report-refresh'").query(Long.class).single() == 0);
    }

    /** The rows of an answer, each as "key | measures", against the expected ones, in any order. */
    @SuppressWarnings("unchecked")
    private static void assertRows(Map<String, Object> answer, List<String> groupBy, Map<List<Object>, Figures> expected) {
        List<String> actual = ((List<Map<String, Object>>) answer.get("rows")).stream()
                .map(row -> groupBy.stream().map(g -> String.valueOf(row.get(g))).toList() + " | " + line(row)).toList();
        List<String> wanted = expected.entrySet().stream()
                .map(e -> e.getKey().stream().map(String::valueOf).toList() + " | " + e.getValue().line()).toList();
        assertThat(actual).as(answer.get("groupBy").toString()).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(totals(answer)).isEqualTo(GeneratedDayFigures.total(expected).line());
    }

    @SuppressWarnings("unchecked")
    private static String totals(Map<String, Object> answer) {
        return line((Map<String, Object>) answer.get("totals"));
    }

    private static String line(Map<String, Object> m) {
        return Figures.line(m.get("orders"), (String) m.get("grossSales"), (String) m.get("refunds"), (String) m.get("fees"),
                (String) m.get("payments"), (String) m.get("netSettlement"), (String) m.get("matchedPercent"),
                m.get("openDiscrepancies"), (String) m.get("openDiscrepancyAmount"));
    }

    @SuppressWarnings("unchecked")
    private static String share(Map<String, Object> part, Map<String, Object> whole, String measure) {
        return percent(new BigDecimal((String) ((Map<String, Object>) part.get("totals")).get(measure)),
                new BigDecimal((String) ((Map<String, Object>) whole.get("totals")).get(measure)));
    }

    private static String percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 2, RoundingMode.HALF_UP).toPlainString();
    }

    private static Stream<List<Object>> key(Object... values) {
        return Stream.of(Arrays.<Object>asList(values));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Api user, String query) {
        ResponseEntity<Map> response = user.get("/api/reports/summary?" + query, Map.class);
        assertThat(response.getStatusCode()).as(query + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
