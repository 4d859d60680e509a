package com.reconflow.stock.sync;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A channel's mapping: URL, body and figure as the channel gets them, and what keeps a channel from starting. */
class ChannelMappingTest {

    private static StockSyncProperties.Channel channel(String url, String method, String body, long buffer,
                                                       String authVariable) {
        return new StockSyncProperties.Channel(true, "WH-EAST", buffer, url, method, body, null, authVariable, null,
                null, null, null, 0);
    }

    @Test
    void theSkuIsOnePercentEncodedSegmentAndTextValuesAreJsonEscaped() {
        var mapping = new ChannelMapping("tmall", channel("https://api.example/stock/{sku}?shop=1", null,
                "{\"id\":\"{sku}\",\"n\":{available},\"v\":{seq},\"at\":\"{changedAt}\",\"c\":\"{channel}\"}", 0, null));
        assertThat(mapping.url("A/B 1\"x")).isEqualTo("https://api.example/stock/A%2FB%201%22x?shop=1");
        assertThat(mapping.body("A\"B\\C", 7, 12, Instant.parse("2026-12-05T10:00:00Z")))
                .isEqualTo("{\"id\":\"A\\\"B\\\\C\",\"n\":7,\"v\":12,\"at\":\"2026-12-05T10:00:00Z\",\"c\":\"tmall\"}");
        assertThat(mapping.config().method()).isEqualTo("PUT");
    }

    @Test
    void theFigureIsWhatIsAvailableBeyondTheBufferAndNeverBelowZero() {
        var mapping = new ChannelMapping("jd", channel("http://x/stock", "post", null, 3, null));
        assertThat(mapping.figure(10)).isEqualTo(7);
        assertThat(mapping.figure(3)).isZero();
        assertThat(mapping.figure(-4)).isZero();
        assertThat(mapping.body("S-1", 7, 2, Instant.EPOCH)).isEqualTo("{\"sku\":\"S-1\",\"available\":7,\"seq\":2}");
    }

    @Test
    void everyProblemOfAnEnabledChannelIsNamedByItsProperty() {
        var bad = new ChannelMapping("Tmall_1", new StockSyncProperties.Channel(true, " ", -1, "ftp://x/{sku}", "GET",
                null, null, "RECON_NOT_SET", null, null, Duration.ZERO, null, 0));
        assertThat(bad.problems(false)).containsExactly(
                "recon.stock.channels.Tmall_1: a channel name is lower-case letters, digits and '-'",
                "recon.stock.channels.Tmall_1.location is required: the location whose stock the channel sells",
                "recon.stock.channels.Tmall_1.buffer must be 0 or more, not -1",
                "recon.stock.channels.Tmall_1.url must be an http or https URL with a host, not ftp://x/{sku}",
                "recon.stock.channels.Tmall_1.method must be one of [PUT, POST, PATCH], not GET",
                "recon.stock.channels.Tmall_1.auth-variable names RECON_NOT_SET, which is not set in the environment",
                "recon.stock.channels.Tmall_1.connect-timeout and .response-timeout must be positive");
        assertThat(new ChannelMapping("jd", channel("http://127.0.0.1:8081/s/{sku}", null, null, 0, "T"))
                .problems(true)).isEmpty();
    }

    @Test
    void theBackoffGrowsByItsMultiplierUpToItsMaximum() {
        var backoff = new StockSyncProperties.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 2);
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(60)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aClaimOutlastsTheWorstCaseOfItsBatch() {
        var channel = new StockSyncProperties.Channel(true, "WH", 0, "http://x", null, null, null, null, null, null,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 4);
        // 100 requests, 4 at a time: 25 rounds of at most 2 × 2 s + 5 s, and one round more
        assertThat(StockPushes.lease(channel, 100)).isEqualTo(Duration.ofSeconds(9 * 26));
    }
}
