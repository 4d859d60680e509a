package com.reconflow.ingest.format;

/** A statement entry with a value that cannot be read: the entry is quarantined, naming the field. */
final class BankEntryError extends RuntimeException {

    private final String field;

    BankEntryError(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
