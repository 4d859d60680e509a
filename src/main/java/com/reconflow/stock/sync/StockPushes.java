package com.reconflow.stock.sync;

import java.time.Duration;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the routes {@code stock-sync-<channel>} ({@code camel-routes/stock-sync.camel.yaml}) call: claim the due
 * figures, turn one into the channel's request, and write down how the channel answered.
 */
@Component("stockPushes")
public class StockPushes {

    /** The exchange property that carries the claimed row through the HTTP call. */
    static final String PUSH = "reconStockPush";

    private static final Logger log = LoggerFactory.getLogger(StockPushes.class);

    private final ChannelOutbox outbox;
    private final StockChannels channels;
    private final StockSyncProperties properties;

    StockPushes(ChannelOutbox outbox, StockChannels channels, StockSyncProperties properties) {
        this.outbox = outbox;
        this.channels = channels;
        this.properties = properties;
    }

    /** The channel's due figures, claimed for as long as pushing all of them can take. */
    public List<ChannelOutbox.Push> claim(String channel) {
        ChannelMapping mapping = mapping(channel);
        return outbox.claim(channel, properties.sync().batchSize(), lease(mapping.config(), properties.sync().batchSize()));
    }

    /**
     * Longer than the worst case of a batch: every request of it waiting its full timeouts, {@code concurrency} at
     * a time, and one round more. A claim never runs out while its requests may still reach the channel, so a
     * node taking over a row cannot be overtaken by an older figure still on its way.
     */
    static Duration lease(StockSyncProperties.Channel channel, int batchSize) {
        int rounds = (batchSize + channel.concurrency() - 1) / channel.concurrency() + 1;
        // connecting, waiting for a pooled connection (bounded by the connect timeout too) and the answer
        return channel.connectTimeout().multipliedBy(2).plus(channel.responseTimeout()).multipliedBy(rounds);
    }

    /** Makes the channel's request of a claimed figure: the only headers sent are the ones set here. */
    public void prepare(Exchange exchange) {
        ChannelOutbox.Push push = exchange.getMessage().getBody(ChannelOutbox.Push.class);
        ChannelMapping mapping = mapping(push.channel());
        var message = exchange.getMessage();
        exchange.setProperty(PUSH, push);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, mapping.config().method());
        message.setHeader(Exchange.HTTP_URI, mapping.url(push.sku()));
        message.setHeader(Exchange.CONTENT_TYPE, mapping.config().contentType());
        channels.authValue(mapping.config()).ifPresent(value -> message.setHeader(mapping.config().authHeader(), value));
        message.setBody(mapping.body(push.sku(), push.available(), push.seq(), push.changedAt()));
    }

    /** The channel answered 2xx. */
    public void pushed(Exchange exchange) {
        ChannelOutbox.Push push = exchange.getProperty(PUSH, ChannelOutbox.Push.class);
        if (!outbox.pushed(push)) {
            log.warn("Stock push {} {} = {} was taken over by another node before it ended", push.channel(),
                    push.sku(), push.available());
        }
        if (push.attempts() > 0) {
            log.info("Stock push {} {} = {} went through after {} failed attempts", push.channel(), push.sku(),
                    push.available(), push.attempts());
        }
    }

    /** No answer, or not a 2xx one: the figure waits, longer after each failure. */
    public void failed(Exchange exchange) {
        ChannelOutbox.Push push = exchange.getProperty(PUSH, ChannelOutbox.Push.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = e instanceof HttpOperationFailedException http
                ? "HTTP " + http.getStatusCode() + " from " + http.getUri() + ": " + body(http.getResponseBody())
                : e == null ? "failed" : e.getClass().getSimpleName() + ": " + e.getMessage();
        Duration backoff = properties.sync().backoff().after(push.attempts() + 1);
        outbox.failed(push, error, backoff);
        // One line when a SKU starts failing; then quiet (the status endpoint shows the count and the last error).
        if (push.attempts() == 0) {
            log.warn("Stock push {} {} = {} failed, retried in {}: {}", push.channel(), push.sku(), push.available(),
                    backoff, error);
        } else {
            log.debug("Stock push {} {} failed again ({} attempts): {}", push.channel(), push.sku(),
                    push.attempts() + 1, error);
        }
    }

    private ChannelMapping mapping(String channel) {
        return channels.get(channel).orElseThrow(() -> new IllegalStateException("no enabled channel " + channel));
    }

    private static String body(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
