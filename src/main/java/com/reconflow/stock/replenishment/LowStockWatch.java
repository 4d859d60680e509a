package com.reconflow.stock.replenishment;

import com.reconflow.stock.StockChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens a replenishment when a movement takes a SKU's availability at a location from above its threshold to
 * at or below it. A plain listener: the case and its process start in the movement's transaction, so they
 * commit with it or not at all. Availability already at or below the threshold opens nothing new: the case
 * opened when it crossed is the one (or, once that ended, the next crossing opens the next).
 */
@Component
class LowStockWatch {

    private final Thresholds thresholds;
    private final Replenishments replenishments;

    LowStockWatch(Thresholds thresholds, Replenishments replenishments) {
        this.thresholds = thresholds;
        this.replenishments = replenishments;
    }

    @EventListener
    public void onStockChanged(StockChanged changed) {
        long before = changed.before().available();
        long after = changed.after().available();
        if (after >= before) {
            return;
        }
        thresholds.of(changed.sku(), changed.location())
                .filter(t -> before > t.threshold() && after <= t.threshold())
                .ifPresent(t -> replenishments.openIfNone(changed.sku(), changed.location(),
                        changed.movement().id(), t.threshold(), after));
    }
}
