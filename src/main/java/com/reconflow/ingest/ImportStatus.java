package com.reconflow.ingest;

public enum ImportStatus {
    /** Every row became a record. */
    ACCEPTED,
    /** Some rows were quarantined; the others became records. */
    ACCEPTED_WITH_REJECTIONS,
    /** The file as a whole was refused; nothing of it is stored. */
    REJECTED
}
