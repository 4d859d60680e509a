package com.reconflow.review;

/** What finance may decide about a discrepancy (the options of the review form). */
public enum Decision {
    /** The records belong together after all (e.g. a proposed pair, a difference explained): confirm the match. */
    CONFIRM_MATCH("match confirmed"),
    /** The difference is lost or not worth recovering: write it off, with the reason. */
    WRITE_OFF("written off"),
    /** Our own books are wrong: post an adjustment of the given amount. */
    ADJUSTMENT("adjustment requested"),
    /** The channel or provider owes us, or must explain: chase them. */
    CHASE("chased with the channel or provider"),
    /** The counterpart comes in later data: carried forward as a timing difference. */
    TIMING("carried forward as timing"),
    /** Not this group's case: it goes to another group's list, undecided. */
    REASSIGN("reassigned");

    /** Closed by a rule of the auto-resolution table, not by a person; never chosen in the form. */
    public static final String AUTO_RESOLVED = "AUTO_RESOLVED";

    private final String outcome;

    Decision(String outcome) {
        this.outcome = outcome;
    }

    /** How the decision reads in a review's history, e.g. "written off". */
    public String outcome() {
        return outcome;
    }

    public static Decision parse(Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("a decision is required");
        }
        try {
            return valueOf(value.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown decision '" + value + "'");
        }
    }
}
