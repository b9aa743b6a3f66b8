package org.ccs.csta;

/**
 * Reads IVR-collected digits out of what the PBX delivers. Pure functions. Digits are personal data:
 * nothing here logs.
 */
final class IvrDigits {

    /** More is not an IVR entry (and not stored). */
    static final int MAX_DIGITS = 64;

    private IvrDigits() {
    }

    /**
     * Digits in an octet string as the codec keeps it (hex): when the hex decodes to printable ASCII, the
     * digits of that text (an IVR puts {@code "4711"} as {@code 34373131}); otherwise the digits of the
     * value as written (a PBX that puts the digits in as text).
     */
    static String fromOctets(String hex) {
        if (hex == null) {
            return null;
        }
        String text = asciiOfHex(hex);
        return keep(text != null ? text : hex);
    }

    /** The characters 0-9, * and # of {@code text}, in order; null when there are none. */
    static String keep(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DIGITS));
        for (int i = 0; i < text.length() && out.length() < MAX_DIGITS; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c == '*' || c == '#') {
                out.append(c);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static String asciiOfHex(String hex) {
        if (hex.length() % 2 != 0 || hex.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(hex.length() / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            int hi = Character.digit(hex.charAt(i), 16);
            int lo = Character.digit(hex.charAt(i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            int b = hi << 4 | lo;
            if (b < 0x20 || b > 0x7E) {
                return null;
            }
            out.append((char) b);
        }
        return out.toString();
    }
}
