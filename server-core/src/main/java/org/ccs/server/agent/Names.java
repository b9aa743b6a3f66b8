package org.ccs.server.agent;

/** Checks for the names and labels the organisation entities carry. */
final class Names {

    private Names() {
    }

    /** The stripped text; refuses null, blank and text longer than the column. */
    static String require(String text, String what, int maxLength) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        String s = text.strip();
        if (s.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        }
        return s;
    }

    /** Null for null or blank, otherwise as {@link #require}. */
    static String optional(String text, String what, int maxLength) {
        return text == null || text.isBlank() ? null : require(text, what, maxLength);
    }
}
