package com.reconflow.stock.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The enabled channels and their mappings, checked at start-up: a channel that cannot work stops the start. */
@Component
@EnableConfigurationProperties(StockSyncProperties.class)
class StockChannels {

    private static final Logger log = LoggerFactory.getLogger(StockChannels.class);

    private final Map<String, ChannelMapping> enabled = new LinkedHashMap<>();
    private final Environment environment;

    StockChannels(StockSyncProperties properties, Environment environment) {
        this.environment = environment;
        List<String> problems = new ArrayList<>();
        properties.channels().forEach((name, channel) -> {
            if (channel.enabled()) {
                ChannelMapping mapping = new ChannelMapping(name, channel);
                problems.addAll(mapping.problems(authValue(channel).isPresent()));
                enabled.put(name, mapping);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Stock sync configuration is incomplete: " + String.join("; ", problems));
        }
        if (enabled.isEmpty()) {
            log.info("No channel receives stock figures (recon.stock.channels.<channel>.enabled)");
        }
    }

    Collection<ChannelMapping> all() {
        return enabled.values();
    }

    Optional<ChannelMapping> get(String channel) {
        return Optional.ofNullable(enabled.get(channel));
    }

    /** The channels that sell the stock of a location. */
    List<ChannelMapping> sellingFrom(String location) {
        List<ChannelMapping> selling = new ArrayList<>(2);
        for (ChannelMapping mapping : enabled.values()) {
            if (location.equals(mapping.config().location().strip())) {
                selling.add(mapping);
            }
        }
        return selling;
    }

    /**
     * The authorization header's value, read when a request is made (a rotated secret is used without a restart
     * where the environment is refreshed); empty when the channel needs none.
     */
    Optional<String> authValue(StockSyncProperties.Channel channel) {
        if (channel.authVariable() == null || channel.authVariable().isBlank()) {
            return Optional.empty();
        }
        String secret = environment.getProperty(channel.authVariable().strip());
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(channel.authScheme().isEmpty() ? secret : channel.authScheme() + " " + secret);
    }
}
