package org.ccs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The purge routines of V9 on a real PostgreSQL: one call deletes one bounded batch in index order and
 * records its position in the same transaction; they are for the application role only.
 * (The purge as a whole, holds and resumption: server-core's PurgeRunnerTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PurgeRoutinesTest {

    private PgTestDatabase db;
    private String app;

    @BeforeAll
    void migrate() throws SQLException {
        db = PgTestDatabase.create("ccs_purge_routines");
        Migrator.migrate(db.url(), db.adminUser(), db.adminPassword(), Dialect.POSTGRESQL);
        app = db.createLoginMember("ccs_app");
    }

    @AfterAll
    void drop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void clean() throws SQLException {
        try (Connection c = db.connectAsAdmin(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM purge_run");
            s.execute("DELETE FROM contact_record");
            s.execute("DELETE FROM media_conversation");
        }
    }

    /** 25 contacts a minute apart from 2020-01-01, a run whose CONTACT_RECORD cutoff is 2021-01-01. */
    private long runWithOldContacts(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO contact_record (channel, direction, source_ref, caller_presentation, started_at, ended_at,"
                    + " queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, created_at)"
                    + " SELECT 'VOICE', 'INBOUND', 'r-' || g, 'NOT_KNOWN', t, t, 0, 0, 0, 0, 'ANSWERED', t"
                    + " FROM (SELECT g, timestamptz '2020-01-01 00:00:00+00' + g * interval '1 minute' AS t"
                    + " FROM generate_series(1, 25) g) x");
            s.execute("INSERT INTO contact_record (channel, direction, source_ref, caller_presentation, started_at, ended_at,"
                    + " queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, created_at)"
                    + " VALUES ('VOICE', 'INBOUND', 'young', 'NOT_KNOWN', '2021-06-01 00:00:00+00', '2021-06-01 00:00:00+00',"
                    + " 0, 0, 0, 0, 'ANSWERED', now())");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO purge_run (status, started_at, started_by, heartbeat_at,"
                + " resumed_count) VALUES ('RUNNING', now(), 'system', now(), 0) RETURNING id")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long run = rs.getLong(1);
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO purge_progress (run_id, category, cutoff_at, state, rows_deleted, rows_held,"
                            + " customers_deleted, batches) VALUES (" + run + ", 'CONTACT_RECORD', '2021-01-01 00:00:00+00',"
                            + " 'PENDING', 0, 0, 0, 0)");
                }
                return run;
            }
        }
    }

    private static int call(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aCallDeletesOneBoundedBatchInTimeOrderAndRecordsWhereItStopped() throws SQLException {
        try (Connection c = db.connect(app, db.password(app))) {
            long run = runWithOldContacts(c);
            assertEquals(10, call(c, "SELECT ccs_purge_contact_record(" + run + ", 10)"));
            assertEquals(16, call(c, "SELECT count(*) FROM contact_record"));
            assertEquals(11, call(c, "SELECT min(CAST(substr(source_ref, 3) AS integer)) FROM contact_record"
                    + " WHERE source_ref LIKE 'r-%'"), "the oldest went first");
            assertEquals(1, call(c, "SELECT count(*) FROM purge_progress WHERE run_id = " + run + " AND rows_deleted = 10"
                    + " AND batches = 1 AND state = 'PENDING' AND last_at = timestamptz '2020-01-01 00:10:00+00'"));
            assertEquals(10, call(c, "SELECT ccs_purge_contact_record(" + run + ", 10)"));
            assertEquals(5, call(c, "SELECT ccs_purge_contact_record(" + run + ", 10)"), "the last, partial batch");
            assertEquals(1, call(c, "SELECT count(*) FROM purge_progress WHERE run_id = " + run + " AND state = 'DONE'"
                    + " AND rows_deleted = 25"));
            assertEquals(0, call(c, "SELECT ccs_purge_contact_record(" + run + ", 10)"), "finished");
            assertEquals(1, call(c, "SELECT count(*) FROM contact_record"), "the young one stays");
        }
    }

    @Test
    void aClosedConversationGoesWithItsLastContactRecordAnOpenOneNever() throws SQLException {
        try (Connection c = db.connect(app, db.password(app))) {
            long run = runWithOldContacts(c);
            try (Statement s = c.createStatement()) {
                // a closed thread with two old records, a closed chat with one old and one young record, an
                // open conversation whose only record is old (a reply that reopened an e-mail thread)
                for (String[] conv : new String[][] {{"thread-old", "CLOSED"}, {"chat-mixed", "CLOSED"},
                        {"thread-open", "ACTIVE"}}) {
                    s.execute("INSERT INTO media_conversation (conversation_ref, channel, source_id, state, next_seq,"
                            + " started_at, queued_at, last_activity_at) VALUES ('" + conv[0] + "', 'EMAIL', 1, '"
                            + conv[1] + "', 1, now(), now(), now())");
                }
                s.execute("UPDATE media_conversation SET channel = 'CHAT' WHERE conversation_ref = 'chat-mixed'");
                s.execute("INSERT INTO contact_record (channel, direction, source_ref, caller_presentation, started_at,"
                        + " ended_at, queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, created_at,"
                        + " conversation_ref) SELECT 'EMAIL', 'INBOUND', 'mail-' || g, 'NOT_KNOWN', t, t, 0, 0, 0, 0,"
                        + " 'HANDLED', t, CASE WHEN g <= 2 THEN 'thread-old' WHEN g = 3 THEN 'chat-mixed'"
                        + " ELSE 'thread-open' END"
                        + " FROM (SELECT g, timestamptz '2020-02-01 00:00:00+00' + g * interval '1 minute' AS t"
                        + " FROM generate_series(1, 4) g) x");
                s.execute("INSERT INTO contact_record (channel, direction, source_ref, caller_presentation, started_at,"
                        + " ended_at, queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, created_at,"
                        + " conversation_ref) VALUES ('CHAT', 'INBOUND', 'chat-young', 'NOT_KNOWN',"
                        + " '2021-06-01 00:00:00+00', '2021-06-01 00:00:00+00', 0, 0, 0, 0, 'HANDLED', now(), 'chat-mixed')");
            }
            while (call(c, "SELECT ccs_purge_contact_record(" + run + ", 10)") > 0) {
                // until the run is done
            }
            assertEquals(0, call(c, "SELECT count(*) FROM contact_record WHERE source_ref LIKE 'mail-%'"));
            assertEquals(0, call(c, "SELECT count(*) FROM media_conversation WHERE conversation_ref = 'thread-old'"),
                    "the closed thread went with its last record");
            assertEquals(1, call(c, "SELECT count(*) FROM media_conversation WHERE conversation_ref = 'chat-mixed'"),
                    "a closed conversation with a record left stays");
            assertEquals(1, call(c, "SELECT count(*) FROM media_conversation WHERE conversation_ref = 'thread-open'"),
                    "an open conversation is never purged");
        }
    }

    @Test
    void wrongCallsAreRefused() throws SQLException {
        try (Connection c = db.connect(app, db.password(app))) {
            long run = runWithOldContacts(c);
            SQLException e = assertThrows(SQLException.class, () -> call(c, "SELECT ccs_purge_contact_record(" + run + ", 0)"));
            assertEquals("22023", e.getSQLState(), e.getMessage());
            e = assertThrows(SQLException.class, () -> call(c, "SELECT ccs_purge_transcript(" + run + ", 10)"));
            assertEquals("P0002", e.getSQLState(), "no progress row for this category: " + e.getMessage());
            e = assertThrows(SQLException.class, () -> call(c, "UPDATE purge_progress SET state = 'ELSE'"));
            assertEquals("23514", e.getSQLState());
        }
    }

    @Test
    void onlyTheApplicationRoleMayRunThePurge() throws SQLException {
        long run;
        try (Connection c = db.connect(app, db.password(app))) {
            run = runWithOldContacts(c);
        }
        for (String group : new String[] {"ccs_report", "ccs_gdpr"}) {
            String other = db.createLoginMember(group);
            try (Connection c = db.connect(other, db.password(other))) {
                for (String routine : new String[] {"ccs_purge_contact_record", "ccs_purge_transcript",
                        "ccs_purge_email_reference", "ccs_purge_availability_history", "ccs_purge_audit_trail",
                        "ccs_purge_gdpr_request_log"}) {
                    SQLException e = assertThrows(SQLException.class, () -> call(c, "SELECT " + routine + "(" + run + ", 10)"));
                    assertEquals("42501", e.getSQLState(), group + " " + routine + ": " + e.getMessage());
                }
            }
        }
        try (Connection c = db.connect(app, db.password(app))) {
            assertTrue(call(c, "SELECT ccs_purge_contact_record(" + run + ", 100)") > 0);
            assertEquals(0, call(c, "SELECT ccs_contact_held(1, NULL)"));
        }
    }
}
