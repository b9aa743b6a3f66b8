package org.ccs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line of {@link Migrator}: messages a site installer can act on, no stack traces. */
class MigratorCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Migrator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env::get);
    }

    @Test
    void unreachableDatabaseIsNamedWithoutStackTrace() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/ccs?password=secret";
        int status = run(Map.of("PW", "x"), "--url", url, "--user", "ccs_owner", "--password-env", "PW");
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(Migrator.EXIT_UNREACHABLE, status, message);
        assertTrue(message.contains("cannot connect to jdbc:postgresql://127.0.0.1:" + port + "/ccs?password=***"), message);
        assertFalse(message.contains("secret"), "password in the URL is masked: " + message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
    }

    @Test
    void missingArgumentsPrintUsage() {
        assertEquals(Migrator.EXIT_USAGE, run(Map.of(), "--user", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--url is required"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    @Test
    void unsetPasswordVariableIsReported() {
        assertEquals(Migrator.EXIT_USAGE, run(Map.of(), "--url", "jdbc:postgresql://127.0.0.1/x", "--user", "u",
                "--password-env", "CCS_NOT_SET"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("CCS_NOT_SET is not set"));
    }

    @Test
    void dialectComesFromTheUrlOrTheOption() {
        assertEquals(Dialect.POSTGRESQL, Dialect.fromJdbcUrl("jdbc:postgresql://h/db"));
        assertEquals(Dialect.INFORMIX, Dialect.fromJdbcUrl("jdbc:informix-sqli://h:9088/db:INFORMIXSERVER=ol"));
        assertEquals(Dialect.INFORMIX, Dialect.parse("Informix"));
        assertEquals(Migrator.EXIT_USAGE, run(Map.of(), "--url", "jdbc:h2:mem:x", "--user", "u"));
    }

    @Test
    void migratesAndThenHasNothingToDo() throws SQLException {
        try (PgTestDatabase db = PgTestDatabase.create("ccs_cli")) {
            int status = run(Map.of("PW", db.adminPassword()), "--url", db.url(), "--user", db.adminUser(),
                    "--password-env", "PW", "--dialect", "postgresql");
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(Migrator.EXIT_OK, status, err.toString(StandardCharsets.UTF_8));
            assertTrue(printed.contains("Applied "), printed);
            assertTrue(printed.contains("V1 roles"), printed);
            out.reset();
            assertEquals(Migrator.EXIT_OK, run(Map.of("PW", db.adminPassword()), "--url", db.url(), "--user",
                    db.adminUser(), "--password-env", "PW"));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("nothing to apply"));
        }
    }
}
