package com.reconflow.stock.orders;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code recon.stock.orders.*}: {@code chunk-size}, how many order lines of an import one posting job takes in
 * one transaction (the job continues with the next chunk until the import is done); {@code only-tracked}
 * (default true), whether only SKUs under stock control at the order's location are posted. With false, an
 * order of a SKU the ledger never saw there meets no stock, and is intercepted as oversold.
 */
@ConfigurationProperties(prefix = "recon.stock.orders")
public record OrderStockProperties(Integer chunkSize, Boolean onlyTracked) {

    public OrderStockProperties {
        chunkSize = chunkSize == null ? 500 : chunkSize;
        onlyTracked = onlyTracked == null || onlyTracked;
        if (chunkSize < 1) {
            throw new IllegalArgumentException("recon.stock.orders.chunk-size must be at least 1");
        }
    }
}
