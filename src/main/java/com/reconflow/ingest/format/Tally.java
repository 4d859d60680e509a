package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.RowError;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Passes rows on to the real sink while counting and adding them up, so a bill's own totals (summary,
 * footer) can be checked at its end without keeping its rows.
 */
final class Tally implements RecordSink {

    private final RecordSink next;
    private final Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
    private final Map<RecordKind, BigDecimal> amounts = new EnumMap<>(RecordKind.class);
    private BigDecimal fees = BigDecimal.ZERO;
    private int rejected;

    Tally(RecordSink next) {
        this.next = next;
    }

    @Override
    public void accept(CanonicalRecord record) {
        counts.merge(record.kind(), 1, Integer::sum);
        amounts.merge(record.kind(), record.amount(), BigDecimal::add);
        if (record.fee() != null) {
            fees = fees.add(record.fee());
        }
        next.accept(record);
    }

    @Override
    public void reject(RowError error) {
        rejected++;
        next.reject(error);
    }

    @Override
    public void columns(int line, List<String> names) {
        next.columns(line, names);
    }

    int count(RecordKind kind) {
        return counts.getOrDefault(kind, 0);
    }

    /** The sum of the kind's amounts, scale 2. */
    BigDecimal amount(RecordKind kind) {
        return amounts.getOrDefault(kind, BigDecimal.ZERO).setScale(2);
    }

    /** The sum of all fees as written (provider precision). */
    BigDecimal fees() {
        return fees;
    }

    int rejected() {
        return rejected;
    }

    /** Every row handed over: records and rejected rows. */
    int rows() {
        return counts.values().stream().mapToInt(Integer::intValue).sum() + rejected;
    }
}
