package com.reconflow.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary file for content on its way into the import (an upload, an API download), so any
 * size streams through; deleted when closed.
 */
public final class SpooledFile implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpooledFile.class);

    private final Path path;

    private SpooledFile(Path path) {
        this.path = path;
    }

    /** @param purpose what the file is for, in its name and in the error if it cannot be made */
    public static SpooledFile create(String purpose) {
        try {
            return new SpooledFile(Files.createTempFile("reconflow-" + purpose + "-", ".part"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for " + purpose, e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("cannot delete the temporary file {}: {}", path, e.getMessage());
        }
    }
}
