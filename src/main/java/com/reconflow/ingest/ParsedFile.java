package com.reconflow.ingest;

import java.util.List;

/** The outcome of reading one file: the records it yields and the rows it had to quarantine. */
public record ParsedFile(String format, List<CanonicalRecord> records, List<RowError> rejectedRows) {

    public ParsedFile {
        records = List.copyOf(records);
        rejectedRows = List.copyOf(rejectedRows);
    }
}
