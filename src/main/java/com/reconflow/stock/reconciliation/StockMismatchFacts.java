package com.reconflow.stock.reconciliation;

import java.util.LinkedHashMap;
import java.util.Map;

import com.reconflow.matching.DiscrepancyType;
import com.reconflow.review.DiscrepancyFacts;
import com.reconflow.review.ReviewVariables;
import org.springframework.stereotype.Component;

/** What the review form shows of a stock mismatch: SKU, location, the four quantities, orders, interceptions. */
@Component
class StockMismatchFacts implements DiscrepancyFacts {

    static final String SKU = "stockSku";
    static final String LOCATION = "stockLocation";
    static final String SOLD_PER_ORDERS = "soldPerOrders";
    static final String SOLD_PER_MOVEMENTS = "soldPerMovements";
    static final String RETURNED_PER_ORDERS = "returnedPerOrders";
    static final String RETURNED_PER_MOVEMENTS = "returnedPerMovements";
    static final String ORDERS = "stockOrders";
    static final String INTERCEPTIONS = "stockInterceptions";

    private final StockMismatchRepository mismatches;

    StockMismatchFacts(StockMismatchRepository mismatches) {
        this.mismatches = mismatches;
    }

    @Override
    public Map<String, Object> facts(long discrepancyId, String type) {
        if (!DiscrepancyType.STOCK_MISMATCH.name().equals(type)) {
            return Map.of();
        }
        return mismatches.find(discrepancyId).map(m -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put(SKU, m.sku());
            facts.put(LOCATION, m.location());
            // Strings, as the form's read-only fields show them.
            facts.put(SOLD_PER_ORDERS, Long.toString(m.soldPerOrders()));
            facts.put(SOLD_PER_MOVEMENTS, Long.toString(m.soldPerMovements()));
            facts.put(RETURNED_PER_ORDERS, Long.toString(m.returnedPerOrders()));
            facts.put(RETURNED_PER_MOVEMENTS, Long.toString(m.returnedPerMovements()));
            facts.put(ORDERS, m.orders());
            facts.put(INTERCEPTIONS, m.interceptions());
            String title = m.businessDate() + " · STOCK_MISMATCH · " + m.sku() + " @ " + m.location() + " · sold "
                    + m.soldPerOrders() + "/" + m.soldPerMovements() + ", returned " + m.returnedPerOrders() + "/"
                    + m.returnedPerMovements();
            facts.put(ReviewVariables.TITLE, title);
            facts.put(ReviewVariables.APPROVAL_TITLE, "Approve · " + title);
            return facts;
        }).orElse(Map.of());
    }
}
