package com.reconflow.ingest;

import java.util.List;

/**
 * Where a parser hands each row as it reads it, so a file of any size streams through with bounded
 * memory. A parser that finds the file wrong as a whole after rows were accepted (totals that
 * disagree) throws {@link FileRejectedException}; the importer then discards everything it got.
 */
public interface RecordSink {

    void accept(CanonicalRecord record);

    void reject(RowError error);

    /**
     * The names of the columns of the rows that follow, read from the file's header on {@code line}.
     * A row's raw line keeps only its values; with these it can be read as the file meant it.
     */
    default void columns(int line, List<String> names) {
    }
}
