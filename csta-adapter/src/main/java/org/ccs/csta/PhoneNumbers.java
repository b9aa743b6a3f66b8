package org.ccs.csta;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalises the device identifiers a PBX reports as caller numbers into E.164 ({@code +442079460123}).
 * Pure functions, thread-safe.
 *
 * <p>Decorations are removed first: the part inside {@code <...>} ({@code N<+44 20 7946 0123>}), a URI
 * scheme ({@code sip:}, {@code tel:}), the host after {@code @}, parameters after {@code ;}. The rest is
 * read with libphonenumber in the site's region (national numbers get the site's country code). When a
 * PBX prefixes its outside-line access code (e.g. {@code 0} + {@code 020 7946 0123}) the access code is
 * removed when that gives a valid number. Short internal extensions and anything that is not a possible
 * public number give {@code null}.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** {@link #normalize(String, String, String)} without an outside-line access code. */
    public static String normalize(String raw, String region) {
        return normalize(raw, region, null);
    }

    /**
     * @param raw        the device identifier as reported (may be decorated); null gives null
     * @param region     the site's region, as ISO 3166 code ("GB") or country calling code ("44")
     * @param accessCode the PBX's outside-line access code that may prefix external numbers, or null
     * @return the E.164 form, or null when the identifier is not a public phone number
     */
    public static String normalize(String raw, String region, String accessCode) {
        String number = undecorate(raw);
        if (number == null) {
            return null;
        }
        String regionCode = regionCode(region);
        String digits = number.replaceAll("[^0-9+]", "");
        if (digits.isEmpty() || digits.indexOf('+', 1) >= 0) {
            return null;
        }
        // 1. the access code, when configured and present, is taken off first
        if (accessCode != null && !accessCode.isEmpty() && !digits.startsWith("+") && digits.startsWith(accessCode)) {
            String e164 = parse(digits.substring(accessCode.length()), regionCode, true);
            if (e164 != null) {
                return e164;
            }
        }
        // 2. the number as it stands
        String e164 = parse(digits, regionCode, true);
        if (e164 != null) {
            return e164;
        }
        // 3. a single leading trunk/access 0 too many (0 + 020 7946 0123)
        if (digits.startsWith("0")) {
            e164 = parse(digits.substring(1), regionCode, true);
            if (e164 != null) {
                return e164;
            }
        }
        // 4. numbers written internationally that libphonenumber's metadata does not know yet but that
        //    have a possible shape; national forms must be valid (short extensions are not numbers)
        boolean international = digits.startsWith("+") || digits.startsWith("00");
        return international ? parse(digits, regionCode, false) : null;
    }

    /** The dialable part of a decorated identifier, or null when nothing is left. */
    static String undecorate(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        int lt = s.indexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt).strip();
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"sips:", "sip:", "tel:"}) {
            if (lower.startsWith(scheme)) {
                s = s.substring(scheme.length());
                break;
            }
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int semi = s.indexOf(';');
        if (semi >= 0) {
            s = s.substring(0, semi);
        }
        s = s.strip();
        return s.isEmpty() ? null : s;
    }

    private static String regionCode(String region) {
        if (region == null || region.isBlank()) {
            return "ZZ";
        }
        String r = region.strip();
        if (r.startsWith("+")) {
            r = r.substring(1);
        }
        if (r.chars().allMatch(Character::isDigit)) {
            return UTIL.getRegionCodeForCountryCode(Integer.parseInt(r));
        }
        return r.toUpperCase(Locale.ROOT);
    }

    private static String parse(String digits, String regionCode, boolean requireValid) {
        if (digits.isEmpty()) {
            return null;
        }
        try {
            PhoneNumber n = UTIL.parse(digits, regionCode);
            boolean ok = requireValid ? UTIL.isValidNumber(n) : UTIL.isPossibleNumber(n);
            return ok ? UTIL.format(n, PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
