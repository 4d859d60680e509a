package com.reconflow.run;

/** What operations may decide when a run's sources are still missing at its deadline. */
public enum MissingDataDecision {
    /** Check again now, and wait a retry window longer. */
    RETRY,
    /** Match the day without the missing sources; recorded on the run with who decided and why. */
    PROCEED,
    /** The files come later: wait until a given time (or for a given duration), then check again. */
    POSTPONE;

    static MissingDataDecision parse(Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("a decision is required: retry, postpone or proceed");
        }
        try {
            return valueOf(value.toString().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown decision '" + value + "'");
        }
    }
}
