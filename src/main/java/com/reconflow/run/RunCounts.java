package com.reconflow.run;

/**
 * How far a run got: records of the day, records matched, matches made without people that were
 * not exact (rounding, timing) and discrepancies closed by an auto-resolution rule, discrepancies
 * raised (superseded ones not counted) and still open, records left waiting for a later day's data,
 * proposed pairs waiting for a person, and earlier runs' discrepancies carried past their cut-off
 * that are still open ({@code carriedIn}).
 */
public record RunCounts(long records, long matched, long autoResolved, long discrepancies, long open, long pending,
                        long proposed, long carriedIn) {
}
