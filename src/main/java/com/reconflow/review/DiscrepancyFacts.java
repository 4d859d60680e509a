package com.reconflow.review;

import java.util.Map;

/**
 * More facts for the review of a kind of discrepancy than recon_discrepancy holds (a stock mismatch's SKU,
 * location and quantities), put into the review's variables when its case opens. Implemented where that kind is
 * raised, so the review knows no feature that raises discrepancies.
 */
public interface DiscrepancyFacts {

    /** The variables to add for the discrepancy (the title and approval title may be replaced); empty if none. */
    Map<String, Object> facts(long discrepancyId, String type);
}
