package com.reconflow.review;

import java.util.List;

import org.springframework.stereotype.Component;

/** The discrepancies of a run still waiting for a decision; the process fans out one review per id. */
@Component
public class ReviewQueue {

    private final DiscrepancyRepository discrepancies;

    ReviewQueue(DiscrepancyRepository discrepancies) {
        this.discrepancies = discrepancies;
    }

    public List<Long> openDiscrepancyIds(long runId) {
        return discrepancies.openIdsOfRun(runId);
    }
}
