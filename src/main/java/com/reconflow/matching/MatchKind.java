package com.reconflow.matching;

/**
 * How records were paired. All but {@code MANUAL} without people; {@code MANUAL} is a pair a
 * person linked or a proposal a person confirmed.
 */
public enum MatchKind {
    ONE_TO_ONE,
    SPLIT,
    MERGED,
    ROUNDING,
    TIMING,
    MANUAL
}
