package com.reconflow.stock.replenishment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How much to reorder. Velocity = units sold (SALE and RESERVED_SALE) at the location over the last
 * {@code velocityDays} days ÷ {@code velocityDays}. Suggested quantity = ⌈velocity × (lead time + cover days) +
 * threshold − available⌉, at least 1: enough to sell through the lead time and the cover days and still be back
 * at the reorder point, from what is available now (which may be negative, when more is owed than held).
 */
public record ReorderPolicy(int velocityDays, int coverDays) {

    /** Units per day, two decimals (half up: it is an average, not money). */
    public BigDecimal velocity(long soldInWindow) {
        return BigDecimal.valueOf(soldInWindow).divide(BigDecimal.valueOf(velocityDays), 2, RoundingMode.HALF_UP);
    }

    public long suggestedQuantity(BigDecimal velocity, int leadTimeDays, long threshold, long available) {
        BigDecimal need = velocity.multiply(BigDecimal.valueOf((long) leadTimeDays + coverDays))
                .add(BigDecimal.valueOf(threshold)).subtract(BigDecimal.valueOf(available));
        long quantity = need.setScale(0, RoundingMode.CEILING).longValueExact();
        return Math.max(1, quantity);
    }
}
