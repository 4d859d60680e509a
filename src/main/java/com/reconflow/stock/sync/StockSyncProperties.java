package com.reconflow.stock.sync;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code recon.stock.sync.*} (how often and how hard the outbox is pushed) and {@code recon.stock.channels.<channel>.*}
 * (each channel's stock API and the location it sells from). No channel is pushed to unless enabled.
 */
@ConfigurationProperties(prefix = "recon.stock")
public record StockSyncProperties(Sync sync, Map<String, Channel> channels) {

    public StockSyncProperties {
        sync = sync == null ? new Sync(null, 0, null) : sync;
        channels = channels == null ? Map.of() : Map.copyOf(channels);
    }

    /**
     * {@code period}: how often each channel's route looks for figures to push; {@code batchSize}: at most this
     * many SKUs claimed per look; {@code backoff}: how long a failed push waits before it is tried again.
     */
    public record Sync(Duration period, int batchSize, Backoff backoff) {
        public Sync {
            period = period == null ? Duration.ofMillis(200) : period;
            batchSize = batchSize <= 0 ? 100 : batchSize;
            backoff = backoff == null ? new Backoff(null, null, 0) : backoff;
        }
    }

    /** Waits {@code initial}, then {@code multiplier} times longer after each further failure, never above {@code max}. */
    public record Backoff(Duration initial, Duration max, double multiplier) {
        public Backoff {
            initial = initial == null ? Duration.ofSeconds(1) : initial;
            max = max == null ? Duration.ofMinutes(5) : max;
            multiplier = multiplier <= 0 ? 2 : multiplier;
        }

        /** The wait after the {@code attempts}-th failure in a row (1 for the first). */
        public Duration after(int attempts) {
            double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
            return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
        }
    }

    /**
     * One channel's stock API. {@code url} may hold {@code {sku}}; {@code body} is a template with {@code {sku}},
     * {@code {available}}, {@code {seq}}, {@code {channel}}, {@code {location}} and {@code {changedAt}} (text
     * values are JSON-escaped, without quotes). The header {@code authHeader} carries {@code authScheme} and the
     * value of the environment variable {@code authVariable}.
     */
    public record Channel(boolean enabled, String location, long buffer, String url, String method, String body,
                          String contentType, String authVariable, String authHeader, String authScheme,
                          Duration connectTimeout, Duration responseTimeout, int concurrency) {

        public static final String DEFAULT_BODY = "{\"sku\":\"{sku}\",\"available\":{available},\"seq\":{seq}}";

        public Channel {
            method = method == null || method.isBlank() ? "PUT" : method.strip().toUpperCase(java.util.Locale.ROOT);
            body = body == null || body.isBlank() ? DEFAULT_BODY : body;
            contentType = contentType == null || contentType.isBlank() ? "application/json" : contentType.strip();
            authHeader = authHeader == null || authHeader.isBlank() ? "Authorization" : authHeader.strip();
            authScheme = authScheme == null ? "Bearer" : authScheme.strip();
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            responseTimeout = responseTimeout == null ? Duration.ofSeconds(5) : responseTimeout;
            concurrency = concurrency <= 0 ? 4 : concurrency;
        }
    }
}
