package org.ccs.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A throw-away database on the test PostgreSQL (ccs.test.db.host/port/admin.user, default
 * 127.0.0.1:55432 as postgres): created with a unique name, dropped by {@link #close()} together with
 * the log-in roles the test made.
 */
final class PgTestDatabase implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String host = System.getProperty("ccs.test.db.host", "127.0.0.1");
    private final String port = System.getProperty("ccs.test.db.port", "55432");
    private final String adminUser = System.getProperty("ccs.test.db.admin.user", "postgres");
    private final String adminPassword = System.getProperty("ccs.test.db.admin.password", "");
    private final String name;
    private final List<String> roles = new ArrayList<>();

    private PgTestDatabase(String prefix) throws SQLException {
        this.name = (prefix + "_" + randomSuffix()).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url("postgres"), adminUser, adminPassword);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    static PgTestDatabase create(String prefix) throws SQLException {
        return new PgTestDatabase(prefix);
    }

    String name() {
        return name;
    }

    String url() {
        return url(name);
    }

    String adminUser() {
        return adminUser;
    }

    String adminPassword() {
        return adminPassword;
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A connection to this database as the admin (the owner of everything the migrations create). */
    Connection connectAsAdmin() throws SQLException {
        return DriverManager.getConnection(url(), adminUser, adminPassword);
    }

    Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /** Creates a LOGIN role that is a member of {@code groupRole}; returns its name. Password: {@link #password(String)}. */
    String createLoginMember(String groupRole) throws SQLException {
        String role = "t_" + groupRole + "_" + randomSuffix();
        try (Connection c = connectAsAdmin(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password(role) + "' IN ROLE " + groupRole);
        }
        roles.add(role);
        return role;
    }

    /** The password a role from {@link #createLoginMember} was given. */
    String password(String role) {
        return "pw-" + role;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), adminUser, adminPassword);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            for (String role : roles) {
                s.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
