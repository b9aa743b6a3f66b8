package org.ccs.server.common;

import java.util.Locale;
import java.util.Optional;

/**
 * Run-time settings of a site: a system property {@code ccs.x.y} or, when absent, the environment
 * variable {@code CCS_X_Y}. Nothing secret is ever read from the deployable.
 */
public final class Settings {

    private Settings() {
    }

    public static Optional<String> get(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            v = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    public static String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    public static int getInt(String key, int fallback) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, was '" + v.get() + "'");
        }
    }
}
