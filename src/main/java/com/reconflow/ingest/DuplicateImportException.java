package com.reconflow.ingest;

/** The same bytes were imported before: importing them again must change nothing. */
public class DuplicateImportException extends RuntimeException {

    private final long earlierImportId;

    public DuplicateImportException(String fileName, long earlierImportId) {
        super("file " + fileName + " has the same content as import #" + earlierImportId
                + ", which was imported before; nothing was imported again");
        this.earlierImportId = earlierImportId;
    }

    public long earlierImportId() {
        return earlierImportId;
    }
}
