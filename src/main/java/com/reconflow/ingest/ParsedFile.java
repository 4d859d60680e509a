package com.reconflow.ingest;

import java.util.ArrayList;
import java.util.List;

/** A whole file's records and quarantined rows in memory: for tests and small files only. */
public record ParsedFile(String format, List<CanonicalRecord> records, List<RowError> rejectedRows) {

    public ParsedFile {
        records = List.copyOf(records);
        rejectedRows = List.copyOf(rejectedRows);
    }

    /** A sink that keeps everything it is handed. */
    public static final class Collector implements RecordSink {
        private final List<CanonicalRecord> records = new ArrayList<>();
        private final List<RowError> rejected = new ArrayList<>();

        @Override
        public void accept(CanonicalRecord record) {
            records.add(record);
        }

        @Override
        public void reject(RowError error) {
            rejected.add(error);
        }

        public ParsedFile toParsedFile(String format) {
            return new ParsedFile(format, records, rejected);
        }
    }
}
