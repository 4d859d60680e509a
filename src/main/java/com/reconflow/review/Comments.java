package com.reconflow.review;

/**
 * What people write to explain a decision (a review, an approval's rejection, a proposal, missing
 * channel data): kept for the audit in columns of {@value #MAX_LENGTH} characters, so a longer text
 * is refused, never cut.
 */
public final class Comments {

    public static final int MAX_LENGTH = 2000;

    private Comments() {
    }

    /** The text without surrounding blanks, empty when none was given. */
    public static String optional(Object value) {
        String text = value == null ? "" : value.toString().strip();
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the comment is longer than " + MAX_LENGTH + " characters");
        }
        return text;
    }

    /** As {@link #optional}, and refused with {@code whenMissing} when blank. */
    public static String required(Object value, String whenMissing) {
        String text = optional(value);
        if (text.isEmpty()) {
            throw new IllegalArgumentException(whenMissing);
        }
        return text;
    }
}
