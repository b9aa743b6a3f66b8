package org.ccs.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ccs.server.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Legal holds through {@link LegalHoldService} (Hibernate on a migrated PostgreSQL, as ccs_app): a
 * subject, a set of records or a category is put on hold with a reason and lifted with one, audited;
 * the purge keeps what is held and takes it once the hold is lifted.
 */
class LegalHoldServiceTest {

    private static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");

    private RetentionTestDb db;
    private JpaTestUnit jpa;
    private EntityManager em;
    private LegalHoldService holds;
    private MutableClock clock;

    @BeforeEach
    void service() throws SQLException {
        db = new RetentionTestDb("ccs_hold_svc");
        jpa = new JpaTestUnit(db);
        em = jpa.entityManager();
        clock = new MutableClock(NOW);
        holds = new LegalHoldService();
        holds.em = em;
        holds.clock = clock;
    }

    @AfterEach
    void drop() throws SQLException {
        if (jpa != null) {
            jpa.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aSubjectIsHeldAndReleasedWithReasonsAndAudited() throws SQLException {
        long customer = db.customer(NOW);
        LegalHoldView placed = jpa.inTransaction(em, x -> holds.placeOnCustomer(customer, " CASE-2030-17 ",
                "litigation hold requested by counsel", "manager", Role.MANAGER, "10.0.0.5"));
        assertEquals("CUSTOMER", placed.scope());
        assertEquals(customer, placed.customerId());
        assertEquals("CASE-2030-17", placed.matterRef());
        assertTrue(placed.active());
        List<LegalHoldView> active = jpa.inTransaction(em, x -> holds.list(false));
        assertEquals(1, active.size());
        assertEquals("litigation hold requested by counsel", active.get(0).reason());
        assertEquals(1, db.count("SELECT count(*) FROM audit_entry WHERE action_name = 'legal_hold.place' AND actor = 'manager'"
                + " AND target_id = '" + placed.id() + "' AND detail = 'matter CASE-2030-17: customer " + customer + "'"
                + " AND source_address = '10.0.0.5'"));
        assertEquals(0, db.count("SELECT count(*) FROM audit_entry WHERE detail LIKE '%counsel%'"), "the free text stays out of the audit trail");

        clock.advance(Duration.ofDays(30));
        LegalHoldView lifted = jpa.inTransaction(em, x -> holds.lift(placed.id(), "case closed", "manager", Role.MANAGER, null));
        assertFalse(lifted.active());
        assertEquals("case closed", lifted.releaseReason());
        assertEquals(NOW.plus(Duration.ofDays(30)), lifted.releasedAt());
        assertTrue(jpa.inTransaction(em, x -> holds.list(false)).isEmpty());
        assertEquals(1, jpa.inTransaction(em, x -> holds.list(true)).size());
        assertEquals(1, db.count("SELECT count(*) FROM audit_entry WHERE action_name = 'legal_hold.lift'"));
        LegalHoldException again = assertThrows(LegalHoldException.class,
                () -> jpa.inTransaction(em, x -> holds.lift(placed.id(), "twice", "manager", Role.MANAGER, null)));
        assertEquals(LegalHoldException.Kind.CONFLICT, again.kind());
    }

    @Test
    void wrongRequestsAreRefusedAndStoreNothing() throws SQLException {
        long contact = db.contact(NOW, null);
        LegalHoldException e = assertThrows(LegalHoldException.class, () -> jpa.inTransaction(em,
                x -> holds.placeOnCustomer(987_654, "CASE-1", "reason", "manager", Role.MANAGER, null)));
        assertEquals(LegalHoldException.Kind.NOT_FOUND, e.kind());
        e = assertThrows(LegalHoldException.class, () -> jpa.inTransaction(em,
                x -> holds.placeOnContacts(List.of(contact, 987_654L), "CASE-1", "reason", "manager", Role.MANAGER, null)));
        assertEquals(LegalHoldException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("987654"), e.getMessage());
        e = assertThrows(LegalHoldException.class, () -> jpa.inTransaction(em,
                x -> holds.placeOnContacts(List.of(contact), "CASE-1", " ", "manager", Role.MANAGER, null)));
        assertEquals(LegalHoldException.Kind.INVALID, e.kind());
        assertEquals("a reason is required", e.getMessage());
        e = assertThrows(LegalHoldException.class, () -> jpa.inTransaction(em,
                x -> holds.placeOnCategory(RetentionCategory.AUDIT_TRAIL, "x".repeat(101), "r", "manager", Role.MANAGER, null)));
        assertEquals(LegalHoldException.Kind.INVALID, e.kind());
        assertEquals(0, db.count("SELECT count(*) FROM legal_hold"));
        assertEquals(0, db.count("SELECT count(*) FROM audit_entry"));
    }

    @Test
    void theHoldsOfTheServiceStopThePurgeUntilLifted() throws SQLException {
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
        Instant past = NOW.minus(Duration.ofDays(400));
        long a = db.contact(past, null);
        long b = db.contact(past, null);
        long free = db.contact(past, null);
        long customer = db.customer(past);
        long ofCustomer = db.contact(past, customer);
        long mailContact = db.contact(NOW, null);
        long mail = db.email(mailContact, past);
        jpa.inTransaction(em, x -> holds.placeOnContacts(List.of(a, b), "CASE-9", "evidence", "manager", Role.MANAGER, null));
        jpa.inTransaction(em, x -> holds.placeOnCustomer(customer, "CASE-9", "evidence", "manager", Role.MANAGER, null));
        jpa.inTransaction(em, x -> holds.placeOnCategory(RetentionCategory.EMAIL_REFERENCE, "CASE-10", "audit", "manager",
                Role.MANAGER, null));
        PurgeRunner runner = new PurgeRunner(db.appDataSource(), clock);

        runner.run(new PurgeOptions(10, 0, 10), "system", "n", () -> false);
        assertTrue(db.exists("contact_record", a));
        assertTrue(db.exists("contact_record", b));
        assertTrue(db.exists("contact_record", ofCustomer));
        assertTrue(db.exists("customer", customer));
        assertTrue(db.exists("email_reference", mail));
        assertFalse(db.exists("contact_record", free));

        List<LegalHoldView> lifted = jpa.inTransaction(em, x -> holds.liftMatter("CASE-9", "case closed", "manager",
                Role.MANAGER, null));
        assertEquals(3, lifted.size());
        runner.run(new PurgeOptions(10, 0, 10), "system", "n", () -> false);
        assertFalse(db.exists("contact_record", a));
        assertFalse(db.exists("contact_record", b));
        assertFalse(db.exists("contact_record", ofCustomer));
        assertFalse(db.exists("customer", customer));
        assertTrue(db.exists("email_reference", mail), "CASE-10 still holds the category");
        List<LegalHoldView> all = jpa.inTransaction(em, x -> holds.list(true));
        assertTrue(all.stream().anyMatch(h -> "SUBJECT_PURGED".equals(h.scope())), "the released hold lost its purged customer");
    }
}
