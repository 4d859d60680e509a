package com.reconflow.stock.replenishment;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code recon.stock.replenishment.*}. {@code defaultThreshold}: the reorder point of every SKU and location
 * without one of its own; absent, only SKUs given a threshold are watched. {@code defaultLeadTimeDays} and
 * {@code defaultSupplier} complete a threshold that names none. {@code velocityDays}: the days of sales the
 * velocity is averaged over; {@code coverDays}: how many days of sales an order should last beyond its lead time.
 */
@ConfigurationProperties(prefix = "recon.stock.replenishment")
public record ReplenishmentProperties(Long defaultThreshold, Integer defaultLeadTimeDays, String defaultSupplier,
                                      Integer velocityDays, Integer coverDays) {

    public ReplenishmentProperties {
        defaultLeadTimeDays = defaultLeadTimeDays == null ? 7 : defaultLeadTimeDays;
        defaultSupplier = defaultSupplier == null || defaultSupplier.isBlank() ? null : defaultSupplier.strip();
        velocityDays = velocityDays == null ? 28 : velocityDays;
        coverDays = coverDays == null ? 14 : coverDays;
        if (defaultThreshold != null && defaultThreshold < 0) {
            throw new IllegalArgumentException("recon.stock.replenishment.default-threshold must be 0 or more");
        }
        if (defaultLeadTimeDays < 0 || velocityDays < 1 || coverDays < 0) {
            throw new IllegalArgumentException("recon.stock.replenishment: default-lead-time-days and cover-days must "
                    + "be 0 or more, velocity-days 1 or more");
        }
    }
}
