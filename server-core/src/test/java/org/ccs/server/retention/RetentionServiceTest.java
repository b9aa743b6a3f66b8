package org.ccs.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ccs.server.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retention periods through {@link RetentionService} (Hibernate on a migrated PostgreSQL, as ccs_app):
 * read, changed with who/old/new in the audit trail, refused above 3653 days with a reason (API level)
 * and by the database's CHECK for anyone who goes around the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionServiceTest {

    private static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");

    private RetentionTestDb db;
    private JpaTestUnit jpa;
    private EntityManager em;
    private RetentionService service;
    private MutableClock clock;

    @BeforeAll
    void database() throws SQLException {
        db = new RetentionTestDb("ccs_retention_svc");
        jpa = new JpaTestUnit(db);
    }

    @AfterAll
    void drop() throws SQLException {
        if (jpa != null) {
            jpa.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void service() throws SQLException {
        db.update("UPDATE retention_policy SET days = 365, updated_at = NULL, updated_by = NULL WHERE category = 'TRANSCRIPT'");
        db.update("DELETE FROM audit_entry");
        em = jpa.entityManager();
        clock = new MutableClock(NOW);
        service = new RetentionService();
        service.em = em;
        service.clock = clock;
    }

    @Test
    void everyCategoryHasItsInstallationDefault() {
        List<RetentionPolicyView> policies = jpa.inTransaction(em, x -> service.policies());
        assertEquals(RetentionCategory.values().length, policies.size());
        RetentionPolicyView contacts = policies.stream().filter(p -> p.category() == RetentionCategory.CONTACT_RECORD)
                .findFirst().orElseThrow();
        assertEquals(365, contacts.days());
        assertEquals(3653, contacts.maxDays());
        assertEquals(1, contacts.minDays());
        assertNull(contacts.updatedBy(), "installation default");
    }

    @Test
    void aChangeIsAuditedWithWhoTheOldAndTheNewValue() throws SQLException {
        RetentionPolicyView changed = jpa.inTransaction(em, x -> service.changeDays(RetentionCategory.TRANSCRIPT, 730,
                "manager", Role.MANAGER, "10.1.2.3"));
        assertEquals(730, changed.days());
        assertEquals("manager", changed.updatedBy());
        assertEquals(NOW, changed.updatedAt());
        assertEquals(730, db.count("SELECT days FROM retention_policy WHERE category = 'TRANSCRIPT'"));
        assertEquals(1, db.count("SELECT count(*) FROM audit_entry WHERE action_name = 'retention.change'"
                + " AND actor = 'manager' AND actor_role = 'MANAGER' AND target_type = 'retention_policy'"
                + " AND target_id = 'TRANSCRIPT' AND outcome = 'SUCCESS' AND detail = 'days 365 -> 730'"
                + " AND source_address = '10.1.2.3'"));
    }

    @Test
    void moreThanTenYearsIsRefusedWithTheReasonAndTheAttemptIsAudited() throws SQLException {
        InvalidRetentionException e = assertThrows(InvalidRetentionException.class, () -> jpa.inTransactionCommitting(em,
                x -> service.changeDays(RetentionCategory.TRANSCRIPT, 3654, "manager", Role.MANAGER, null)));
        assertEquals("retention of TRANSCRIPT cannot be 3654 days: the longest allowed is 3653 days (10 years)", e.getMessage());
        assertEquals(365, db.count("SELECT days FROM retention_policy WHERE category = 'TRANSCRIPT'"));
        assertEquals(1, db.count("SELECT count(*) FROM audit_entry WHERE action_name = 'retention.change'"
                + " AND outcome = 'FAILED' AND detail = 'refused: 3654 days (kept 365)'"));
        e = assertThrows(InvalidRetentionException.class, () -> jpa.inTransactionCommitting(em,
                x -> service.changeDays(RetentionCategory.TRANSCRIPT, 0, "manager", Role.MANAGER, null)));
        assertTrue(e.getMessage().contains("shortest allowed is 1 day"), e.getMessage());
        // ten years exactly is allowed
        assertEquals(3653, jpa.inTransaction(em, x -> service.changeDays(RetentionCategory.TRANSCRIPT, 3653, "manager",
                Role.MANAGER, null)).days());
    }

    @Test
    void theDatabaseRefusesItToAnyoneWhoGoesAroundTheApi() throws SQLException {
        try (Connection c = db.appDataSource().getConnection(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE retention_policy SET days = 3654 WHERE category = 'TRANSCRIPT'"));
            assertEquals("23514", e.getSQLState(), "check violation: " + e.getMessage());
            assertEquals(1, s.executeUpdate("UPDATE retention_policy SET days = 3653 WHERE category = 'TRANSCRIPT'"));
        }
    }

    @Test
    void aLongerRetentionMovesBackTheCutoffOfTheUnfinishedRun() throws SQLException {
        db.update("DELETE FROM purge_run");
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
        db.bulkContacts(300, NOW.minus(Duration.ofDays(500)), 60);
        PurgeRunner runner = new PurgeRunner(db.appDataSource(), clock);
        AtomicInteger checks = new AtomicInteger();
        PurgeRunView stopped = runner.run(new PurgeOptions(100, 0, 10), "system", "n", () -> checks.incrementAndGet() > 3);
        assertEquals("STOPPED", stopped.status());
        jpa.inTransaction(em, x -> service.changeDays(RetentionCategory.CONTACT_RECORD, 450, "manager", Role.MANAGER, null));
        assertEquals(1, db.count("SELECT count(*) FROM purge_progress WHERE category = 'CONTACT_RECORD' AND cutoff_at = '"
                + NOW.minus(Duration.ofDays(450)) + "'"));
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
    }
}
