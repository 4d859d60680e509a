package com.reconflow.run;

/**
 * How far a run got: records of the day, records matched, matches made without people that were
 * not exact (rounding, timing), discrepancies raised (superseded ones not counted) and still open,
 * records left waiting for a later day's data, and proposed pairs waiting for a person.
 */
public record RunCounts(long records, long matched, long autoResolved, long discrepancies, long open, long pending,
                        long proposed) {
}
