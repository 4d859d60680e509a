package com.reconflow.ingest.http;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The route file as operators deploy it, loaded into a plain Camel context: its timers call the
 * beans at the configured period. The beans here only count; what they do is tested on their own.
 */
class ChannelApiRoutesTest {

    private final CamelContext camel = new DefaultCamelContext();

    /** Stands in for the application's beans of the same names, with the methods the routes call. */
    public static final class Counting {
        final AtomicInteger calls = new AtomicInteger();

        public List<PollResult> pollAll() {
            calls.incrementAndGet();
            return List.of();
        }

        public Object importPreviousDay() {
            calls.incrementAndGet();
            return null;
        }
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theTimersCallThePollingBeansAtTheConfiguredPeriod() throws Exception {
        Counting connectors = new Counting();
        Counting wechatPay = new Counting();
        camel.getRegistry().bind("channelApiPolling", connectors);
        camel.getRegistry().bind("wechatPayBills", wechatPay);
        Properties properties = new Properties();
        properties.put("recon.channel-api.poll-period", "100");
        properties.put("recon.channel-api.first-poll-delay", "0");
        properties.put("recon.channel-api.wechatpay.poll-period", "100");
        camel.getPropertiesComponent().setInitialProperties(properties);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:camel-routes/channel-api.camel.yaml"));

        camel.start();

        assertThat(camel.getRoutes()).extracting(r -> r.getRouteId())
                .containsExactlyInAnyOrder("channel-api-poll", "wechatpay-tradebill");
        await().atMost(Duration.ofSeconds(10)).until(() -> connectors.calls.get() >= 3 && wechatPay.calls.get() >= 3);
    }
}
