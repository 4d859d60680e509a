package com.reconflow.ingest;

/**
 * Where a parser hands each row as it reads it, so a file of any size streams through with bounded
 * memory. A parser that finds the file wrong as a whole after rows were accepted (totals that
 * disagree) throws {@link FileRejectedException}; the importer then discards everything it got.
 */
public interface RecordSink {

    void accept(CanonicalRecord record);

    void reject(RowError error);
}
