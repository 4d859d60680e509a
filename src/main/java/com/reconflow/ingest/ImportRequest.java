package com.reconflow.ingest;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * One file to import, read from where it lies. {@code format} and {@code businessDate} are
 * optional: the format is then detected from the content, the date taken as the day most rows
 * fall on.
 */
public record ImportRequest(String source, String fileName, Path content, String format,
                            LocalDate businessDate, String importedBy) {
}
