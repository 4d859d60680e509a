package com.reconflow.ingest;

import java.sql.Savepoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.reconflow.config.Db;
import org.springframework.dao.DuplicateKeyException;

/**
 * Receives one file's rows, read ahead by {@link ParseAhead}, and writes them in batches, so memory
 * stays bounded whatever the file's size. Within the source a natural key is unique: a record an
 * earlier import brought is counted as a duplicate and skipped; one that repeats a line of this same
 * file is quarantined. Everything runs inside the import's transaction.
 *
 * <p>Which keys are stored already is asked only when it can matter. A batch is first simply
 * inserted: the unique key on (natural key, source) checks every row anyway, and a fresh day's file
 * clashes with nothing. Only when the insert clashes is the batch undone (to a savepoint) and
 * written the careful way: stored keys looked up, duplicates counted, repeats quarantined, the rest
 * inserted. After a batch that had stored keys the next one is looked up first, until one has none.
 * This is correct with other nodes importing at the same moment: the unique key is the judge either
 * way, and a clash with a record another node committed meanwhile is looked up again and counted.
 */
final class ImportBatch implements ParseAhead.Rows {

    static final int BATCH_SIZE = 1000;
    /** How many row errors an answer lists; all of them are stored. */
    static final int ERRORS_LISTED = 100;
    private static final int MAX_KEY_LENGTH = 64;
    private static final int MAX_RAW_LINE_LENGTH = 4000;
    /** Width of {@code recon_import.column_headers}. */
    private static final int COLUMN_HEADERS_WIDTH = 4000;

    private final ImportRepository imports;
    private final RecordWriter writer;
    private final long importId;
    private final String source;

    private final Map<String, StoredRecord> pending = new LinkedHashMap<>();
    private final List<RowError> pendingRejects = new ArrayList<>();
    private final List<RowError> listedErrors = new ArrayList<>();
    private final Map<LocalDate, Long> recordsPerDay = new HashMap<>();
    private final Map<List<String>, Integer> columns = new LinkedHashMap<>();
    private boolean lookUpFirst;
    private long accepted;
    private long rejected;
    private long duplicate;

    ImportBatch(ImportRepository imports, RecordWriter writer, long importId, String source) {
        this.imports = imports;
        this.writer = writer;
        this.importId = importId;
        this.source = source;
    }

    /**
     * The record as it will be stored, or the reason it cannot be: a value too long for its column
     * quarantines its row instead of failing the whole import. Called on the thread reading the file.
     */
    static Object prepare(CanonicalRecord r, boolean columnsNamed) {
        String naturalKey = NaturalKey.of(r);
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
        String memo = r.attributes().get(RecordAttributes.MEMO);
        if (memo != null && memo.length() > MAX_RAW_LINE_LENGTH) {
            return new RowError(r.lineNo(), RecordAttributes.MEMO, RecordAttributes.MEMO + " is longer than "
                    + MAX_RAW_LINE_LENGTH + " characters", truncate(r.rawLine()));
        }
        String refunded = RecordAttributes.refundedAmountProblem(r.attributes());
        if (refunded != null) {
            return new RowError(r.lineNo(), RecordAttributes.REFUNDED_AMOUNT, refunded, truncate(r.rawLine()));
        }
        RecordAttributes.Problem article = RecordAttributes.skuOrQuantityProblem(r.attributes());
        if (article != null) {
            return new RowError(r.lineNo(), article.field(), article.message(), truncate(r.rawLine()));
        }
        return StoredRecord.of(r, naturalKey, columnsNamed);
    }

    @Override
    public void add(StoredRecord stored) {
        StoredRecord earlier = pending.get(stored.naturalKey());
        if (earlier != null) {
            reject(sameAs(stored, earlier.record().lineNo()));
            return;
        }
        pending.put(stored.naturalKey(), stored);
        if (pending.size() >= BATCH_SIZE) {
            flush();
        }
    }

    /** Each distinct header once, with the line it was first read on. */
    @Override
    public void columns(int line, List<String> names) {
        columns.putIfAbsent(names, line);
    }

    /**
     * The file's column headers as stored with the import ({@code "line 1: a,b,c"}, one line per
     * distinct header), so that stored raw lines can be read field by field; null for files without one.
     */
    String columnHeaders() {
        if (columns.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        columns.forEach((names, line) -> text.append(text.isEmpty() ? "" : "\n").append("line ").append(line)
                .append(": ").append(String.join(",", names)));
        return Db.clip(text.toString(), COLUMN_HEADERS_WIDTH);
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
        List<StoredRecord> batch = new ArrayList<>(pending.values());
        pending.clear();
        if (batch.isEmpty()) {
            flushRejects();
            return;
        }
        Map<String, ImportRepository.KeyOwner> stored = lookUpFirst ? lookUp(batch) : Map.of();
        boolean lookedUp = lookUpFirst;
        while (true) {
            List<StoredRecord> fresh = without(batch, stored);
            Savepoint before = writer.savepoint();
            try {
                writer.insert(fresh);
                writer.release(before);
                break;
            } catch (DuplicateKeyException clash) {
                writer.rollbackTo(before);
                Map<String, ImportRepository.KeyOwner> now = lookUp(batch);
                if (lookedUp && now.size() <= stored.size()) {
                    throw clash; // a key stored where this transaction cannot see it: nothing to count
                }
                stored = now;
                lookedUp = true;
            }
        }
        lookUpFirst = !stored.isEmpty();
        for (StoredRecord r : batch) {
            ImportRepository.KeyOwner owner = stored.get(r.naturalKey());
            if (owner == null) {
                accepted++;
                recordsPerDay.merge(r.record().businessDate(), 1L, Long::sum);
            } else if (owner.importId() == importId) {
                reject(sameAs(r, owner.lineNo()));
            } else {
                duplicate++;
            }
        }
        flushRejects();
    }

    private static List<StoredRecord> without(List<StoredRecord> batch, Map<String, ?> stored) {
        return stored.isEmpty() ? batch : batch.stream().filter(r -> !stored.containsKey(r.naturalKey())).toList();
    }

    private Map<String, ImportRepository.KeyOwner> lookUp(List<StoredRecord> batch) {
        return imports.existingKeys(source, batch.stream().map(StoredRecord::naturalKey).toList());
    }

    private void flushRejects() {
        if (pendingRejects.isEmpty()) {
            return;
        }
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

    private static RowError sameAs(StoredRecord stored, int line) {
        CanonicalRecord record = stored.record();
        return new RowError(record.lineNo(), null, "the same " + record.kind().name().toLowerCase()
                + " as line " + line + " of this file (" + stored.naturalKey() + ")", truncate(record.rawLine()));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_RAW_LINE_LENGTH ? s : s.substring(0, MAX_RAW_LINE_LENGTH);
    }
}
