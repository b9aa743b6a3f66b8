package org.ccs.server.gdpr;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One identifier of a data subject as a request names it: a phone number in any written form, an
 * e-mail address in any case, a customer id, a social-media id, a name, or an employee's login. The
 * database procedures normalise it; this class only keeps what cannot be sent to them (a ';' would
 * split the request, control characters have no place in an identifier). {@link #toString()} never
 * shows the value.
 */
public record SubjectIdentifier(Type type, String value) {

    /** The identifier types of the procedures' {@code subject} parameter. */
    public enum Type {
        PHONE, EMAIL, CUSTOMER_ID, SOCIAL, NAME, AGENT;

        /** The type as the procedures spell it ({@code phone}, {@code customer_id}, ...). */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type for a name as a client may send it (any case, {@code -} or {@code _}). */
        public static Type of(String name) {
            if (name == null || name.isBlank()) {
                throw new GdprRequestException("identifier type is required (phone, email, customer_id, social, name, agent)");
            }
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new GdprRequestException("unknown identifier type: use phone, email, customer_id, social, name or agent");
            }
        }
    }

    /** Longest identifier value the schema holds (customer_identifier.normalised_value). */
    public static final int MAX_LENGTH = 254;

    public SubjectIdentifier {
        Objects.requireNonNull(type, "identifier type is required");
        if (value == null || value.isBlank()) {
            throw new GdprRequestException("identifier value is required (" + type.spelling() + ")");
        }
        value = value.strip();
        if (value.length() > MAX_LENGTH) {
            throw new GdprRequestException("identifier value is longer than " + MAX_LENGTH + " characters (" + type.spelling() + ")");
        }
        if (value.indexOf(';') >= 0 || value.chars().anyMatch(Character::isISOControl)) {
            throw new GdprRequestException("identifier value holds ';' or a control character (" + type.spelling() + ")");
        }
    }

    /** The procedures' {@code subject} argument: {@code type:value;type:value}. */
    public static String subject(List<SubjectIdentifier> identifiers) {
        if (identifiers == null || identifiers.isEmpty()) {
            throw new GdprRequestException("at least one identifier is required");
        }
        return identifiers.stream().map(i -> i.type().spelling() + ":" + i.value()).collect(Collectors.joining(";"));
    }

    @Override
    public String toString() {
        return "SubjectIdentifier[" + type.spelling() + "]"; // never the value: personal data
    }
}
