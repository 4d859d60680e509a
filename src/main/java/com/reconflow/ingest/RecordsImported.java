package com.reconflow.ingest;

import java.time.LocalDate;
import java.util.Set;

/** Published when an import has committed: the days it brought records for. */
public record RecordsImported(long importId, String source, Set<LocalDate> businessDates) {
}
