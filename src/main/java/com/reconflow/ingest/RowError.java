package com.reconflow.ingest;

/** A row that could not be read: quarantined with its line, the offending field and why. */
public record RowError(int line, String field, String message, String rawLine) {
}
