package com.reconflow.ingest;

import java.math.BigDecimal;

/**
 * A record as its row is written: with the natural key that makes it unique within its source, its
 * attributes as JSON and the attributes matching reads as columns. Made while the file is read, so
 * that the thread writing rows only binds values.
 */
record StoredRecord(CanonicalRecord record, String naturalKey, String attributesJson, BigDecimal refundedAmount,
                    String memo) {

    static StoredRecord of(CanonicalRecord record, String naturalKey) {
        return new StoredRecord(record, naturalKey, RecordAttributes.toJson(record.attributes()),
                RecordAttributes.refundedAmount(record.attributes()), record.attributes().get(RecordAttributes.MEMO));
    }
}
