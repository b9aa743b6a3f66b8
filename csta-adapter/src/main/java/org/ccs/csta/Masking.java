package org.ccs.csta;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks personal data (digits of phone numbers) before anything reaches a log. */
public final class Masking {

    private Masking() {
    }

    /** A number shown only by its last 3 digits: {@code +442079460123} -> {@code ***123}. */
    public static String number(String s) {
        if (s == null) {
            return null;
        }
        String digits = s.replaceAll("[^0-9]", "");
        return digits.length() <= 3 ? "***" : "***" + digits.substring(digits.length() - 3);
    }

    /** Digits possibly split by single separators, as numbers are written: {@code +44 20 7946 0123}. */
    private static final Pattern NUMBER = Pattern.compile("\\d(?:[ \\-.()/]?\\d)*");

    /**
     * Every number of 4 or more digits in free text keeps only its last 3 digits, separators and all:
     * {@code +44 20 7946 0123} -> {@code +## ## #### #123}.
     */
    public static String digits(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start());
            String num = m.group();
            long count = num.chars().filter(Character::isDigit).count();
            if (count < 4) {
                out.append(num);
            } else {
                long toMask = count - 3;
                for (int i = 0; i < num.length(); i++) {
                    char ch = num.charAt(i);
                    if (Character.isDigit(ch) && toMask > 0) {
                        out.append('#');
                        toMask--;
                    } else {
                        out.append(ch);
                    }
                }
            }
            last = m.end();
        }
        return out.append(s, last, s.length()).toString();
    }
}
