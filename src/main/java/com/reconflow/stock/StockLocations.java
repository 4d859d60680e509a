package com.reconflow.stock;

import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Which location an order's goods leave from: a POS order its store, an online order its channel's warehouse. */
@Component
@EnableConfigurationProperties(StockProperties.class)
public class StockLocations {

    static final String POS = "pos";

    private final StockProperties properties;

    StockLocations(StockProperties properties) {
        this.properties = properties;
    }

    /** Empty when the order's channel has no fulfilling location configured, or a POS order names no store. */
    public Optional<String> ofOrder(String channel, String store) {
        if (POS.equals(channel)) {
            return store == null || store.isBlank() ? Optional.empty() : Optional.of(store.strip());
        }
        return Optional.ofNullable(properties.fulfilment().get(channel));
    }
}
