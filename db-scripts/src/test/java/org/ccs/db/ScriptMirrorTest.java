package org.ccs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * db/migration/postgresql and db/migration/informix mirror each other: the same file names, and
 * file by file the same tables, views and column names (types differ by dialect).
 */
class ScriptMirrorTest {

    @Test
    void everyFileHasItsTwin() throws IOException {
        Set<String> pg = fileNames(Dialect.POSTGRESQL);
        Set<String> ifx = fileNames(Dialect.INFORMIX);
        assertFalse(pg.isEmpty());
        assertEquals(pg, ifx, "postgresql/ and informix/ must hold the same file names");
    }

    @Test
    void twinsDefineTheSameTablesAndColumns() throws IOException {
        List<String> differences = new ArrayList<>();
        for (String file : fileNames(Dialect.POSTGRESQL)) {
            SqlSchema pg = SqlSchemaReader.read(read(Dialect.POSTGRESQL, file), false);
            SqlSchema ifx = SqlSchemaReader.read(read(Dialect.INFORMIX, file), true);
            if (!pg.tableNames().equals(ifx.tableNames())) {
                differences.add(file + ": tables " + pg.tableNames() + " (postgresql) vs " + ifx.tableNames() + " (informix)");
            }
            if (!pg.viewNames().equals(ifx.viewNames())) {
                differences.add(file + ": views " + pg.viewNames() + " (postgresql) vs " + ifx.viewNames() + " (informix)");
            }
            for (SqlSchema.Table table : pg.tables().values()) {
                ifx.table(table.name()).ifPresent(twin -> {
                    if (!table.columnNames().equals(twin.columnNames())) {
                        differences.add(file + ": " + table.name() + " columns " + table.columnNames() + " (postgresql) vs "
                                + twin.columnNames() + " (informix)");
                    }
                    for (SqlSchema.Column c : table.columns().values()) {
                        twin.column(c.name()).filter(t -> t.nullable() != c.nullable()).ifPresent(t -> differences.add(
                                file + ": " + table.name() + "." + c.name() + " nullable " + c.nullable() + " (postgresql) vs "
                                        + t.nullable() + " (informix)"));
                    }
                });
            }
        }
        assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
    }

    @Test
    void wholeSchemasAgree() {
        SqlSchema pg = SqlSchemaReader.readMigrations(Scripts.folder(Dialect.POSTGRESQL), Dialect.POSTGRESQL);
        SqlSchema ifx = SqlSchemaReader.readMigrations(Scripts.folder(Dialect.INFORMIX), Dialect.INFORMIX);
        assertEquals(pg.tableNames(), ifx.tableNames());
        assertTrue(pg.tableNames().containsAll(Set.of("department", "agent_group", "agent_group_member", "agent", "app_user",
                "team_visibility", "speed_list_entry", "agent_state_history", "designated_number", "mailbox",
                "chat_entry_point", "customer", "customer_identifier", "consent_record", "contact_record", "contact_leg",
                "contact_data", "transcript_message", "email_reference", "retention_policy", "legal_hold", "audit_entry",
                "gdpr_request_log", "gdpr_site_secret", "qrtz_triggers", "qrtz_locks")), () -> pg.tableNames().toString());
    }

    @Test
    void everyFileSaysWhatItCreatesAndHowToRunIt() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Dialect d : Dialect.values()) {
            for (String file : fileNames(d)) {
                String sql = read(d, file);
                if (!sql.startsWith("-- ")) {
                    problems.add(d.folder() + "/" + file + ": does not start with a header comment");
                }
                if (!sql.contains("-- Run:")) {
                    problems.add(d.folder() + "/" + file + ": header does not say how to run it ('-- Run:')");
                }
                if (sql.contains("${")) {
                    problems.add(d.folder() + "/" + file + ": '${' (Flyway placeholder syntax)");
                }
                if (sql.contains("\r")) {
                    problems.add(d.folder() + "/" + file + ": CR line ends");
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    private static Set<String> fileNames(Dialect dialect) throws IOException {
        try (Stream<Path> files = Files.list(Scripts.folder(dialect))) {
            return files.map(f -> f.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    private static String read(Dialect dialect, String file) throws IOException {
        return Files.readString(Scripts.folder(dialect).resolve(file), StandardCharsets.UTF_8);
    }
}
