package com.reconflow.ingest;

import java.time.LocalDate;
import java.util.List;

public record ImportResult(long id, String source, String format, String fileName, LocalDate businessDate,
                           ImportStatus status, long rowsAccepted, long rowsRejected, long rowsDuplicate,
                           List<RowError> errors, Long correctsImportId, List<Long> correctedBy) {
}
