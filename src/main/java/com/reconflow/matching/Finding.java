package com.reconflow.matching;

import java.math.BigDecimal;

/**
 * A real difference people must look at. {@code record} is the record the finding is about,
 * {@code counterpart} the one it was compared with (null when missing); {@code counterSource} is
 * where the counterpart was, or should have been, found. {@code basis} names the key the rule
 * looked for, {@code tolerance} the difference it would have allowed.
 */
public record Finding(DiscrepancyType type, String ruleId, LedgerEntry record, LedgerEntry counterpart,
                      String counterSource, BigDecimal expected, BigDecimal actual, String basis,
                      BigDecimal tolerance) {

    public BigDecimal difference() {
        return actual.subtract(expected);
    }
}
