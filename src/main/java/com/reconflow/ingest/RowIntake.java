package com.reconflow.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.reconflow.ingest.format.ChannelFile;

/**
 * A layout whose rows are not records for matching but facts another part of ReconFlow keeps (a stock
 * movement file). It comes in through the same pipeline as every file (inbox, SFTP, upload): detected by its
 * content, refused when the same bytes came before, counted on its import, its unreadable rows quarantined
 * with line and field. Its rows are stored by that part, inside the import's transaction, so a file is
 * imported whole or not at all.
 */
public interface RowIntake {

    /** The format id, as for the record layouts. */
    String formatId();

    /** Whether the file's content (its header) is this layout; never the name. */
    boolean recognises(ChannelFile file);

    /**
     * Reads and stores the file's rows as import {@code delivery.importId()}; each row that cannot be taken goes
     * to {@code quarantine}.
     *
     * @throws FileRejectedException when the file as a whole is wrong; nothing of it is kept
     */
    Taken take(Delivery delivery, ChannelFile file, Quarantine quarantine);

    /** The import the rows belong to. */
    record Delivery(long importId, String source, String fileName, String importedBy) {
    }

    /** Where rows that cannot be taken go, and the header that reads their raw lines. */
    interface Quarantine {
        void reject(RowError error);

        void columns(int line, List<String> names);
    }

    /**
     * What came of the file: rows stored, rows stored before (by an earlier import) and so skipped, and the
     * stored rows per business day (the import's business date is the day most fall on).
     */
    record Taken(long accepted, long duplicate, Map<LocalDate, Long> rowsPerDay) {
    }
}
