package org.ccs.server.telephony;

/** What an agent may type to be dialled: digits with an optional leading +, spaces and -()/. stripped. */
final class DialNumbers {

    private static final int MAX_DIGITS = 20;

    private DialNumbers() {
    }

    static String dialable(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("a number to call is required");
        }
        String s = typed.strip().replaceAll("[\\s\\-()/.]", "");
        String digits = s.startsWith("+") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("the number to call may hold only digits, an optional leading +, "
                    + "spaces and - ( ) / . and at most " + MAX_DIGITS + " digits");
        }
        return s;
    }
}
