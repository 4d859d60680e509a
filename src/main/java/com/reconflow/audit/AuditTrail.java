package com.reconflow.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The answer to an audit query, oldest first. {@code capped} says that there is more than {@code limit}
 * entries: what is given is then everything up to its last entry's time, and nothing after.
 */
record AuditTrail(List<AuditEntry> entries, boolean capped, int limit) {

    /**
     * Gathers entries from many sources, each read oldest first and at most {@code limit + 1} rows. A source
     * that had more stopped at the time of its first row left out: nothing from that time on is complete,
     * so the trail ends before it, whatever the other sources gave.
     */
    static final class Collector {

        private final int limit;
        private final List<AuditEntry> entries = new ArrayList<>();
        private Instant completeBefore;

        Collector(int limit) {
            this.limit = limit;
        }

        int limit() {
            return limit;
        }

        /** How many rows a source reads: one more than the trail holds, to know whether it stopped. */
        int readLimit() {
            return limit + 1;
        }

        /** Rows a source read, oldest first, turned into entries (some rows may make none). */
        <T> void add(List<T> rows, Function<T, Instant> time, Function<T, List<AuditEntry>> entries) {
            List<T> kept = rows;
            if (rows.size() > limit) {
                stoppedAt(time.apply(rows.get(limit)));
                kept = rows.subList(0, limit);
            }
            kept.forEach(row -> this.entries.addAll(entries.apply(row)));
        }

        /** A source that read everything it had. */
        void addAll(List<AuditEntry> complete) {
            entries.addAll(complete);
        }

        /** A source that could not read beyond this time (a budget of rows ran out). */
        void stoppedAt(Instant at) {
            if (completeBefore == null || at.isBefore(completeBefore)) {
                completeBefore = at;
            }
        }

        AuditTrail trail(AuditQuery query) {
            List<AuditEntry> admitted = new ArrayList<>(entries.stream()
                    .filter(e -> completeBefore == null || e.at().toInstant().isBefore(completeBefore))
                    .filter(query::admits)
                    .toList());
            // Stable: entries of one moment keep the order their source gave them.
            admitted.sort(Comparator.comparing(e -> e.at().toInstant()));
            boolean capped = completeBefore != null || admitted.size() > limit;
            return new AuditTrail(List.copyOf(admitted.subList(0, Math.min(limit, admitted.size()))), capped, limit);
        }
    }
}
