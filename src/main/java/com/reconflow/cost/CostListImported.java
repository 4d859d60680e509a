package com.reconflow.cost;

import java.time.LocalDate;

/**
 * A cost list was stored: the cost of goods of every day from {@code validFrom} on may have changed.
 * Published inside the transaction that stored it, so that what a listener asks for (the reports'
 * refresh) commits with the list or not at all.
 */
public record CostListImported(long costListId, LocalDate validFrom) {
}
