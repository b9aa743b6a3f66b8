package org.ccs.db;

import java.util.Locale;
import java.util.Objects;

/** The databases CCS runs on; each has its own migration folder, mirrored file for file. */
public enum Dialect {
    POSTGRESQL("postgresql", "jdbc:postgresql:"),
    INFORMIX("informix", "jdbc:informix");

    private final String folder;
    private final String urlPrefix;

    Dialect(String folder, String urlPrefix) {
        this.folder = folder;
        this.urlPrefix = urlPrefix;
    }

    /** The folder under {@code db/migration/} that holds this dialect's scripts. */
    public String folder() {
        return folder;
    }

    /** Classpath resource folder of the scripts, e.g. {@code db/migration/postgresql}. */
    public String resourcePath() {
        return "db/migration/" + folder;
    }

    /** Flyway location of the scripts. */
    public String flywayLocation() {
        return "classpath:" + resourcePath();
    }

    /** {@code postgresql} or {@code informix}, any case. */
    public static Dialect parse(String name) {
        Objects.requireNonNull(name, "dialect name is required");
        for (Dialect d : values()) {
            if (d.folder.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + name + "': use postgresql or informix");
    }

    /** The dialect a JDBC URL points at ({@code jdbc:informix-sqli:} and {@code jdbc:informix:} both count). */
    public static Dialect fromJdbcUrl(String url) {
        Objects.requireNonNull(url, "JDBC URL is required");
        for (Dialect d : values()) {
            if (url.startsWith(d.urlPrefix)) {
                return d;
            }
        }
        throw new IllegalArgumentException("cannot tell the dialect from the JDBC URL: pass --dialect postgresql|informix");
    }
}
