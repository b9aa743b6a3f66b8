package org.ccs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The PostgreSQL scripts on a real PostgreSQL: applied from empty by Flyway through
 * {@link Migrator}, then the grants, triggers and constraints they promise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresMigrationTest {

    private static final String CONTACT_INSERT = "INSERT INTO contact_record (channel, direction, source_ref, caller_id_raw,"
            + " caller_id_norm, caller_presentation, designated_number, started_at, answered_at, ended_at, queue_seconds,"
            + " ring_seconds, talk_seconds, hold_seconds, outcome, created_at) VALUES ('VOICE', 'INBOUND', ?,"
            + " '+44 20 7946 0101', '442079460101', 'AVAILABLE', '4000', now(), now(), now(), 3, 4, 60, 0, 'ANSWERED', now())";

    private PgTestDatabase db;
    private MigrateResult firstRun;

    @BeforeAll
    void migrateEmptyDatabase() throws SQLException {
        db = PgTestDatabase.create("ccs_dbscripts");
        firstRun = Migrator.migrate(db.url(), db.adminUser(), db.adminPassword(), Dialect.POSTGRESQL);
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void firstRunAppliesEveryFileAndSecondRunNothing() throws Exception {
        assertTrue(firstRun.success);
        assertEquals(migrationFiles().size(), firstRun.migrationsExecuted, "every file applied on the first run");
        MigrateResult second = Migrator.migrate(db.url(), db.adminUser(), db.adminPassword(), Dialect.POSTGRESQL);
        assertEquals(0, second.migrationsExecuted, "nothing left to apply on the second run");
    }

    @Test
    void flywayHistoryListsEverySqlFileOfThePostgresqlFolder() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (Path f : migrationFiles()) {
            String file = f.getFileName().toString();
            expected.put(SqlSchemaReader.version(file), file);
        }
        Map<String, String> applied = new TreeMap<>();
        try (Connection c = db.connectAsAdmin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, script, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            while (rs.next()) {
                assertTrue(rs.getBoolean("success"), rs.getString("script") + " failed");
                applied.put(rs.getString("version"), rs.getString("script"));
            }
        }
        assertEquals(expected, applied);
    }

    @Test
    void appRoleInsertsContactRecordsButMayNotUpdateThem() throws SQLException {
        String app = db.createLoginMember("ccs_app");
        try (Connection c = db.connect(app, db.password(app))) {
            long id = insertContact(c, "app-insert-1");
            assertTrue(id > 0);
            try (PreparedStatement leg = c.prepareStatement("INSERT INTO contact_leg (contact_id, leg_no, leg_type, device,"
                    + " started_at, ended_at) VALUES (?, 1, 'TALK', '4711', now(), now())")) {
                leg.setLong(1, id);
                assertEquals(1, leg.executeUpdate());
            }
            SQLException e = assertThrows(SQLException.class, () -> update(c,
                    "UPDATE contact_record SET talk_seconds = 1 WHERE id = " + id));
            assertEquals("42501", e.getSQLState(), "permission denied: " + e.getMessage());
            e = assertThrows(SQLException.class, () -> update(c, "UPDATE contact_leg SET device = 'x' WHERE contact_id = " + id));
            assertEquals("42501", e.getSQLState(), "permission denied: " + e.getMessage());
            // configuration tables: full DML
            update(c, "INSERT INTO department (name) VALUES ('Sales')");
            assertEquals(1, update(c, "UPDATE department SET name = 'Sales UK' WHERE name = 'Sales'"));
            // the retention purge runs in the application: DELETE is granted
            assertEquals(1, update(c, "DELETE FROM contact_record WHERE id = " + id));
        }
    }

    @Test
    void triggerRefusesUpdatesEvenToTheOwner() throws SQLException {
        try (Connection c = db.connectAsAdmin()) {
            long id = insertContact(c, "owner-update-1");
            update(c, "INSERT INTO contact_leg (contact_id, leg_no, leg_type, device, started_at) VALUES (" + id
                    + ", 1, 'QUEUE', '4000', now())");
            update(c, "INSERT INTO contact_data (contact_id, seq, data_key, masked_value, collected_at) VALUES (" + id
                    + ", 1, 'account', '******1234', now())");
            update(c, "INSERT INTO transcript_message (contact_id, seq, sender_type, sent_at, message_text) VALUES (" + id
                    + ", 1, 'CUSTOMER', now(), 'hello')");
            update(c, "INSERT INTO email_reference (contact_id, mailbox, folder, uid_validity, uid, message_id, received_at)"
                    + " VALUES (" + id + ", 'support@example.com', 'INBOX', 1, 7, '<m1@example.com>', now())");
            for (String sql : List.of(
                    "UPDATE contact_record SET caller_id_norm = NULL WHERE id = " + id,
                    "UPDATE contact_leg SET ended_at = now() WHERE contact_id = " + id,
                    "UPDATE contact_data SET masked_value = 'x' WHERE contact_id = " + id,
                    "UPDATE transcript_message SET message_text = 'x' WHERE contact_id = " + id,
                    "UPDATE email_reference SET subject = 'x' WHERE contact_id = " + id)) {
                SQLException e = assertThrows(SQLException.class, () -> update(c, sql), sql);
                assertTrue(e.getMessage().contains("contact records are immutable"), e.getMessage());
            }
            // deletes stay possible, and take the legs, data, transcript and reference with them
            assertEquals(1, update(c, "DELETE FROM contact_record WHERE id = " + id));
            assertEquals(0, count(c, "SELECT count(*) FROM contact_leg WHERE contact_id = " + id));
            assertEquals(0, count(c, "SELECT count(*) FROM transcript_message WHERE contact_id = " + id));
        }
    }

    @Test
    void retentionIsCappedAtTenYearsByTheDatabase() throws SQLException {
        try (Connection c = db.connectAsAdmin()) {
            assertEquals(6, count(c, "SELECT count(*) FROM retention_policy"), "one default per category");
            SQLException e = assertThrows(SQLException.class,
                    () -> update(c, "UPDATE retention_policy SET days = 3654 WHERE category = 'TRANSCRIPT'"));
            assertEquals("23514", e.getSQLState(), "check violation: " + e.getMessage());
            assertEquals(1, update(c, "UPDATE retention_policy SET days = 3653 WHERE category = 'TRANSCRIPT'"));
            e = assertThrows(SQLException.class,
                    () -> update(c, "UPDATE retention_policy SET days = 0 WHERE category = 'TRANSCRIPT'"));
            assertEquals("23514", e.getSQLState());
        }
        String app = db.createLoginMember("ccs_app");
        try (Connection c = db.connect(app, db.password(app))) {
            SQLException e = assertThrows(SQLException.class,
                    () -> update(c, "UPDATE retention_policy SET days = 3654 WHERE category = 'AUDIT_TRAIL'"));
            assertEquals("23514", e.getSQLState());
            assertEquals(1, update(c, "UPDATE retention_policy SET days = 3653 WHERE category = 'AUDIT_TRAIL'"));
        }
    }

    @Test
    void reportRoleReadsViewsOnly() throws SQLException {
        try (Connection c = db.connectAsAdmin()) {
            insertContact(c, "report-1");
        }
        String report = db.createLoginMember("ccs_report");
        try (Connection c = db.connect(report, db.password(report))) {
            SQLException e = assertThrows(SQLException.class, () -> count(c, "SELECT count(*) FROM contact_record"));
            assertEquals("42501", e.getSQLState());
            assertTrue(count(c, "SELECT count(*) FROM report_contact") >= 1);
            count(c, "SELECT count(*) FROM report_contact_leg");
            count(c, "SELECT count(*) FROM report_agent_state");
            e = assertThrows(SQLException.class, () -> update(c, "DELETE FROM report_contact"));
            assertEquals("42501", e.getSQLState());
        }
        try (Connection c = db.connectAsAdmin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = 'report_contact'")) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
            assertFalse(columns.isEmpty());
            assertFalse(columns.stream().anyMatch(n -> n.startsWith("caller_id") || n.equals("customer_id")
                    || n.equals("source_ref") || n.equals("correlator_data")), "no caller identification in " + columns);
        }
    }

    @Test
    void gdprRoleSelectsAndDeletesPersonalDataButDoesNotUpdate() throws SQLException {
        long id;
        try (Connection c = db.connectAsAdmin()) {
            id = insertContact(c, "gdpr-1");
        }
        String gdpr = db.createLoginMember("ccs_gdpr");
        try (Connection c = db.connect(gdpr, db.password(gdpr))) {
            assertEquals(1, count(c, "SELECT count(*) FROM contact_record WHERE id = " + id));
            SQLException e = assertThrows(SQLException.class, () -> update(c, "UPDATE customer SET display_name = 'x'"));
            assertEquals("42501", e.getSQLState());
            assertEquals(1, update(c, "DELETE FROM contact_record WHERE id = " + id));
        }
    }

    @Test
    void customerIdentifiersAreFoundByTypeAndNormalisedValue() throws SQLException {
        try (Connection c = db.connectAsAdmin()) {
            update(c, "INSERT INTO customer (display_name, created_at) VALUES ('Example Ltd', now())");
            long customer = count(c, "SELECT max(id) FROM customer");
            update(c, "INSERT INTO customer_identifier (customer_id, identifier_type, raw_value, normalised_value, created_at)"
                    + " VALUES (" + customer + ", 'PHONE', '020 7946 0102', '442079460102', now())");
            SQLException e = assertThrows(SQLException.class, () -> update(c, "INSERT INTO customer_identifier (customer_id,"
                    + " identifier_type, raw_value, normalised_value, created_at) VALUES (" + customer
                    + ", 'FAX', 'x', 'x', now())"));
            assertEquals("23514", e.getSQLState());
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'customer_identifier'")) {
                boolean found = false;
                while (rs.next()) {
                    found |= rs.getString(1).contains("(identifier_type, normalised_value)");
                }
                assertTrue(found, "index on (identifier_type, normalised_value)");
            }
        }
    }

    private static long insertContact(Connection c, String sourceRef) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CONTACT_INSERT, new String[] {"id"})) {
            ps.setString(1, sourceRef);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertTrue(keys.next());
                return keys.getLong(1);
            }
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    static List<Path> migrationFiles() throws URISyntaxException {
        Path dir = Path.of(PostgresMigrationTest.class.getClassLoader().getResource(Dialect.POSTGRESQL.resourcePath()).toURI());
        List<Path> files = SqlSchemaReader.migrationFiles(dir);
        assertFalse(files.isEmpty());
        return files;
    }
}
