package com.reconflow.ingest.http;

import com.fasterxml.jackson.core.JsonPointer;

/** Field names and JSON pointers as operators write them in the configuration. */
final class JsonPointers {

    private JsonPointers() {
    }

    /** {@code next_cursor} means {@code /next_cursor}; a pointer stays as written; blank stays null. */
    static String normalise(String nameOrPointer) {
        if (nameOrPointer == null || nameOrPointer.isBlank()) {
            return null;
        }
        String s = nameOrPointer.strip();
        return s.startsWith("/") ? s : "/" + s;
    }

    static JsonPointer compile(String normalised) {
        return JsonPointer.compile(normalised);
    }
}
