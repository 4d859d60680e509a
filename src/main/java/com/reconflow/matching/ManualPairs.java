package com.reconflow.matching;

import java.util.Set;

/**
 * What people decided about a day's pairs, applied on every matching of the day so that a re-run
 * keeps them: {@code linked} pairs belong together whatever the keys say (a manual match, a
 * confirmed proposal); {@code separated} pairs never do (an unmatch, a rejected proposal).
 */
public record ManualPairs(Set<RecordPair> linked, Set<RecordPair> separated) {

    public static final ManualPairs NONE = new ManualPairs(Set.of(), Set.of());

    public ManualPairs {
        linked = Set.copyOf(linked);
        separated = Set.copyOf(separated);
    }

    boolean separates(LedgerEntry order, LedgerEntry payment) {
        return !separated.isEmpty() && separated.contains(new RecordPair(order.id(), payment.id()));
    }
}
