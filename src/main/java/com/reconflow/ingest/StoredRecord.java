package com.reconflow.ingest;

import java.math.BigDecimal;

/**
 * A record as its row is written: with the natural key that makes it unique within its source, the
 * attributes matching reads as columns, and the other attributes as JSON only where the raw line
 * cannot tell them: a row under a column header is its raw line read by the header stored with the
 * import, while a bank statement's entry takes its account and statement from elsewhere in the file.
 * Made while the file is read, so that the thread writing rows only binds values.
 */
record StoredRecord(CanonicalRecord record, String naturalKey, String attributesJson, BigDecimal refundedAmount,
                    String memo, String sku, Integer quantity) {

    static StoredRecord of(CanonicalRecord record, String naturalKey, boolean columnsNamed) {
        return new StoredRecord(record, naturalKey, columnsNamed ? null : RecordAttributes.toJson(record.attributes()),
                RecordAttributes.refundedAmount(record.attributes()), record.attributes().get(RecordAttributes.MEMO),
                RecordAttributes.sku(record.attributes()), RecordAttributes.quantity(record.attributes()));
    }
}
