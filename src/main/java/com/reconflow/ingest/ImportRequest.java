package com.reconflow.ingest;

import java.time.LocalDate;

/**
 * One file to import. {@code format} and {@code businessDate} are optional: the format is then
 * detected from the content, the date taken as the day most rows fall on.
 */
public record ImportRequest(String source, String fileName, byte[] content, String format,
                            LocalDate businessDate, String importedBy) {
}
