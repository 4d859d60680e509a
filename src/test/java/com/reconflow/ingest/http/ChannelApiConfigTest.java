package com.reconflow.ingest.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.reconflow.config.ReconProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A connector that cannot work stops the start-up with every reason, instead of failing at each poll. */
class ChannelApiConfigTest {

    private static final ReconProperties RECON = new ReconProperties(ZoneId.of("Asia/Shanghai"),
            List.of("miniprogram", "erp", "wechatpay"), null, null, null, null, null);
    private static final ChannelApiProperties.Fields FIELDS = new ChannelApiProperties.Fields("order_no",
            "created_at", "paid_at", "amount", "pay_channel", "transaction_id", "state", null, null, null, "sku",
            "qty");

    private final ChannelApiConfig config = new ChannelApiConfig();
    private final Clock clock = Clock.systemUTC();

    @Test
    void aWellConfiguredConnectorIsPolledWithTheTokenFromTheEnvironment() {
        var environment = new MockEnvironment().withProperty("RECON_MP_TOKEN", "secret");
        ChannelApiPolling polling = polling(Map.of("miniprogram-api", connector("miniprogram", "RECON_MP_TOKEN", FIELDS)),
                environment);
        assertThat(polling.connectorIds()).containsExactly("miniprogram-api");
    }

    @Test
    void aConnectorWrittenAsInTheDocumentationIsBoundWithItsDefaults() throws Exception {
        String yaml = """
                recon:
                  channel-api:
                    poll-period: 2m
                    connectors:
                      miniprogram-api:
                        source: miniprogram
                        base-url: https://mp-backend.example.com
                        path: /api/v1/orders
                        token-variable: RECON_MINIPROGRAM_API_TOKEN
                        cursor-field: /paging/next_cursor
                        items-pointer: /data/items
                        initial-lookback: 2d
                        fields:
                          order-no: order_no
                          placed-at: created_at
                          paid-at: paid_at
                          amount: total_amount
                          payment-method: pay_channel
                          status: state
                          sku: /goods/sku
                """;
        var sources = new YamlPropertySourceLoader().load("example", new ByteArrayResource(yaml.getBytes(UTF_8)));
        ChannelApiProperties bound = new Binder(ConfigurationPropertySources.from(sources))
                .bind("recon.channel-api", ChannelApiProperties.class).get();

        assertThat(bound.pollPeriod()).isEqualTo(Duration.ofMinutes(2));
        assertThat(bound.claimTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(bound.http().maxAttempts()).isEqualTo(5);
        ChannelApiProperties.Connector c = bound.connectors().get("miniprogram-api");
        assertThat(c.baseUrl()).isEqualTo(URI.create("https://mp-backend.example.com"));
        assertThat(c.tokenVariable()).isEqualTo("RECON_MINIPROGRAM_API_TOKEN");
        assertThat(c.pageSize()).isEqualTo(100);
        assertThat(c.pageSizeParam()).isEqualTo("page_size");
        assertThat(c.cursorParam()).isEqualTo("cursor");
        assertThat(c.cursorField()).isEqualTo("/paging/next_cursor");
        assertThat(c.sinceParam()).isEqualTo("since");
        assertThat(c.itemsPointer()).isEqualTo("/data/items");
        assertThat(c.initialLookback()).isEqualTo(Duration.ofDays(2));
        assertThat(c.overlap()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.fields().orderNo()).isEqualTo("/order_no");
        assertThat(c.fields().sku()).isEqualTo("/goods/sku");
        assertThat(c.fields().txnId()).isNull();
    }

    @Test
    void everyProblemOfEveryConnectorIsNamedByItsKey() {
        var incomplete = new ChannelApiProperties.Fields("order_no", null, null, "amount", null, null, "state",
                null, null, null, null, null);
        Map<String, ChannelApiProperties.Connector> connectors = Map.of(
                "shop", connector("ebay", "RECON_SHOP_TOKEN", FIELDS),
                "erp", connector("erp", "RECON_ERP_TOKEN", incomplete));

        assertThatThrownBy(() -> polling(connectors, new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recon.channel-api.connectors.shop.source: 'ebay' is not one of recon.sources")
                .hasMessageContaining("recon.channel-api.connectors.shop.token-variable: the environment variable "
                        + "RECON_SHOP_TOKEN is not set")
                .hasMessageContaining("recon.channel-api.connectors.erp.fields.placed-at: required")
                .hasMessageContaining("recon.channel-api.connectors.erp.fields.paid-at: required")
                .hasMessageContaining("recon.channel-api.connectors.erp.fields.payment-method: required");
    }

    @Test
    void aPeriodTheRouteTimerWouldMisreadIsRefused() {
        var environment = new MockEnvironment().withProperty("recon.channel-api.poll-period", "PT5M");
        assertThatThrownBy(() -> polling(Map.of(), environment))
                .hasMessageContaining("recon.channel-api.poll-period: 'PT5M' must be a positive period written like 5m");
    }

    @Test
    void theWechatPayBillIsOffUntilItsTokenIsInTheEnvironment() {
        var properties = properties(Map.of());
        assertThat(config.wechatPayBills(properties, new NoBean<>(), RECON, new MockEnvironment(), null, null, null,
                clock).enabled()).isFalse();
        assertThat(config.wechatPayBills(properties, new NoBean<>(), RECON,
                new MockEnvironment().withProperty("RECON_WECHATPAY_TOKEN", "secret"), null, null, null, clock)
                .enabled()).isTrue();
    }

    private ChannelApiPolling polling(Map<String, ChannelApiProperties.Connector> connectors, MockEnvironment environment) {
        ChannelApiProperties properties = properties(connectors);
        return config.channelApiPolling(properties, RECON, environment, config.channelApiHttp(properties, clock), null,
                null, null, clock);
    }

    private static ChannelApiProperties properties(Map<String, ChannelApiProperties.Connector> connectors) {
        return new ChannelApiProperties(Duration.ofMinutes(5), null, null, null, connectors,
                new ChannelApiProperties.WechatPay(null, "RECON_WECHATPAY_TOKEN", null, null, null, null));
    }

    private static ChannelApiProperties.Connector connector(String source, String tokenVariable,
                                                            ChannelApiProperties.Fields fields) {
        return new ChannelApiProperties.Connector(source, URI.create("https://mp.example.com"), "/api/orders",
                tokenVariable, null, null, null, null, null, "/data/items", null, null, fields);
    }

    /** No application bean of the type: the default of the configuration applies. */
    private static final class NoBean<T> implements org.springframework.beans.factory.ObjectProvider<T> {
        @Override
        public T getObject(Object... args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public T getIfAvailable() {
            return null;
        }

        @Override
        public T getIfUnique() {
            return null;
        }

        @Override
        public T getObject() {
            throw new UnsupportedOperationException();
        }
    }
}
