package com.reconflow.run;

/** How far a run got: records of the day, records matched, discrepancies raised and still open. */
public record RunCounts(long records, long matched, long autoResolved, long discrepancies, long open) {
}
