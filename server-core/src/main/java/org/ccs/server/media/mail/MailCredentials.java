package org.ccs.server.media.mail;

import java.util.Locale;
import java.util.Optional;

/**
 * Resolves a mailbox's credential alias to its password at run time. The database holds only the
 * alias; the password is given to the server as the system property {@code ccs.mail.credential.ALIAS}
 * (for instance from a WildFly encrypted expression) or the environment variable
 * {@code CCS_MAIL_CREDENTIAL_ALIAS} (the alias upper case, every character other than a letter or
 * digit as '_'). Nothing is cached or logged.
 */
public final class MailCredentials {

    private MailCredentials() {
    }

    /** The system property that holds the alias's password. */
    public static String propertyName(String alias) {
        return "ccs.mail.credential." + alias;
    }

    /** The environment variable that holds the alias's password. */
    public static String environmentName(String alias) {
        return "CCS_MAIL_CREDENTIAL_" + alias.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public static Optional<String> resolve(String alias) {
        if (alias == null || alias.isBlank()) {
            return Optional.empty();
        }
        String v = System.getProperty(propertyName(alias));
        if (v == null || v.isEmpty()) {
            v = System.getenv(environmentName(alias));
        }
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
}
