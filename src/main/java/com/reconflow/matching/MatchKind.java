package com.reconflow.matching;

/** How records were paired without people; not discrepancies. */
public enum MatchKind {
    ONE_TO_ONE,
    SPLIT,
    MERGED,
    ROUNDING,
    TIMING
}
