package com.reconflow.stock.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.reconflow.support.Api;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stock figures reach the channels' stock APIs (real HTTP servers on loopback, see {@link ChannelServers}) through
 * the outbox and the Camel routes: every channel converges on the latest figure less its buffer, an outage loses
 * nothing and is never followed by a stale figure, many changes make few pushes, and two claimers never hold the
 * same row. Every SKU is made fresh by its test ({@code SYN-…}).
 */
interface StockSyncApi {

    TestRestTemplate rest();

    JdbcClient jdbc();

    ChannelServers servers();

    ChannelOutbox outbox();

    CamelContext camel();

    private static String freshSku() {
        return "SYN-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void move(String sku, String type, int quantity) {
        assertThat(Api.as(rest(), "ops").post("/api/stock/movements", Map.of("sku", sku, "location",
                ChannelServers.LOCATION, "type", type, "quantity", quantity), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    /** Waits until the channel has confirmed the outbox row's latest figure, and returns that figure. */
    private long awaitPushed(String channel, String sku) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc()
                .sql("SELECT COUNT(*) FROM stock_channel_sync WHERE channel = ? AND sku = ? AND pushed_seq = seq")
                .params(channel, sku).query(Long.class).single() == 1);
        return jdbc().sql("SELECT pushed_available FROM stock_channel_sync WHERE channel = ? AND sku = ?")
                .params(channel, sku).query(Long.class).single();
    }

    /**
     * The figures a channel was told, a retried request counted once: a push whose answer was lost is sent again,
     * the same figure with the same seq (at least once, never out of order).
     */
    private static List<JsonNode> told(List<JsonNode> bodies, String seqField) {
        List<JsonNode> told = new ArrayList<>();
        for (JsonNode body : bodies) {
            if (told.isEmpty() || told.get(told.size() - 1).get(seqField).asLong() != body.get(seqField).asLong()) {
                told.add(body);
            }
        }
        return told;
    }

    private static long last(List<JsonNode> bodies, String field) {
        assertThat(bodies).isNotEmpty();
        return bodies.get(bodies.size() - 1).get(field).asLong();
    }

    /** What a channel was told never goes back to an older figure: seq only grows from request to request. */
    private static void assertNeverStale(List<JsonNode> bodies, String seqField) {
        for (int i = 1; i < bodies.size(); i++) {
            assertThat(bodies.get(i).get(seqField).asLong())
                    .as("request %d of %s", i + 1, bodies).isGreaterThanOrEqualTo(bodies.get(i - 1).get(seqField).asLong());
        }
    }

    @Test
    default void everyChannelReceivesTheFigureThroughItsOwnMappingLessItsBuffer() {
        String sku = freshSku();
        move(sku, "RECEIPT", 10);
        assertThat(awaitPushed("tmall", sku)).isEqualTo(10);
        assertThat(awaitPushed("jd", sku)).isEqualTo(8);

        var tmall = servers().tmallRequests(sku);
        assertThat(tmall).isNotEmpty();
        assertThat(tmall.get(0).getMethod().getName()).isEqualTo("PUT");
        assertThat(tmall.get(0).getHeader("Authorization")).isEqualTo("Bearer " + ChannelServers.TMALL_TOKEN);
        assertThat(tmall.get(0).getHeader("Content-Type")).startsWith("application/json");
        assertThat(ChannelServers.map(servers().tmallBodies(sku).get(0)))
                .isEqualTo(Map.of("sku", sku, "available", 10, "seq", 1));
        var jd = servers().jd().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo("/inventory/update"))).stream().filter(r -> r.getBodyAsString().contains(sku)).toList();
        assertThat(jd).isNotEmpty();
        assertThat(jd.get(0).getHeader("X-Api-Key")).isEqualTo(ChannelServers.JD_KEY);
        assertThat(jd.get(0).containsHeader("Authorization")).isFalse();
        assertThat(ChannelServers.map(servers().jdBodies(sku).get(0))).isEqualTo(Map.of("itemId", sku, "qty", 8,
                "version", 1, "warehouse", ChannelServers.LOCATION));

        // Down to 1: tmall is told 1, jd (buffer 2) 0.
        move(sku, "SALE", 9);
        assertThat(awaitPushed("tmall", sku)).isEqualTo(1);
        assertThat(awaitPushed("jd", sku)).isEqualTo(0);
        // Down to 0: tmall is told 0; for jd the figure stays 0, so it is not told again.
        move(sku, "SALE", 1);
        assertThat(awaitPushed("tmall", sku)).isEqualTo(0);
        assertThat(told(servers().tmallBodies(sku), "seq")).hasSize(3);
        assertThat(jdbc().sql("SELECT seq FROM stock_channel_sync WHERE channel = 'jd' AND sku = ?").param(sku)
                .query(Long.class).single()).isEqualTo(2L);
        sleep(600);
        assertThat(told(servers().jdBodies(sku), "version")).hasSize(2);

