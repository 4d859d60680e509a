package com.reconflow.stock.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route per enabled channel, {@code stock-sync-<channel>}, made from the route template {@code stock-sync-push}
 * in {@code camel-routes/stock-sync.camel.yaml}: a channel that is slow or down delays only itself. Each route gets
 * its own HTTP connections with the channel's timeouts, and its own threads.
 */
@Configuration(proxyBeanMethods = false)
class StockSyncRoutes {

    static final String TEMPLATE_ID = "stock-sync-push";

    private static final Logger log = LoggerFactory.getLogger(StockSyncRoutes.class);

    static String routeId(String channel) {
        return "stock-sync-" + channel;
    }

    @Bean
    CamelContextConfiguration stockSyncRouteCreator(StockChannels channels, StockSyncProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                channels.all().forEach(channel -> addRoute(camelContext, channel, properties));
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        };
    }

    private static void addRoute(CamelContext camelContext, ChannelMapping channel, StockSyncProperties properties) {
        StockSyncProperties.Channel config = channel.config();
        Timeout connect = Timeout.ofMilliseconds(config.connectTimeout().toMillis());
        Timeout response = Timeout.ofMilliseconds(config.responseTimeout().toMillis());
        // The channel's own pool, as large as its threads: a push never waits for a connection, and the socket
        // timeout bounds the wait for the answer.
        HttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(config.concurrency())
                .setMaxConnPerRoute(config.concurrency())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                        .setSocketTimeout(response).build())
                .build();
        ExecutorService pool = camelContext.getExecutorServiceManager()
                .newFixedThreadPool(StockSyncRoutes.class, routeId(channel.channel()), config.concurrency());

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("channel", channel.channel());
        parameters.put("period", properties.sync().period().toMillis());
        String routeId = TemplatedRouteBuilder.builder(camelContext, TEMPLATE_ID)
                .routeId(routeId(channel.channel()))
                .parameters(parameters)
                .bean("stockSyncConnections", connections)
                .bean("stockSyncPool", pool)
                .add();
        log.info("Stock sync {}: {} {} with the figures of {} less {}, every {}", routeId, config.method(),
                config.url().strip(), config.location().strip(), config.buffer(), properties.sync().period());
    }
}
