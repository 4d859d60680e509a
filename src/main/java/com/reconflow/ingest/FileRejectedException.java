package com.reconflow.ingest;

/**
 * The file as a whole cannot be trusted (unknown layout, missing column, totals that disagree with
 * the rows, empty, truncated): nothing of it may be stored.
 */
public class FileRejectedException extends RuntimeException {

    public FileRejectedException(String message) {
        super(message);
    }

    public FileRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