        // A location no channel sells from has no outbox rows.
        assertThat(Api.as(rest(), "ops").post("/api/stock/movements", Map.of("sku", sku, "location", "WH-NOSYNC",
                "type", "RECEIPT", "quantity", 5), Map.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM stock_channel_sync WHERE sku = ?").param(sku).query(Long.class)
                .single()).isEqualTo(2L);
    }

    @Test
    default void aChannelAnswering503GetsTheLatestFigureOnceItRecoversAndNeverAStaleOneAfterIt() {
        String sku = freshSku();
        servers().tmall().stubFor(any(urlPathEqualTo("/stock/" + sku))
                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
        move(sku, "RECEIPT", 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> servers().tmallRequests(sku).size() >= 2);
        move(sku, "SALE", 1);
        move(sku, "SALE", 1);
        move(sku, "RECEIPT", 10);

        // The healthy channel is not held up by the failing one.
        assertThat(awaitPushed("jd", sku)).isEqualTo(11);
        await().atMost(Duration.ofSeconds(10)).until(() -> servers().tmallRequests(sku).size() >= 4);
        @SuppressWarnings("unchecked")
        Map<String, Object> tmallStatus = (Map<String, Object>) Api.as(rest(), "finance")
                .get("/api/stock/sync", List.class).getBody().stream()
                .filter(c -> "tmall".equals(((Map<String, Object>) c).get("channel"))).findFirst().orElseThrow();
        assertThat((Integer) tmallStatus.get("failing")).isGreaterThanOrEqualTo(1);
        assertThat(tmallStatus.get("failingSkus").toString()).contains(sku).contains("HTTP 503").contains("maintenance");

        servers().tmall().removeStub(servers().tmall().getStubMappings().stream()
                .filter(s -> s.getRequest().getUrlPath() != null && s.getRequest().getUrlPath().contains(sku))
                .findFirst().orElseThrow());
        assertThat(awaitPushed("tmall", sku)).isEqualTo(13);
        sleep(600);
        List<JsonNode> told = servers().tmallBodies(sku);
        assertThat(last(told, "available")).isEqualTo(13);
        assertThat(last(told, "seq")).isEqualTo(4);
        assertNeverStale(told, "seq");
        assertThat(jdbc().sql("SELECT attempts FROM stock_channel_sync WHERE channel = 'tmall' AND sku = ?").param(sku)
                .query(Integer.class).single()).isZero();
    }

    @Test
    default void aChannelThatIsDownGetsOnlyTheLatestFigureWhenItIsBackAndTheOtherChannelGoesOn() {
        String sku = freshSku();
        move(sku, "RECEIPT", 20);
        assertThat(awaitPushed("jd", sku)).isEqualTo(18);
        int before = told(servers().jdBodies(sku), "version").size();

        servers().stopJd();
        try {
            move(sku, "SALE", 3);
            move(sku, "SALE", 4);
            assertThat(awaitPushed("tmall", sku)).isEqualTo(13);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc()
                    .sql("SELECT attempts FROM stock_channel_sync WHERE channel = 'jd' AND sku = ?").param(sku)
                    .query(Integer.class).single() >= 2);
            assertThat(jdbc().sql("SELECT last_error FROM stock_channel_sync WHERE channel = 'jd' AND sku = ?")
                    .param(sku).query(String.class).single()).containsIgnoringCase("refused");
            move(sku, "RECEIPT", 1);
        } finally {
            servers().startJd();
        }
        assertThat(awaitPushed("jd", sku)).isEqualTo(12);
        sleep(600);
        // The restarted server was told once, the latest figure; nothing older came after it.
        List<JsonNode> afterRestart = told(servers().jdBodies(sku), "version");
        assertThat(before).isEqualTo(1);
        assertThat(afterRestart).hasSize(1);
        assertThat(ChannelServers.map(afterRestart.get(0))).containsEntry("qty", 12).containsEntry("version", 4);
    }

