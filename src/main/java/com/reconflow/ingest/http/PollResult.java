package com.reconflow.ingest.http;

import java.time.Instant;

import com.reconflow.ingest.ImportResult;

/**
 * One successful poll of a connector. {@code imported} is null when the API had no items, or when
 * they were exactly the bytes of an earlier import ({@code earlierImportId} then names it).
 */
public record PollResult(String connectorId, Instant since, int pages, long items, ImportResult imported,
                         Long earlierImportId, Instant nextSince) {
}
