package com.reconflow.stock.orders;

import java.time.Instant;

/**
 * What became of one import's order lines in the stock ledger, so far ({@code PENDING}) or for good
 * ({@code DONE}).
 */
public record OrderPosting(long importId, String status, String processInstanceId, long lastRecordId, int posted,
                           int intercepted, int cancelled, int unlocated, int untracked, int skipped,
                           Instant requestedAt, Instant finishedAt) {

    static final String PENDING = "PENDING";
    static final String DONE = "DONE";

    /** The counts of a chunk, added to the stored ones when the chunk commits. */
    static final class Tally {
        int posted;
        int intercepted;
        int cancelled;
        int unlocated;
        int untracked;
        int skipped;
    }
}
