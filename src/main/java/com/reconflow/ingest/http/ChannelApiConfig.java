package com.reconflow.ingest.http;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.reconflow.config.ReconProperties;
import com.reconflow.ingest.ImportService;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the connectors from {@code recon.channel-api.*} and checks them at start-up: a connector
 * that cannot work (unknown source, no token in the environment, an order field not mapped) stops
 * the application with the reason, rather than failing quietly at every poll.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelApiProperties.class)
class ChannelApiConfig {

    private static final Logger log = LoggerFactory.getLogger(ChannelApiConfig.class);
    private static final Pattern CONNECTOR_ID = Pattern.compile("[A-Za-z0-9_-]{1,60}");
    private static final String PREFIX = "recon.channel-api.";

    @Bean
    HttpFetcher channelApiHttp(ChannelApiProperties properties, Clock clock) {
        return HttpFetcher.of(properties.http(), clock);
    }

    @Bean
    ChannelApiPolling channelApiPolling(ChannelApiProperties properties, ReconProperties recon, Environment environment,
                                        HttpFetcher channelApiHttp, ImportService imports, ChannelApiProgress progress,
                                        PlatformTransactionManager transactionManager, Clock clock) {
        List<String> problems = new ArrayList<>();
        checkPeriod(environment, "poll-period", properties.pollPeriod(), false, problems);
        checkPeriod(environment, "first-poll-delay", properties.firstPollDelay(), true, problems);
        String node = nodeId();
        List<ChannelApiPoller> pollers = new ArrayList<>();
        for (Map.Entry<String, ChannelApiProperties.Connector> entry : properties.connectors().entrySet()) {
            String id = entry.getKey();
            ChannelApiProperties.Connector c = entry.getValue();
            int before = problems.size();
            check(id, c, recon, problems);
            String variable = c.tokenVariable() == null ? "" : c.tokenVariable().strip();
            String token = variable.isEmpty() ? null : environment.getProperty(variable);
            if (!variable.isEmpty() && (token == null || token.isBlank())) {
                problems.add(PREFIX + "connectors." + id + ".token-variable: the environment variable " + variable
                        + " is not set");
            }
            if (problems.size() == before) {
                pollers.add(new ChannelApiPoller(new ChannelApiConnector(id, c, new BearerToken(token)), channelApiHttp,
                        imports, progress, new TransactionTemplate(transactionManager), clock, recon.zone(), node,
                        properties.claimTimeout()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Channel API configuration is not usable:\n  " + String.join("\n  ", problems));
        }
        return new ChannelApiPolling(pollers);
    }

    @Bean
    WechatPayBills wechatPayBills(ChannelApiProperties properties, ObjectProvider<WechatPayAuthorization> signer,
                                  ReconProperties recon, Environment environment, HttpFetcher channelApiHttp,
                                  ImportService imports, JdbcClient jdbc, Clock clock) {
        ChannelApiProperties.WechatPay settings = properties.wechatpay();
        List<String> problems = new ArrayList<>();
        checkPeriod(environment, "wechatpay.poll-period", settings.pollPeriod(), false, problems);
        WechatPayAuthorization authorization = signer.getIfAvailable();
        String variable = settings.tokenVariable() == null ? "" : settings.tokenVariable().strip();
        String token = variable.isEmpty() ? null : environment.getProperty(variable);
        if (authorization == null && token != null && !token.isBlank()) {
            authorization = new BearerToken(token)::headerValue;
        }
        log.info("WeChat Pay trade bill download is {}", authorization != null ? "on"
                : "off: the environment variable " + (variable.isEmpty() ? "(none named)" : variable) + " is not set");
        if (!problems.isEmpty()) {
            throw new IllegalStateException("WeChat Pay bill configuration is not usable:\n  "
                    + String.join("\n  ", problems));
        }
        return new WechatPayBills(settings, authorization, channelApiHttp, imports, jdbc, clock, recon.zone());
    }

    private static void check(String id, ChannelApiProperties.Connector c, ReconProperties recon, List<String> problems) {
        String at = PREFIX + "connectors." + id + ".";
        if (!CONNECTOR_ID.matcher(id).matches()) {
            problems.add(PREFIX + "connectors." + id + ": a connector id is 1 to 60 letters, digits, - or _");
        }
        if (c.source() == null || !recon.isKnownSource(c.source())) {
            problems.add(at + "source: '" + c.source() + "' is not one of recon.sources " + recon.sources());
        }
        if (c.baseUrl() == null || !c.baseUrl().isAbsolute()
                || !List.of("http", "https").contains(c.baseUrl().getScheme().toLowerCase())) {
            problems.add(at + "base-url: '" + c.baseUrl() + "' is not an http(s) URL");
        }
        if (c.tokenVariable() == null || c.tokenVariable().isBlank()) {
            problems.add(at + "token-variable: name the environment variable that holds the bearer token");
        }
        if (c.pageSize() < 1 || c.pageSize() > 10_000) {
            problems.add(at + "page-size: " + c.pageSize() + " is not between 1 and 10000");
        }
        if (c.overlap().isNegative() || c.initialLookback().isNegative()) {
            problems.add(at + "overlap and initial-lookback must not be negative");
        }
        checkPointer(at + "items-pointer", c.itemsPointer(), problems);
        checkPointer(at + "cursor-field", c.cursorField(), problems);
        ChannelApiProperties.Fields f = c.fields();
        if (f == null) {
            problems.add(at + "fields: map the item fields to the order columns (order-no, placed-at, paid-at, "
                    + "amount, payment-method, status, ...)");
            return;
        }
        Map<String, String> required = Map.of("order-no", nullToEmpty(f.orderNo()), "placed-at", nullToEmpty(f.placedAt()),
                "paid-at", nullToEmpty(f.paidAt()), "amount", nullToEmpty(f.amount()),
                "payment-method", nullToEmpty(f.paymentMethod()), "status", nullToEmpty(f.status()));
        required.forEach((key, value) -> {
            if (value.isEmpty()) {
                problems.add(at + "fields." + key + ": required, the import rejects orders without it");
            }
        });
        try {
            ChannelOrdersCsv.columns(f);
        } catch (IllegalArgumentException e) {
            problems.add(at + "fields: " + e.getMessage());
        }
    }

    private static void checkPointer(String key, String pointer, List<String> problems) {
        try {
            JsonPointers.compile(pointer);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": '" + pointer + "' is not a JSON pointer: " + e.getMessage());
        }
    }

    /**
     * The routes' timers read the same value: Camel understands {@code 5m}, {@code 30s} or
     * milliseconds, but reads an ISO {@code PT5M} as 0, which would poll once and never again.
     */
    private static void checkPeriod(Environment environment, String key, Duration period, boolean zeroAllowed,
                                    List<String> problems) {
        String raw = environment.getProperty(PREFIX + key, period.toMillis() + "");
        long camelMillis;
        try {
            camelMillis = TimeUtils.toMilliSeconds(raw);
        } catch (IllegalArgumentException e) {
            camelMillis = -1;
        }
        if ((period.isZero() && !zeroAllowed) || period.isNegative() || camelMillis != period.toMillis()) {
            problems.add(PREFIX + key + ": '" + raw + "' must be a " + (zeroAllowed ? "" : "positive ")
                    + "period written like 5m, 30s, 1h or in milliseconds");
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Which node holds a claim, for people reading the progress table: process and host, made unique. */
    private static String nodeId() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        String id = name + "/" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }
}
