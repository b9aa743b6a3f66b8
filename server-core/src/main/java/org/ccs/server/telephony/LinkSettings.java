package org.ccs.server.telephony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.ccs.csta.CstaLinkConfig;
import org.ccs.csta.CstaTls;
import org.ccs.csta.DigitsSource;
import org.ccs.csta.SessionStyle;
import org.ccs.server.common.Settings;

/**
 * The PBX link's run-time settings (system properties {@code ccs.csta.*} or environment {@code CCS_CSTA_*},
 * table in server-ear/README.md and docs/csta.md) turned into a {@link CstaLinkConfig}. A wrong value is
 * refused with an {@link IllegalArgumentException} that names the setting and what it accepts; secrets
 * (the CTI password, key store passwords) are never part of a message.
 */
final class LinkSettings {

    private final Function<String, Optional<String>> source;

    LinkSettings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    static LinkSettings fromSettings() {
        return new LinkSettings(Settings::get);
    }

    Optional<String> host() {
        return get("ccs.csta.host");
    }

    /** The configuration, or an IllegalArgumentException naming the setting that is wrong. */
    CstaLinkConfig config(String host, List<String> designated, List<String> extensions) {
        CstaLinkConfig.Builder b = CstaLinkConfig.builder()
                .host(host)
                .port(intIn("ccs.csta.port", 8800, 1, 65535))
                .sessionStyle(choice("ccs.csta.session", SessionStyle.class, SessionStyle.PBX_FIRST))
                .region(get("ccs.csta.region").orElse("GB"))
                .designatedDevices(designated)
                .agentExtensions(extensions)
                .keepAliveInterval(Duration.ofSeconds(intIn("ccs.csta.keepalive.seconds", 30, 5, 3600)))
                .maxBackoff(Duration.ofMillis(intIn("ccs.csta.reconnect.max.millis", 30_000, 100, 3_600_000)))
                .sessionDuration(Duration.ofSeconds(intIn("ccs.csta.session.seconds", 180, 30, 86_400)))
                .applicationId(get("ccs.csta.application.id").orElse("CCS"))
                .digitsSource(choice("ccs.csta.digits.source", DigitsSource.class, DigitsSource.NONE))
                .verifyHostname(bool("ccs.csta.tls.verify.hostname", true));
        get("ccs.csta.access.code").ifPresent(b::accessCode);
        get("ccs.csta.namespace").ifPresent(b::namespace);
        Optional<String> user = get("ccs.csta.user");
        if (user.isPresent()) {
            String password = get("ccs.csta.password").orElseThrow(() -> new IllegalArgumentException(
                    "ccs.csta.user is set but ccs.csta.password (CCS_CSTA_PASSWORD) is not"));
            b.sessionLogin(user.get(), password);
        }
        if (bool("ccs.csta.tls", false)) {
            b.tls(tls());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("PBX link settings refused: " + e.getMessage());
        }
    }

    /** How many calls at most are stored in one transaction (ccs.csta.store.batch, 1..5000). */
    int storeBatch() {
        return intIn("ccs.csta.store.batch", 500, 1, 5000);
    }

    private javax.net.ssl.SSLContext tls() {
        Path trust = path("ccs.csta.tls.truststore").orElseThrow(() -> new IllegalArgumentException(
                "ccs.csta.tls is true but ccs.csta.tls.truststore (the PBX's certificate or its CA) is not set"));
        Optional<Path> keys = path("ccs.csta.tls.keystore");
        try {
            return CstaTls.clientContext(trust, chars("ccs.csta.tls.truststore.password"), keys.orElse(null),
                    chars("ccs.csta.tls.keystore.password"));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the TLS stores of the PBX link cannot be read (ccs.csta.tls.truststore "
                    + trust + (keys.map(k -> ", ccs.csta.tls.keystore " + k).orElse("")) + "): "
                    + e.getClass().getSimpleName());
        }
    }

    private Optional<Path> path(String key) {
        Optional<Path> p = get(key).map(Path::of);
        if (p.isPresent() && !Files.isReadable(p.get())) {
            throw new IllegalArgumentException(key + ": " + p.get() + " is not a readable file");
        }
        return p;
    }

    private char[] chars(String key) {
        return get(key).map(String::toCharArray).orElse(null);
    }

    private Optional<String> get(String key) {
        return source.apply(key).map(String::strip).filter(s -> !s.isEmpty());
    }

    private int intIn(String key, int fallback, int min, int max) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.get());
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max
                    + ", not '" + v.get() + "'");
        }
    }

    private boolean bool(String key, boolean fallback) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + v.get() + "'");
        };
    }

    /** An enum by its name, case and '-'/'_' ignored: {@code application-session}. */
    private <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String wanted = v.get().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalArgumentException(key + " must be one of " + allowed + ", not '" + v.get() + "'");
    }
}
