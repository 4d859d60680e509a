package com.reconflow.ingest;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * One file to import, read from where it lies. {@code format} and {@code businessDate} are
 * optional: the format is then detected from the content, the date taken as the day most rows
 * fall on. {@code correctsImportId}, also optional, names the earlier import whose quarantined
 * rows this file corrects: its rows already imported are skipped as duplicates, the corrected
 * ones come in, and the earlier import points to this one.
 */
public record ImportRequest(String source, String fileName, Path content, String format,
                            LocalDate businessDate, String importedBy, Long correctsImportId) {

    public ImportRequest(String source, String fileName, Path content, String format, LocalDate businessDate,
                         String importedBy) {
        this(source, fileName, content, format, businessDate, importedBy, null);
    }
}
