package com.reconflow.stock.orders;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code recon.stock.orders.*}: {@code chunk-size}, how many order lines of an import one posting job takes in
 * one transaction (the job continues with the next chunk until the import is done).
 */
@ConfigurationProperties(prefix = "recon.stock.orders")
public record OrderStockProperties(Integer chunkSize) {

    public OrderStockProperties {
        chunkSize = chunkSize == null ? 500 : chunkSize;
        if (chunkSize < 1) {
            throw new IllegalArgumentException("recon.stock.orders.chunk-size must be at least 1");
        }
    }
}
