package org.ccs.csta.message;

import java.util.Objects;

/**
 * A value that may carry personal data: user data and correlator data (IVR-collected digits ride in
 * them), account and authorisation codes, DTMF digits, dialled sequences. Kept as received; its
 * {@link #toString()} never shows it, so a message that holds one can be logged.
 *
 * @param value the value as it came over the wire (octet strings as hex, whitespace removed)
 */
public record Sensitive(String value) {

    public Sensitive {
        Objects.requireNonNull(value, "value is required");
    }

    /** Null-safe: null for a null or empty value. */
    public static Sensitive of(String value) {
        return value == null || value.isEmpty() ? null : new Sensitive(value);
    }

    /** Null-safe: the value or null. */
    public static String valueOf(Sensitive s) {
        return s == null ? null : s.value();
    }

    @Override
    public String toString() {
        return "<hidden, " + value.length() + " chars>";
    }
}
