package com.reconflow.ingest.format;

/** A column mapping file that cannot be used: names the file and the key at fault. */
public class InvalidMappingException extends RuntimeException {

    public InvalidMappingException(String message) {
        super(message);
    }

    public InvalidMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
