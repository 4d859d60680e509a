package com.reconflow.stock.sync;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Two channels' stock APIs as real HTTP servers on loopback, started before the application (which pushes to them
 * from its first second), with two different mappings:
 * <ul>
 *     <li>{@code tmall}: {@code PUT /stock/{sku}}, the default body, {@code Authorization: Bearer …}, no buffer;</li>
 *     <li>{@code jd}: {@code POST /inventory/update}, its own field names, {@code X-Api-Key: …}, a buffer of 2.</li>
 * </ul>
 * Both sell the stock of {@link #LOCATION}, a location of these tests only.
 */
final class ChannelServers {

    static final String LOCATION = "WH-SYNC";
    static final String TMALL_TOKEN = "tmall-secret-1";
    static final String JD_KEY = "jd-key-2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockServer tmall = started(0);
    private WireMockServer jd = started(0);
    private final int jdPort = jd.port();

    private static WireMockServer started(int port) {
        WireMockServer server = new WireMockServer(wireMockConfig().port(port).bindAddress("127.0.0.1")
                .containerThreads(20));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        return server;
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("recon.stock.sync.period", () -> "200ms");
        registry.add("recon.stock.sync.backoff.initial", () -> "200ms");
        registry.add("recon.stock.sync.backoff.max", () -> "1s");
        // Generous: a busy test machine must not turn a slow answer into a retry.
        String tmallKey = "recon.stock.channels.tmall.";
        registry.add(tmallKey + "enabled", () -> "true");
        registry.add(tmallKey + "location", () -> LOCATION);
        registry.add(tmallKey + "url", () -> "http://127.0.0.1:" + tmall.port() + "/stock/{sku}");
        registry.add(tmallKey + "auth-variable", () -> "RECON_TEST_TMALL_STOCK_TOKEN");
        registry.add(tmallKey + "connect-timeout", () -> "2s");
        registry.add(tmallKey + "response-timeout", () -> "10s");
        registry.add("RECON_TEST_TMALL_STOCK_TOKEN", () -> TMALL_TOKEN);
        String jdKey = "recon.stock.channels.jd.";
        registry.add(jdKey + "enabled", () -> "true");
        registry.add(jdKey + "location", () -> LOCATION);
        registry.add(jdKey + "buffer", () -> "2");
        registry.add(jdKey + "url", () -> "http://127.0.0.1:" + jd.port() + "/inventory/update");
        registry.add(jdKey + "method", () -> "POST");
        registry.add(jdKey + "body",
                () -> "{\"itemId\":\"{sku}\",\"qty\":{available},\"version\":{seq},\"warehouse\":\"{location}\"}");
        registry.add(jdKey + "auth-variable", () -> "RECON_TEST_JD_STOCK_KEY");
        registry.add(jdKey + "auth-header", () -> "X-Api-Key");
        registry.add(jdKey + "auth-scheme", () -> "");
        registry.add(jdKey + "connect-timeout", () -> "2s");
        registry.add(jdKey + "response-timeout", () -> "10s");
        registry.add("RECON_TEST_JD_STOCK_KEY", () -> JD_KEY);
    }

    WireMockServer tmall() {
        return tmall;
    }

    WireMockServer jd() {
        return jd;
    }

    /** The jd server goes away: its port refuses connections. */
    void stopJd() {
        jd.stop();
    }

    /** The jd server is back on the same port, answering 204 again. */
    void startJd() {
        jd = started(jdPort);
    }

    /** What tmall was told about a SKU, oldest first: one body per request. */
    List<JsonNode> tmallBodies(String sku) {
        return bodies(tmall.findAll(anyRequestedFor(urlPathEqualTo("/stock/" + sku))));
    }

    /** What jd was told about a SKU, oldest first. */
    List<JsonNode> jdBodies(String sku) {
        return bodies(jd.findAll(anyRequestedFor(urlPathEqualTo("/inventory/update"))).stream()
                .filter(r -> r.getBodyAsString().contains("\"" + sku + "\"")).toList());
    }

    List<LoggedRequest> tmallRequests(String sku) {
        return tmall.findAll(anyRequestedFor(urlPathEqualTo("/stock/" + sku)));
    }

    void stop() {
        tmall.stop();
        jd.stop();
    }

    static Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }

    private static List<JsonNode> bodies(List<LoggedRequest> requests) {
        return requests.stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString());
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + r.getBodyAsString(), e);
            }
        }).toList();
    }
}
