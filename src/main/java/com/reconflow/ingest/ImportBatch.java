package com.reconflow.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Receives one file's rows from its parser and writes them in JDBC batches, so memory stays
 * bounded whatever the file's size. Within the source a natural key is unique: a record an earlier
 * import brought is counted as a duplicate and skipped; one that repeats a line of this same file
 * is quarantined. Everything runs inside the import's transaction.
 */
final class ImportBatch implements RecordSink {

    static final int BATCH_SIZE = 1000;
    /** How many row errors an answer lists; all of them are stored. */
    static final int ERRORS_LISTED = 100;
    private static final int MAX_KEY_LENGTH = 64;
    private static final int MAX_RAW_LINE_LENGTH = 4000;

    private final ImportRepository imports;
    private final long importId;
    private final String source;
    private final String format;

    private final Map<String, ImportRepository.KeyedRecord> pending = new LinkedHashMap<>();
    private final List<RowError> pendingRejects = new ArrayList<>();
    private final List<RowError> listedErrors = new ArrayList<>();
    private final Map<LocalDate, Long> recordsPerDay = new HashMap<>();
    private long accepted;
    private long rejected;
    private long duplicate;

    ImportBatch(ImportRepository imports, long importId, String source, String format) {
        this.imports = imports;
        this.importId = importId;
        this.source = source;
        this.format = format;
    }

    @Override
    public void accept(CanonicalRecord record) {
        String key = NaturalKey.of(record);
        RowError invalid = checkLengths(record, key);
        if (invalid != null) {
            reject(invalid);
            return;
        }
        ImportRepository.KeyedRecord earlier = pending.get(key);
        if (earlier != null) {
            reject(sameAs(record, earlier.record().lineNo()));
            return;
        }
        pending.put(key, new ImportRepository.KeyedRecord(record, key));
        if (pending.size() >= BATCH_SIZE) {
            flush();
        }
    }

    @Override
    public void reject(RowError error) {
        rejected++;
        if (listedErrors.size() < ERRORS_LISTED) {
            listedErrors.add(error);
        }
        pendingRejects.add(error);
        if (pendingRejects.size() >= BATCH_SIZE) {
            flushRejects();
        }
    }

    void flush() {
        Map<String, ImportRepository.KeyOwner> existing = imports.existingKeys(source, pending.keySet());
        List<ImportRepository.KeyedRecord> fresh = new ArrayList<>(pending.size());
        for (ImportRepository.KeyedRecord keyed : pending.values()) {
            ImportRepository.KeyOwner owner = existing.get(keyed.naturalKey());
            if (owner == null) {
                fresh.add(keyed);
            } else if (owner.importId() == importId) {
                reject(sameAs(keyed.record(), owner.lineNo()));
            } else {
                duplicate++;
            }
        }
        imports.insertRecords(importId, source, format, fresh);
        fresh.forEach(k -> recordsPerDay.merge(k.record().businessDate(), 1L, Long::sum));
        accepted += fresh.size();
        pending.clear();
        flushRejects();
    }

    private void flushRejects() {
        imports.insertRejectedRows(importId, pendingRejects);
        pendingRejects.clear();
    }

    long accepted() {
        return accepted;
    }

    long rejected() {
        return rejected;
    }

    long duplicate() {
        return duplicate;
    }

    List<RowError> listedErrors() {
        return listedErrors;
    }

    Map<LocalDate, Long> recordsPerDay() {
        return recordsPerDay;
    }

    private static RowError sameAs(CanonicalRecord record, int line) {
        return new RowError(record.lineNo(), null, "the same " + record.kind().name().toLowerCase()
                + " as line " + line + " of this file (" + NaturalKey.of(record) + ")", truncate(record.rawLine()));
    }

    /** A value too long for its column quarantines its row instead of failing the whole import. */
    private static RowError checkLengths(CanonicalRecord r, String naturalKey) {
        for (String[] key : new String[][] {{"orderNo", r.orderNo()}, {"txnId", r.txnId()}, {"refundNo", r.refundNo()}}) {
            if (key[1] != null && key[1].length() > MAX_KEY_LENGTH) {
                return new RowError(r.lineNo(), key[0], key[0] + " is longer than " + MAX_KEY_LENGTH + " characters",
                        truncate(r.rawLine()));
            }
        }
        if (r.rawLine().length() > MAX_RAW_LINE_LENGTH) {
            return new RowError(r.lineNo(), null, "the line is longer than " + MAX_RAW_LINE_LENGTH + " characters",
                    truncate(r.rawLine()));
        }
        if (naturalKey.length() > NaturalKey.MAX_LENGTH) {
            return new RowError(r.lineNo(), null, "its identifying values are too long", truncate(r.rawLine()));
        }
        return null;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_RAW_LINE_LENGTH ? s : s.substring(0, MAX_RAW_LINE_LENGTH);
    }
}
