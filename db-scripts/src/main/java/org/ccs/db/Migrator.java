package org.ccs.db;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the CCS schema (the SQL files under {@code db/migration/<dialect>}) with Flyway.
 *
 * <p>From Java: {@link #migrate(DataSource, Dialect)} or {@link #migrate(String, String, String, Dialect)}.
 * From a shell:
 * <pre>
 * java -cp 'db-scripts/target/db-scripts-0.1.0-SNAPSHOT.jar:db-scripts/target/lib/*' org.ccs.db.Migrator \
 *      --url jdbc:postgresql://127.0.0.1:5432/ccs --user ccs_owner --password-env CCS_DB_PASSWORD
 * </pre>
 * Placeholder replacement is off: the scripts are plain SQL, run as written. Flyway's {@code clean} is
 * disabled, so nothing here can drop a production schema.
 */
public final class Migrator {

    /** Exit status: migrations applied or nothing to do. */
    public static final int EXIT_OK = 0;
    /** Exit status: a migration failed or was refused (validation). */
    public static final int EXIT_MIGRATION_FAILED = 1;
    /** Exit status: the database could not be reached or refused the log-in. */
    public static final int EXIT_UNREACHABLE = 2;
    /** Exit status: wrong command line. */
    public static final int EXIT_USAGE = 64;

    private static final int LOGIN_TIMEOUT_SECONDS = 20;
    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password|passwd|pwd)=[^&;:]*");

    private Migrator() {
    }

    /** Migrates the database behind {@code dataSource} to the newest schema version. */
    public static MigrateResult migrate(DataSource dataSource, Dialect dialect) {
        Objects.requireNonNull(dataSource, "data source is required");
        return configure(dialect).dataSource(dataSource).load().migrate();
    }

    /** Migrates the database at {@code url} to the newest schema version. */
    public static MigrateResult migrate(String url, String user, String password, Dialect dialect) {
        Objects.requireNonNull(url, "JDBC URL is required");
        return configure(dialect).dataSource(url, user, password).load().migrate();
    }

    /**
     * The Flyway configuration CCS uses for {@code dialect}, without a data source; for callers that
     * need more than migrate (info, validate).
     */
    public static FluentConfiguration configure(Dialect dialect) {
        Objects.requireNonNull(dialect, "dialect is required");
        return Flyway.configure(Migrator.class.getClassLoader())
                .locations(dialect.flywayLocation())
                .placeholderReplacement(false)
                .validateMigrationNaming(true)
                .failOnMissingLocations(true)
                .cleanDisabled(true);
    }

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    public static void main(String[] args) {
        // the command prints its own summary; Flyway's step-by-step INFO lines go to java.util.logging
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args, System.out, System.err, System::getenv));
    }

    /** The command line, testable: returns the exit status instead of exiting. */
    static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> env) {
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        if (options.help) {
            out.println(USAGE);
            return EXIT_OK;
        }
        String shownUrl = redact(options.url);
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        try (Connection ignored = DriverManager.getConnection(options.url, options.user, options.password)) {
            // reachable and the log-in works; Flyway opens its own connections
        } catch (SQLException e) {
            err.println("error: cannot connect to " + shownUrl + " as user '" + options.user + "': "
                    + describe(e));
            return EXIT_UNREACHABLE;
        }
        try {
            MigrateResult result = migrate(options.url, options.user, options.password, options.dialect);
            print(result, shownUrl, options.dialect, out);
            return EXIT_OK;
        } catch (FlywayException e) {
            err.println("error: migration of " + shownUrl + " failed: " + e.getMessage());
            return EXIT_MIGRATION_FAILED;
        }
    }

    private static void print(MigrateResult result, String url, Dialect dialect, PrintStream out) {
        List<MigrateOutput> applied = result.migrations == null ? List.of() : result.migrations;
        if (applied.isEmpty()) {
            out.println("Schema of " + url + " (" + dialect.folder() + ") is up to date at version "
                    + result.initialSchemaVersion + ": nothing to apply.");
            return;
        }
        out.println("Applied " + applied.size() + " migration(s) to " + url + " (" + dialect.folder() + "), "
                + (result.initialSchemaVersion == null ? "empty schema" : "from version " + result.initialSchemaVersion)
                + " to version " + result.targetSchemaVersion + ":");
        for (MigrateOutput m : applied) {
            String script = m.filepath == null ? "" : m.filepath.substring(m.filepath.lastIndexOf('/') + 1);
            out.println("  V" + m.version + " " + m.description + "  (" + script + ", " + m.executionTime + " ms)");
        }
    }

    private static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]");
    }

    /** The URL with any password parameter masked, fit to print. */
    static String redact(String url) {
        return URL_SECRET.matcher(url).replaceAll("$1=***");
    }

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -cp 'db-scripts.jar:lib/*' org.ccs.db.Migrator --url JDBC_URL --user USER",
            "           [--password-env VAR | --password PASSWORD] [--dialect postgresql|informix]",
            "  Applies the CCS schema migrations that the database does not have yet.",
            "  --password-env VAR  read the password from environment variable VAR (preferred:",
            "                      --password shows it to every user of 'ps')",
            "  --dialect           default: taken from the URL (jdbc:postgresql:, jdbc:informix...)",
            "  exit status: 0 done, 1 migration failed, 2 database unreachable, 64 usage");

    private static final class Options {
        String url;
        String user;
        String password;
        Dialect dialect;
        boolean help;

        static Options parse(String[] args, Function<String, String> env) {
            Options o = new Options();
            List<String> rest = new ArrayList<>(List.of(args));
            String dialectName = null;
            while (!rest.isEmpty()) {
                String arg = rest.remove(0);
                switch (arg) {
                    case "--help", "-h" -> o.help = true;
                    case "--url" -> o.url = value(arg, rest);
                    case "--user" -> o.user = value(arg, rest);
                    case "--password" -> o.password = value(arg, rest);
                    case "--password-env" -> {
                        String var = value(arg, rest);
                        o.password = env.apply(var);
                        if (o.password == null) {
                            throw new IllegalArgumentException("environment variable " + var + " is not set");
                        }
                    }
                    case "--dialect" -> dialectName = value(arg, rest);
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            if (o.help) {
                return o;
            }
            if (o.url == null) {
                throw new IllegalArgumentException("--url is required");
            }
            if (o.user == null) {
                throw new IllegalArgumentException("--user is required");
            }
            o.dialect = dialectName != null ? Dialect.parse(dialectName) : Dialect.fromJdbcUrl(o.url);
            return o;
        }

        private static String value(String option, List<String> rest) {
            if (rest.isEmpty() || rest.get(0).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return rest.remove(0);
        }
    }
}