    @Test
    default void changesWhileAChannelIsNotPushedAreCoalescedIntoOnePushOfTheLatestFigure() throws Exception {
        String sku = freshSku();
        move(sku, "RECEIPT", 1);
        assertThat(awaitPushed("tmall", sku)).isEqualTo(1);
        // The channel's route stands still (a node busy or restarting): a hundred changes wait in one row.
        camel().getRouteController().stopRoute(StockSyncRoutes.routeId("tmall"));
        try {
            for (int i = 0; i < 100; i++) {
                move(sku, "RECEIPT", 1);
            }
            assertThat(jdbc().sql("SELECT seq FROM stock_channel_sync WHERE channel = 'tmall' AND sku = ?").param(sku)
                    .query(Long.class).single()).isEqualTo(101L);
        } finally {
            camel().getRouteController().startRoute(StockSyncRoutes.routeId("tmall"));
        }
        assertThat(awaitPushed("tmall", sku)).isEqualTo(101);
        sleep(600);
        List<JsonNode> told = told(servers().tmallBodies(sku), "seq");
        assertThat(told).hasSize(2);
        assertThat(ChannelServers.map(told.get(1))).isEqualTo(Map.of("sku", sku, "available", 101, "seq", 101));
    }

    @Test
    default void concurrentClaimersNeverHoldTheSameRowAndAnExpiredLeaseIsTakenOver() throws Exception {
        // A channel without a route: only the claimers below touch its rows.
        String channel = "lease-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 200; i++) {
            jdbc().sql("INSERT INTO stock_channel_sync (channel, sku, available, seq, changed_at, pushed_seq, attempts, "
                    + "next_attempt_at) VALUES (?, ?, 1, 1, CURRENT_TIMESTAMP, 0, 0, TIMESTAMP '2020-01-01 00:00:00')")
                    .params(channel, String.format("L-%03d", i)).update();
        }
        Set<String> claimedTwice = ConcurrentHashMap.newKeySet();
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> claimers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            claimers.add(pool.submit(() -> {
                for (int round = 0; round < 50; round++) {
                    for (ChannelOutbox.Push push : outbox().claim(channel, 7, Duration.ofMinutes(5))) {
                        if (!claimed.add(push.sku())) {
                            claimedTwice.add(push.sku());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> claimer : claimers) {
            claimer.get();
        }
        pool.shutdown();
        assertThat(claimedTwice).isEmpty();
        assertThat(claimed).hasSize(200);
        assertThat(outbox().claim(channel, 500, Duration.ofMinutes(5))).isEmpty();

        // A node that dies holding a row: once its lease has run out another takes the row, and the first one's
        // late result changes nothing.
        String sku = freshSku();
        jdbc().sql("INSERT INTO stock_channel_sync (channel, sku, available, seq, changed_at, pushed_seq, attempts, "
                + "next_attempt_at) VALUES (?, ?, 7, 3, CURRENT_TIMESTAMP, 0, 0, TIMESTAMP '2020-01-01 00:00:00')")
                .params(channel, sku).update();
        // (Two seconds: MySQL gets its times to the second, see the JDBC URL's sendFractionalSeconds=false.)
        ChannelOutbox.Push dead = outbox().claim(channel, 10, Duration.ofSeconds(2)).get(0);
        assertThat(outbox().claim(channel, 10, Duration.ofMinutes(5))).isEmpty();
        sleep(3100);
        ChannelOutbox.Push taker = outbox().claim(channel, 10, Duration.ofMinutes(5)).get(0);
        assertThat(taker.sku()).isEqualTo(sku);
        assertThat(outbox().pushed(dead)).isFalse();
        assertThat(outbox().pushed(taker)).isTrue();
        assertThat(jdbc().sql("SELECT pushed_seq FROM stock_channel_sync WHERE channel = ? AND sku = ?")
                .params(channel, sku).query(Long.class).single()).isEqualTo(3L);
        assertThat(outbox().claim(channel, 10, Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    default void aResyncPushesEveryFigureOfTheChannelsLocationAgainAndOnlyKeepersMayAskForIt() {
        String sku = freshSku();
        move(sku, "RECEIPT", 4);
        assertThat(awaitPushed("tmall", sku)).isEqualTo(4);

        assertThat(Api.as(rest(), "finance").post("/api/stock/sync/tmall/resync", Map.of(), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Api.as(rest(), "ops").post("/api/stock/sync/nosuch/resync", Map.of(), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        var answer = Api.as(rest(), "ops").post("/api/stock/sync/tmall/resync", Map.of(), Map.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(((Number) answer.getBody().get("skus")).intValue()).isGreaterThanOrEqualTo(1);

        assertThat(awaitPushed("tmall", sku)).isEqualTo(4);
        List<JsonNode> told = told(servers().tmallBodies(sku), "seq");
        assertThat(told).hasSize(2);
        assertThat(ChannelServers.map(told.get(1))).isEqualTo(Map.of("sku", sku, "available", 4, "seq", 2));
        assertThat(Api.anonymous(rest()).get("/api/stock/sync", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
