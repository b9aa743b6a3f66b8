package org.ccs.server.media.mail;

import java.time.Duration;
import java.util.Optional;
import org.ccs.server.common.Settings;

/**
 * How the server talks to mail servers; run-time settings (system property or CCS_... environment):
 * {@code ccs.mail.idle} (true: IMAP IDLE where the server offers it), {@code ccs.mail.poll.seconds}
 * (polling interval without IDLE, and the longest an IDLE lasts before a re-check),
 * {@code ccs.mail.retry.max.millis} (longest back-off after a failure), {@code ccs.mail.timeout.millis}
 * (connect and read time-out), {@code ccs.mail.ssl.trust} (space-separated hosts whose certificate is
 * taken as it is, without CA chain or host-name check: a test server or a site's self-signed mail
 * server; unset in production, where the JVM's trust store and the host name decide).
 */
public record MailSettings(boolean idle, Duration pollInterval, Duration retryMax, Duration timeout,
                           Optional<String> sslTrust) {

    public MailSettings {
        if (pollInterval.isNegative() || pollInterval.isZero() || retryMax.isNegative() || retryMax.isZero()
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("mail intervals and time-outs must be positive");
        }
        sslTrust = sslTrust == null ? Optional.empty() : sslTrust;
    }

    public static MailSettings fromSettings() {
        return new MailSettings(
                Boolean.parseBoolean(Settings.get("ccs.mail.idle", "true")),
                Duration.ofSeconds(Settings.getInt("ccs.mail.poll.seconds", 60)),
                Duration.ofMillis(Settings.getInt("ccs.mail.retry.max.millis", 60_000)),
                Duration.ofMillis(Settings.getInt("ccs.mail.timeout.millis", 30_000)),
                Settings.get("ccs.mail.ssl.trust"));
    }
}
