package com.reconflow.ingest.http;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code recon.channel-api.*}: the channels' paged order APIs and the WeChat Pay trade bill. Nothing
 * is polled unless a connector or the WeChat Pay token is configured. Tokens are never written here:
 * a connector names the environment variable that holds its token.
 */
@ConfigurationProperties(prefix = "recon.channel-api")
public record ChannelApiProperties(
        Duration pollPeriod,
        Duration firstPollDelay,
        Duration claimTimeout,
        Http http,
        Map<String, Connector> connectors,
        WechatPay wechatpay) {

    public ChannelApiProperties {
        pollPeriod = pollPeriod == null ? Duration.ofMinutes(5) : pollPeriod;
        firstPollDelay = firstPollDelay == null ? Duration.ofSeconds(30) : firstPollDelay;
        claimTimeout = claimTimeout == null ? Duration.ofMinutes(30) : claimTimeout;
        http = http == null ? new Http(null, null, null, null, null) : http;
        connectors = connectors == null ? Map.of() : Map.copyOf(connectors);
        wechatpay = wechatpay == null ? new WechatPay(null, null, null, null, null, null) : wechatpay;
    }

    /** How every call is made and retried: 429 and 5xx are retried, with exponential back-off. */
    public record Http(Integer maxAttempts, Duration baseDelay, Duration maxDelay, Duration connectTimeout,
                       Duration requestTimeout) {
        public Http {
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            baseDelay = baseDelay == null ? Duration.ofSeconds(1) : baseDelay;
            maxDelay = maxDelay == null ? Duration.ofMinutes(2) : maxDelay;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
        }
    }

    /**
     * One paged JSON order API. Pointers ({@code /data/items}) are JSON pointers; a plain name
     * ({@code next_cursor}) means a field at the top.
     */
    public record Connector(
            String source,
            URI baseUrl,
            String path,
            String tokenVariable,
            Integer pageSize,
            String pageSizeParam,
            String cursorParam,
            String cursorField,
            String sinceParam,
            String itemsPointer,
            Duration initialLookback,
            Duration overlap,
            Fields fields) {

        public Connector {
            path = path == null ? "" : path;
            pageSize = pageSize == null ? 100 : pageSize;
            pageSizeParam = pageSizeParam == null ? "page_size" : pageSizeParam;
            cursorParam = cursorParam == null ? "cursor" : cursorParam;
            cursorField = JsonPointers.normalise(cursorField == null ? "next_cursor" : cursorField);
            sinceParam = sinceParam == null ? "since" : sinceParam;
            itemsPointer = JsonPointers.normalise(itemsPointer == null ? "items" : itemsPointer);
            initialLookback = initialLookback == null ? Duration.ofDays(1) : initialLookback;
            overlap = overlap == null ? Duration.ofMinutes(10) : overlap;
        }
    }

    /** Where in an item each column of the {@code channel-orders} layout is found. */
    public record Fields(String orderNo, String placedAt, String paidAt, String amount, String paymentMethod,
                         String txnId, String status, String refundAmount, String store, String category,
                         String sku, String quantity) {
        public Fields {
            orderNo = JsonPointers.normalise(orderNo);
            placedAt = JsonPointers.normalise(placedAt);
            paidAt = JsonPointers.normalise(paidAt);
            amount = JsonPointers.normalise(amount);
            paymentMethod = JsonPointers.normalise(paymentMethod);
            txnId = JsonPointers.normalise(txnId);
            status = JsonPointers.normalise(status);
            refundAmount = JsonPointers.normalise(refundAmount);
            store = JsonPointers.normalise(store);
            category = JsonPointers.normalise(category);
            sku = JsonPointers.normalise(sku);
            quantity = JsonPointers.normalise(quantity);
        }
    }

    /**
     * The WeChat Pay trade bill, downloaded once a day for the day before. Off unless
     * {@code token-variable} is set or an application bean signs the requests.
     */
    public record WechatPay(URI baseUrl, String tokenVariable, String billType, Boolean gzip,
                            Duration pollPeriod, LocalTime availableAfter) {
        public WechatPay {
            baseUrl = baseUrl == null ? URI.create("https://api.mch.weixin.qq.com") : baseUrl;
            billType = billType == null || billType.isBlank() ? "ALL" : billType;
            gzip = gzip == null ? Boolean.TRUE : gzip;
            pollPeriod = pollPeriod == null ? Duration.ofHours(1) : pollPeriod;
            availableAfter = availableAfter == null ? LocalTime.of(10, 0) : availableAfter;
        }
    }
}
