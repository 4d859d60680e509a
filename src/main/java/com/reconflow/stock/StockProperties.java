package com.reconflow.stock;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code recon.stock.*}: where each online channel's orders take their stock from ({@code fulfilment}, channel →
 * location). A POS order takes it from its own store (门店).
 */
@ConfigurationProperties(prefix = "recon.stock")
public record StockProperties(Map<String, String> fulfilment) {

    public StockProperties {
        fulfilment = fulfilment == null ? Map.of() : Map.copyOf(fulfilment);
    }
}
