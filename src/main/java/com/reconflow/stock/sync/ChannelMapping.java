package com.reconflow.stock.sync;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How one channel wants its figures: the request's URL, method and body made from the channel's templates. Plain
 * Java, so that a mapping is checked at start-up and tested without a server.
 */
final class ChannelMapping {

    static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final List<String> METHODS = List.of("PUT", "POST", "PATCH");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(sku|available|seq|channel|location|changedAt)}");

    private final String channel;
    private final StockSyncProperties.Channel config;

    ChannelMapping(String channel, StockSyncProperties.Channel config) {
        this.channel = channel;
        this.config = config;
    }

    String channel() {
        return channel;
    }

    StockSyncProperties.Channel config() {
        return config;
    }

    /** The figure the channel is told: what is available beyond its buffer, never below zero. */
    long figure(long available) {
        return Math.max(0, available - config.buffer());
    }

    /** The URL for a SKU, the SKU as one path segment or query value (percent-encoded). */
    String url(String sku) {
        return config.url().strip().replace("{sku}", URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    String body(String sku, long available, long seq, Instant changedAt) {
        var out = new StringBuilder();
        var m = PLACEHOLDER.matcher(config.body());
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "sku" -> json(sku);
                case "available" -> Long.toString(available);
                case "seq" -> Long.toString(seq);
                case "channel" -> json(channel);
                case "location" -> json(config.location());
                default -> changedAt.toString();
            };
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Everything that keeps an enabled channel from being pushed to, named by its property. */
    List<String> problems(boolean authVariableSet) {
        String key = "recon.stock.channels." + channel;
        List<String> problems = new ArrayList<>();
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            problems.add(key + ": a channel name is lower-case letters, digits and '-'");
        }
        if (config.location() == null || config.location().isBlank()) {
            problems.add(key + ".location is required: the location whose stock the channel sells");
        }
        if (config.buffer() < 0) {
            problems.add(key + ".buffer must be 0 or more, not " + config.buffer());
        }
        if (config.url() == null || config.url().isBlank()) {
            problems.add(key + ".url is required, e.g. https://api.example.com/stock/{sku}");
        } else {
            try {
                URI uri = URI.create(url("SKU-1"));
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add(key + ".url must be an http or https URL with a host, not " + config.url());
                }
            } catch (IllegalArgumentException e) {
                problems.add(key + ".url is not a URL: " + e.getMessage());
            }
        }
        if (!METHODS.contains(config.method())) {
            problems.add(key + ".method must be one of " + METHODS + ", not " + config.method());
        }
        if (config.authVariable() != null && !config.authVariable().isBlank() && !authVariableSet) {
            problems.add(key + ".auth-variable names " + config.authVariable().strip()
                    + ", which is not set in the environment");
        }
        if (config.connectTimeout().isNegative() || config.connectTimeout().isZero()
                || config.responseTimeout().isNegative() || config.responseTimeout().isZero()) {
            problems.add(key + ".connect-timeout and .response-timeout must be positive");
        }
        return problems;
    }

    /** A JSON string's content (without its quotes). */
    static String json(String text) {
        var out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
