package com.reconflow.ingest.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.reconflow.ingest.ImportResult;
import com.reconflow.ingest.ImportService;
import com.reconflow.ingest.ImportStatus;
import com.reconflow.support.H2AppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A connector against a real HTTP server on loopback, importing through the real import into H2.
 * Orders are of March 2025, a month no other application test uses.
 */
class ChannelApiPollerTest extends H2AppTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String PATH = "/api/orders";
    private static final String TOKEN = "test-token-123";
    private static final ChannelApiProperties.Fields FIELDS = new ChannelApiProperties.Fields("order_no",
            "created_at", "paid_at", "amount", "pay_channel", "transaction_id", "state", "refund_amount", "shop",
            "category", "sku", "qty");

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Autowired
    private ImportService imports;

    @Autowired
    private ChannelApiProgress progress;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void followsTheCursorAcrossThreePagesWithTheTokenAndImportsOneChannelOrdersFile() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-11T04:00:00Z"), SHANGHAI);
        String since = "2025-03-10T12:00:00+08:00";
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("cursor", absent())
                .willReturn(okJson(page("c2", item("API-P-1", "35.00"), item("API-P-2", "56.00")))));
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c2"))
                .willReturn(okJson(page("c3", item("API-P-3", "107.00"), item("API-P-4", "0.10")))));
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c3"))
                .willReturn(okJson(page(null, item("API-P-5", "93.90")))));

        PollResult result = poller("mp-paging", clock).poll().orElseThrow();

        api.verify(3, getRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("page_size", equalTo("2"))
                .withQueryParam("since", equalTo(since)));
        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("cursor", absent()));
        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c2")));
        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c3")));

        assertThat(result.pages()).isEqualTo(3);
        assertThat(result.items()).isEqualTo(5);
        ImportResult imported = result.imported();
        assertThat(imported.source()).isEqualTo("miniprogram");
        assertThat(imported.format()).isEqualTo("channel-orders");
        assertThat(imported.rowsAccepted()).isEqualTo(5);
        assertThat(imported.status()).isEqualTo(ImportStatus.ACCEPTED);
        assertThat(imported.fileName()).isEqualTo("mp-paging_20250311-120000.csv");
        assertThat(jdbc().sql("SELECT imported_by FROM recon_import WHERE id = ?").param(imported.id())
                .query(String.class).single()).isEqualTo("channel-api:mp-paging");
        assertThat(jdbc().sql("SELECT order_no FROM recon_record WHERE import_id = ? ORDER BY line_no")
                .param(imported.id()).query(String.class).list())
                .containsExactly("API-P-1", "API-P-2", "API-P-3", "API-P-4", "API-P-5");
        // An ISO time with offset becomes the layout's local time of the business zone; amounts stay exact.
        assertThat(jdbc().sql("SELECT raw_line FROM recon_record WHERE order_no = 'API-P-4'").query(String.class)
                .single()).startsWith("API-P-4,2025-03-11 10:00:00,2025-03-11 10:00:05,0.10,wechatpay,");
        assertThat(jdbc().sql("SELECT amount FROM recon_record WHERE order_no = 'API-P-4'")
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("0.10");
        assertThat(storedMark("mp-paging")).contains(Instant.parse("2025-03-11T03:50:00Z"));
    }

    @Test
    void theSecondPollAsksSinceTheStoredMarkAndImportsOnlyTheNewOrders() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-12T02:00:00Z"));
        ChannelApiPoller poller = poller("mp-since", clock);
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("since", equalTo("2025-03-11T10:00:00+08:00"))
                .willReturn(okJson(page(null, item("API-S-1", "10.00"), item("API-S-2", "20.00")))));
        PollResult first = poller.poll().orElseThrow();
        assertThat(first.imported().rowsAccepted()).isEqualTo(2);

        Instant mark = storedMark("mp-since").orElseThrow();
        assertThat(mark).isEqualTo(Instant.parse("2025-03-12T01:50:00Z"));
        clock.set(Instant.parse("2025-03-12T02:05:00Z"));
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("since", equalTo("2025-03-12T09:50:00+08:00"))
                .willReturn(okJson(page(null, item("API-S-2", "20.00"), item("API-S-3", "30.00")))));
        PollResult second = poller.poll().orElseThrow();

        List<LoggedRequest> requests = api.findAll(getRequestedFor(urlPathEqualTo(PATH)));
        assertThat(requests).hasSize(2);
        assertThat(Instant.from(java.time.OffsetDateTime.parse(requests.get(1).queryParameter("since").firstValue())))
                .isEqualTo(mark);
        assertThat(second.since()).isEqualTo(mark);
        assertThat(second.imported().rowsAccepted()).isEqualTo(1);
        assertThat(second.imported().rowsDuplicate()).isEqualTo(1);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_record WHERE order_no LIKE 'API-S-%'").query(Long.class)
                .single()).isEqualTo(3);
        assertThat(storedMark("mp-since")).contains(Instant.parse("2025-03-12T01:55:00Z"));
    }

    @Test
    void aPollWithoutNewOrdersImportsNothingAndMovesTheMark() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-13T02:00:00Z"), SHANGHAI);
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"data\":{\"items\":[]},\"next_cursor\":null}")));

        PollResult result = poller("mp-empty", clock).poll().orElseThrow();

        assertThat(result.items()).isZero();
        assertThat(result.imported()).isNull();
        assertThat(importsBy("mp-empty")).isZero();
        assertThat(storedMark("mp-empty")).contains(Instant.parse("2025-03-13T01:50:00Z"));
    }

    @Test
    void aThrottledOrFailingPageIsAskedAgainHonouringRetryAfterAndThenSucceeds() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-14T02:00:00Z"), SHANGHAI);
        api.stubFor(get(urlPathEqualTo(PATH)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("unavailable"));
        api.stubFor(get(urlPathEqualTo(PATH)).inScenario("throttled").whenScenarioStateIs("unavailable")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("back"));
        api.stubFor(get(urlPathEqualTo(PATH)).inScenario("throttled").whenScenarioStateIs("back")
                .willReturn(okJson(page(null, item("API-R-1", "12.00")))));

        PollResult result = poller("mp-retry", clock).poll().orElseThrow();

        assertThat(result.imported().rowsAccepted()).isEqualTo(1);
        List<Instant> times = api.findAll(getRequestedFor(urlPathEqualTo(PATH))).stream()
                .map(r -> r.getLoggedDate().toInstant()).sorted(Comparator.naturalOrder()).toList();
        assertThat(times).hasSize(3);
        assertThat(Duration.between(times.get(0), times.get(1))).as("Retry-After: 1 is honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.between(times.get(1), times.get(2))).as("then base delay x 2")
                .isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }

    @Test
    void aServerErrorOnEveryAttemptFailsNamingConnectorUrlStatusAndAttemptsAndImportsNothing() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-15T02:00:00Z"), SHANGHAI);
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("cursor", absent())
                .willReturn(okJson(page("c2", item("API-F-1", "10.00")))));
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c2"))
                .willReturn(aResponse().withStatus(500).withBody("database is down")));

        assertThatThrownBy(() -> poller("mp-failing", clock).poll())
                .isInstanceOf(ChannelApiException.class)
                .hasMessageContaining("channel API mp-failing")
                .hasMessageContaining(api.baseUrl() + PATH + "?")
                .hasMessageContaining("cursor=c2")
                .hasMessageContaining("all 3 attempts")
                .hasMessageContaining("HTTP 500 (database is down)");

        api.verify(3, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c2")));
        assertThat(importsBy("mp-failing")).isZero();
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_record WHERE order_no = 'API-F-1'").query(Long.class)
                .single()).isZero();
        assertThat(storedMark("mp-failing")).isEmpty();
        assertThat(jdbc().sql("SELECT last_error FROM recon_channel_api_progress WHERE connector_id = 'mp-failing'")
                .query(String.class).single()).contains("HTTP 500");
        assertThat(claimedBy("mp-failing")).isEmpty();
    }

    @Test
    void aRejectedTokenFailsAtOnceWithoutRetrying() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-16T02:00:00Z"), SHANGHAI);
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"code\":\"UNAUTHORIZED\"}")));

        assertThatThrownBy(() -> poller("mp-token", clock).poll())
                .isInstanceOf(ChannelApiException.class)
                .hasMessageContaining("channel API mp-token: token rejected (HTTP 401)")
                .hasMessageContaining(PATH)
                .hasMessageNotContaining(TOKEN);

        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
        assertThat(importsBy("mp-token")).isZero();
        assertThat(storedMark("mp-token")).isEmpty();
    }

    @Test
    void aNotFoundIsNotRetriedEither() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-16T03:00:00Z"), SHANGHAI);
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> poller("mp-missing", clock).poll())
                .hasMessageContaining("answered HTTP 404; not retried");
        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void anItemThatIsNoValidOrderIsQuarantinedWithItsReasonAndTheOthersImported() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-17T02:00:00Z"), SHANGHAI);
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(null, item("API-Q-1", "10.00"),
                item("API-Q-2", "\"12,34x\"")))));

        ImportResult imported = poller("mp-quarantine", clock).poll().orElseThrow().imported();

        assertThat(imported.rowsAccepted()).isEqualTo(1);
        assertThat(imported.rowsRejected()).isEqualTo(1);
        assertThat(imported.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("订单金额");
            assertThat(e.message()).contains("12,34x");
        });
    }

    @Test
    void anAnswerWithoutTheItemsArrayFailsNamingThePointer() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-17T03:00:00Z"), SHANGHAI);
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"items\":[]}")));

        assertThatThrownBy(() -> poller("mp-shape", clock).poll())
                .isInstanceOf(ChannelApiException.class)
                .hasMessageContaining("has no array of items at /data/items");
        assertThat(storedMark("mp-shape")).isEmpty();
    }

    @Test
    void aConnectorClaimedByAnotherNodeIsLeftAloneUntilTheClaimRunsOut() {
        Instant now = Instant.parse("2025-03-18T02:00:00Z");
        Clock clock = Clock.fixed(now, SHANGHAI);
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(null, item("API-C-1", "10.00")))));
        jdbc().sql("INSERT INTO recon_channel_api_progress (connector_id, claimed_by, claimed_until) VALUES (?, ?, ?)")
                .params("mp-claimed", "node-b", LocalDateTime.ofInstant(now.plusSeconds(60), ZoneOffset.UTC)).update();

        assertThat(poller("mp-claimed", clock).poll()).isEmpty();
        api.verify(0, getRequestedFor(urlPathEqualTo(PATH)));

        Clock later = Clock.fixed(now.plusSeconds(61), SHANGHAI);
        assertThat(poller("mp-claimed", later).poll()).get()
                .satisfies(r -> assertThat(r.imported().rowsAccepted()).isEqualTo(1));
        assertThat(claimedBy("mp-claimed")).isEmpty();
    }

    @Test
    void twoNodesPollingTheSameConnectorAtTheSameMomentFetchItOnce() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-19T02:00:00Z"), SHANGHAI);
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(null, item("API-N-1", "10.00")))
                .withFixedDelay(500)));
        ChannelApiPoller nodeA = poller("mp-nodes", clock, "node-a");
        ChannelApiPoller nodeB = poller("mp-nodes", clock, "node-b");

        CompletableFuture<Optional<PollResult>> a = CompletableFuture.supplyAsync(nodeA::poll);
        CompletableFuture<Optional<PollResult>> b = CompletableFuture.supplyAsync(nodeB::poll);

        assertThat(List.of(a.join(), b.join())).filteredOn(Optional::isPresent).hasSize(1);
        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
        assertThat(importsBy("mp-nodes")).isEqualTo(1);
    }

    private ChannelApiPoller poller(String id, Clock clock) {
        return poller(id, clock, "node-a");
    }

    private ChannelApiPoller poller(String id, Clock clock, String node) {
        var settings = new ChannelApiProperties.Connector("miniprogram", URI.create(api.baseUrl()), PATH,
                "UNUSED_IN_TESTS", 2, null, null, "next_cursor", null, "/data/items", Duration.ofDays(1),
                Duration.ofMinutes(10), FIELDS);
        HttpFetcher http = HttpFetcher.of(new ChannelApiProperties.Http(3, Duration.ofMillis(50), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(10)), clock);
        return new ChannelApiPoller(new ChannelApiConnector(id, settings, new BearerToken(TOKEN)), http, imports,
                progress, new TransactionTemplate(transactionManager), clock, SHANGHAI, node, Duration.ofMinutes(5));
    }

    private static String page(String nextCursor, String... items) {
        return "{\"data\":{\"items\":[" + String.join(",", items) + "]},\"next_cursor\":"
                + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
    }

    /** An order of the mini-program back end; {@code amount} as JSON (a number, or a quoted string). */
    private static String item(String orderNo, String amount) {
        return """
                {"order_no":"%s","created_at":"2025-03-11T02:00:00Z","paid_at":"2025-03-11T02:00:05Z",
                 "amount":%s,"pay_channel":"wechatpay","transaction_id":"42000%s","state":"PAID",
                 "refund_amount":0,"shop":"miniprogram","category":"美妆","sku":"MZ0001","qty":1}"""
                .formatted(orderNo, amount, orderNo.replaceAll("\\D", "") + orderNo.hashCode());
    }

    private Optional<Instant> storedMark(String connectorId) {
        return jdbc().sql("SELECT since_mark FROM recon_channel_api_progress WHERE connector_id = ?")
                .param(connectorId).query((rs, n) -> Optional.ofNullable(rs.getObject(1, LocalDateTime.class)))
                .optional().flatMap(mark -> mark).map(utc -> utc.toInstant(ZoneOffset.UTC));
    }

    private Optional<String> claimedBy(String connectorId) {
        return jdbc().sql("SELECT claimed_by FROM recon_channel_api_progress WHERE connector_id = ?")
                .param(connectorId).query((rs, n) -> Optional.ofNullable(rs.getString(1))).single();
    }

    private long importsBy(String connectorId) {
        return jdbc().sql("SELECT COUNT(*) FROM recon_import WHERE imported_by = ?")
                .param("channel-api:" + connectorId).query(Long.class).single();
    }

    /** A clock the test moves between two polls. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
