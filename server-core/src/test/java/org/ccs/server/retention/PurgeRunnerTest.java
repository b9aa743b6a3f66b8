package org.ccs.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention purge on a real PostgreSQL migrated by db-scripts, run as a member of ccs_app (the
 * server's role) with an injected clock: per category what is just inside the limit stays and what is
 * just past it goes; 360-degree customer data goes with its last contact; legal holds are respected; a
 * stopped or failed run resumes where it stopped; years pass in seconds.
 */
class PurgeRunnerTest {

    private static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    private RetentionTestDb db;
    private MutableClock clock;
    private PurgeRunner runner;

    @BeforeEach
    void database() throws SQLException {
        db = new RetentionTestDb("ccs_purge");
        clock = new MutableClock(NOW);
        runner = new PurgeRunner(db.appDataSource(), clock);
    }

    @AfterEach
    void drop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    private static PurgeOptions batches(int size) {
        return new PurgeOptions(size, 0, 60);
    }

    private PurgeRunView purge() throws SQLException {
        return runner.run(batches(50), PurgeRunner.SYSTEM_ACTOR, "test-node", () -> false);
    }

    private static Map<RetentionCategory, PurgeProgressView> byCategory(PurgeRunView run) {
        return run.categories().stream().collect(Collectors.toMap(PurgeProgressView::category, Function.identity()));
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void eachCategoryKeepsWhatIsJustInsideItsLimitAndDeletesWhatIsJustPast() throws SQLException {
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
        db.setRetention(RetentionCategory.TRANSCRIPT, 90);
        db.setRetention(RetentionCategory.EMAIL_REFERENCE, 180);
        db.setRetention(RetentionCategory.AVAILABILITY_HISTORY, 30);
        db.setRetention(RetentionCategory.AUDIT_TRAIL, 1095);
        db.setRetention(RetentionCategory.GDPR_REQUEST_LOG, 3653);

        long contactPast = db.contact(daysAgo(365).minus(SECOND), null);
        long contactAtLimit = db.contact(daysAgo(365), null);
        long contactInside = db.contact(daysAgo(365).plus(SECOND), null);

        long recent = db.contact(daysAgo(1), null);
        long transcriptPast = db.transcript(recent, daysAgo(90).minus(SECOND));
        long transcriptInside = db.transcript(recent, daysAgo(90).plus(SECOND));

        long mailPastContact = db.contact(daysAgo(2), null);
        long mailInsideContact = db.contact(daysAgo(2), null);
        long mailPast = db.email(mailPastContact, daysAgo(180).minus(SECOND));
        long mailInside = db.email(mailInsideContact, daysAgo(180).plus(SECOND));

        long agent = db.agent();
        long statePast = db.agentState(agent, daysAgo(30).minus(SECOND));
        long stateInside = db.agentState(agent, daysAgo(30).plus(SECOND));

        long auditPast = db.audit(daysAgo(1095).minus(SECOND));
        long auditInside = db.audit(daysAgo(1095).plus(SECOND));

        long gdprPast = db.gdprLog(daysAgo(3653).minus(SECOND));
        long gdprInside = db.gdprLog(daysAgo(3653).plus(SECOND));

        PurgeRunView run = purge();

        assertEquals("DONE", run.status());
        assertFalse(db.exists("contact_record", contactPast));
        assertEquals(0, db.count("SELECT count(*) FROM contact_leg WHERE contact_id = " + contactPast), "legs go with it");
        assertEquals(0, db.count("SELECT count(*) FROM contact_data WHERE contact_id = " + contactPast), "IVR data goes with it");
        assertTrue(db.exists("contact_record", contactAtLimit), "exactly at the limit is inside");
        assertTrue(db.exists("contact_record", contactInside));
        assertEquals(2, db.count("SELECT count(*) FROM contact_leg WHERE contact_id = " + contactInside));
        assertFalse(db.exists("transcript_message", transcriptPast));
        assertTrue(db.exists("transcript_message", transcriptInside));
        assertTrue(db.exists("contact_record", recent), "a transcript's own retention does not delete its contact");
        assertFalse(db.exists("email_reference", mailPast));
        assertTrue(db.exists("email_reference", mailInside));
        assertTrue(db.exists("contact_record", mailPastContact));
        assertFalse(db.exists("agent_state_history", statePast));
        assertTrue(db.exists("agent_state_history", stateInside));
        assertFalse(db.exists("audit_entry", auditPast));
        assertTrue(db.exists("audit_entry", auditInside));
        assertFalse(db.exists("gdpr_request_log", gdprPast));
        assertTrue(db.exists("gdpr_request_log", gdprInside));

        Map<RetentionCategory, PurgeProgressView> p = byCategory(run);
        for (RetentionCategory c : RetentionCategory.values()) {
            assertEquals(1, p.get(c).rowsDeleted(), c + " deleted");
            assertEquals("DONE", p.get(c).state(), c + " state");
        }
        assertEquals(6, run.rowsDeleted());
        assertEquals(daysAgo(365), p.get(RetentionCategory.CONTACT_RECORD).cutoff());
        // audited: start and end, with the counts and no personal data
        assertEquals(1, db.count("SELECT count(*) FROM audit_entry WHERE action_name = 'retention.purge.start'"));
        assertEquals(1, db.count("SELECT count(*) FROM audit_entry WHERE action_name = 'retention.purge' AND outcome = 'SUCCESS'"
                + " AND actor = 'system' AND target_id = '" + run.id() + "' AND detail LIKE '%CONTACT_RECORD 1%'"));
        // a second run finds nothing more
        PurgeRunView again = purge();
        assertTrue(again.id() > run.id());
        assertEquals(0, again.rowsDeleted());
    }

    @Test
    void customerDataGoesWithItsLastContactRecord() throws SQLException {
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
        long keptForNow = db.customer(daysAgo(600));
        db.contact(daysAgo(400), keptForNow);
        long lastContact = db.contact(daysAgo(100), keptForNow);
        long gone = db.customer(daysAgo(600));
        db.contact(daysAgo(500), gone);
        db.contact(daysAgo(400), gone);
        long noContacts = db.customer(daysAgo(600));
        long releasedHoldCustomer = db.customer(daysAgo(600));
        db.contact(daysAgo(400), releasedHoldCustomer);
        long releasedHold = db.hold(releasedHoldCustomer, null, null);
        db.release(releasedHold);

        PurgeRunView run = purge();

        PurgeProgressView contacts = byCategory(run).get(RetentionCategory.CONTACT_RECORD);
        assertEquals(4, contacts.rowsDeleted());
        assertEquals(2, contacts.customersDeleted());
        assertTrue(db.exists("customer", keptForNow), "one of its contacts is still inside the limit");
        assertEquals(1, db.count("SELECT count(*) FROM customer_identifier WHERE customer_id = " + keptForNow));
        assertFalse(db.exists("customer", gone));
        assertEquals(0, db.count("SELECT count(*) FROM customer_identifier WHERE customer_id = " + gone), "identifiers go with it");
        assertEquals(0, db.count("SELECT count(*) FROM consent_record WHERE customer_id = " + gone), "consents go with it");
        assertTrue(db.exists("customer", noContacts), "a customer without contact records is not the purge's business");
        assertFalse(db.exists("customer", releasedHoldCustomer), "a released hold does not keep its customer");
        assertTrue(db.exists("legal_hold", releasedHold), "the released hold stays, without the link to the purged customer");
        assertEquals(1, db.count("SELECT count(*) FROM legal_hold WHERE id = " + releasedHold + " AND customer_id IS NULL"));

        // 300 days later the last contact of the first customer is past the limit too
        clock.advance(Duration.ofDays(300));
        PurgeRunView later = purge();
        assertEquals(1, byCategory(later).get(RetentionCategory.CONTACT_RECORD).customersDeleted());
        assertFalse(db.exists("contact_record", lastContact));
        assertFalse(db.exists("customer", keptForNow));
        assertEquals(0, db.count("SELECT count(*) FROM consent_record WHERE customer_id = " + keptForNow));
        assertTrue(db.exists("customer", noContacts));
    }

    @Test
    void legalHoldsKeepWhatTheyNameUntilLifted() throws SQLException {
        for (RetentionCategory c : RetentionCategory.values()) {
            db.setRetention(c, 365);
        }
        Instant past = daysAgo(400);
        long heldContact = db.contact(past, null);
        long heldContactTranscript = db.transcript(heldContact, past);
        long holdOnContact = db.hold(null, heldContact, null);

        long heldCustomer = db.customer(past);
        long heldCustomerContact = db.contact(past, heldCustomer);
        long heldCustomerTranscript = db.transcript(heldCustomerContact, past);
        long holdOnCustomer = db.hold(heldCustomer, null, null);

        long released = db.contact(past, null);
        db.release(db.hold(null, released, null));

        long free = db.contact(past, null);
        long freeTranscript = db.transcript(free, past);
        long mailContact = db.contact(daysAgo(10), null);
        long mail = db.email(mailContact, past);
        long holdOnMail = db.hold(null, null, RetentionCategory.EMAIL_REFERENCE);

        PurgeRunView run = purge();

        assertTrue(db.exists("contact_record", heldContact));
        assertTrue(db.exists("transcript_message", heldContactTranscript), "a held contact keeps its transcript");
        assertTrue(db.exists("contact_record", heldCustomerContact), "a held customer keeps its contacts");
        assertTrue(db.exists("transcript_message", heldCustomerTranscript));
        assertTrue(db.exists("customer", heldCustomer));
        assertFalse(db.exists("contact_record", released), "a released hold holds nothing");
        assertFalse(db.exists("contact_record", free));
        assertFalse(db.exists("transcript_message", freeTranscript));
        assertTrue(db.exists("email_reference", mail), "the category is on hold");
        Map<RetentionCategory, PurgeProgressView> p = byCategory(run);
        assertEquals(2, p.get(RetentionCategory.CONTACT_RECORD).rowsHeld());
        assertEquals(2, p.get(RetentionCategory.CONTACT_RECORD).rowsDeleted());
        assertEquals(2, p.get(RetentionCategory.TRANSCRIPT).rowsHeld());
        assertEquals("HELD", p.get(RetentionCategory.EMAIL_REFERENCE).state());
        assertTrue(PurgeRunner.summary(run).contains("EMAIL_REFERENCE 0 (category on hold)"), PurgeRunner.summary(run));

        db.release(holdOnContact);
        db.release(holdOnCustomer);
        db.release(holdOnMail);
        PurgeRunView afterLift = purge();
        assertFalse(db.exists("contact_record", heldContact));
        assertFalse(db.exists("transcript_message", heldContactTranscript));
        assertFalse(db.exists("contact_record", heldCustomerContact));
        assertFalse(db.exists("customer", heldCustomer), "its last contact went, and the hold is lifted");
        assertFalse(db.exists("email_reference", mail));
        assertEquals(1, byCategory(afterLift).get(RetentionCategory.EMAIL_REFERENCE).rowsDeleted());
    }

    @Test
    void aStoppedOrFailedRunResumesWhereItStopped() throws SQLException {
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
        String old = db.bulkContacts(1050, daysAgo(800), 60);
        db.bulkContacts(5, daysAgo(10), 60);
        // checks before each batch: TRANSCRIPT (empty: 1), EMAIL_REFERENCE (empty: 1), then CONTACT_RECORD
        AtomicInteger checks = new AtomicInteger();
        PurgeRunView stopped = runner.run(batches(100), PurgeRunner.SYSTEM_ACTOR, "node-a",
                () -> checks.incrementAndGet() > 5);

        assertEquals("STOPPED", stopped.status());
        assertTrue(stopped.detail().contains("shutting down"), stopped.detail());
        PurgeProgressView partial = byCategory(stopped).get(RetentionCategory.CONTACT_RECORD);
        assertEquals(300, partial.rowsDeleted(), "three batches of 100");
        assertEquals(3, partial.batches());
        assertEquals("PENDING", partial.state());
        assertNotNull(partial.reachedTime());
        assertEquals(750 + 5, db.count("SELECT count(*) FROM contact_record"));
        assertEquals(1, db.count("SELECT count(*) FROM audit_entry WHERE action_name = 'retention.purge'"
                + " AND detail LIKE '%stopped%'"));

        // the next run dies after two more batches (the database or the node went away); the finished
        // categories take one check each
        AtomicInteger more = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> runner.run(batches(100), PurgeRunner.SYSTEM_ACTOR, "node-b", () -> {
            if (more.incrementAndGet() > 4) {
                throw new IllegalStateException("node lost");
            }
            return false;
        }));
        PurgeRunView failed = runner.find(stopped.id()).orElseThrow();
        assertEquals("FAILED", failed.status());
        assertEquals(500, byCategory(failed).get(RetentionCategory.CONTACT_RECORD).rowsDeleted());

        // and the one after that finishes the same run
        PurgeRunView resumed = purge();
        assertEquals(stopped.id(), resumed.id(), "the unfinished run is resumed, not a new one started");
        assertEquals("DONE", resumed.status());
        assertEquals(2, resumed.resumedCount());
        assertEquals("test-node", resumed.nodeId());
        assertEquals(1050, byCategory(resumed).get(RetentionCategory.CONTACT_RECORD).rowsDeleted(), "each row once");
        assertEquals(0, db.count("SELECT count(*) FROM contact_record WHERE source_ref LIKE '" + old + "-%'"));
        assertEquals(5, db.count("SELECT count(*) FROM contact_record"));
        assertEquals(10, db.count("SELECT count(*) FROM contact_leg"));
        assertEquals(daysAgo(365), byCategory(resumed).get(RetentionCategory.CONTACT_RECORD).cutoff(), "cutoff of the first start");
        assertEquals(2, db.count("SELECT count(*) FROM audit_entry WHERE action_name = 'retention.purge.resume'"));
    }

    @Test
    void aManagerCanStopTheRunningPurgeFromAnyNode() throws SQLException {
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
        db.bulkContacts(500, daysAgo(800), 60);
        assertFalse(runner.requestStop("manager", "10.0.0.9"), "nothing runs");
        PurgeRunner otherNode = new PurgeRunner(db.appDataSource(), clock);
        AtomicInteger checks = new AtomicInteger();
        PurgeRunView run = runner.run(batches(100), PurgeRunner.SYSTEM_ACTOR, "node-a", () -> {
            // checks: TRANSCRIPT, EMAIL_REFERENCE, then before each CONTACT_RECORD batch
            if (checks.incrementAndGet() == 5) {
                try {
                    assertTrue(otherNode.requestStop("manager", "10.0.0.9"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return false;
        });
        assertEquals("STOPPED", run.status());
        assertTrue(run.detail().contains("a manager asked it to stop"), run.detail());
        assertEquals(200, byCategory(run).get(RetentionCategory.CONTACT_RECORD).rowsDeleted());
        assertEquals(1, db.count("SELECT count(*) FROM audit_entry WHERE action_name = 'retention.purge.stop'"
                + " AND actor = 'manager' AND source_address = '10.0.0.9'"));
        PurgeRunView resumed = purge();
        assertEquals(run.id(), resumed.id());
        assertEquals(500, byCategory(resumed).get(RetentionCategory.CONTACT_RECORD).rowsDeleted());
    }

    @Test
    void aSecondExecutionStepsAsideWhileARunIsAliveAndTakesOverWhenItsNodeIsGone() throws SQLException {
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
        db.bulkContacts(300, daysAgo(500), 60);
        PurgeRunner otherNode = new PurgeRunner(db.appDataSource(), clock);
        AtomicInteger checks = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> runner.run(batches(100), PurgeRunner.SYSTEM_ACTOR, "node-a", () -> {
            if (checks.incrementAndGet() == 4) {
                PurgeBusyException busy = assertThrows(PurgeBusyException.class,
                        () -> otherNode.run(batches(100), "manager", "node-b", () -> false));
                assertTrue(busy.getMessage().contains("node-a"), busy.getMessage());
                // node A dies here: no finish, its heartbeat stops
                throw new IllegalStateException("node A lost");
            }
            return false;
        }));
        db.update("UPDATE purge_run SET status = 'RUNNING'"); // as if the node had died without a word
        assertThrows(PurgeBusyException.class, () -> otherNode.run(batches(100), "manager", "node-b", () -> false));
        clock.advance(PurgeRunner.HEARTBEAT_STALE.plusSeconds(1));
        PurgeRunView takenOver = otherNode.run(batches(100), "manager", "node-b", () -> false);
        assertEquals("DONE", takenOver.status());
        assertEquals("node-b", takenOver.nodeId());
        assertEquals(300, byCategory(takenOver).get(RetentionCategory.CONTACT_RECORD).rowsDeleted());
        assertEquals(1, db.count("SELECT count(*) FROM purge_run"));
    }

    @Test
    void aLongerRetentionSetDuringAStoppedRunIsHonouredWhenItResumes() throws SQLException {
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
        db.bulkContacts(300, daysAgo(500), 60);
        long at450 = db.contact(daysAgo(450), null);
        AtomicInteger checks = new AtomicInteger();
        PurgeRunView stopped = runner.run(batches(100), PurgeRunner.SYSTEM_ACTOR, "n", () -> checks.incrementAndGet() > 3);
        assertEquals("STOPPED", stopped.status());
        db.setRetention(RetentionCategory.CONTACT_RECORD, 460);
        PurgeRunView resumed = purge();
        assertEquals(daysAgo(460), byCategory(resumed).get(RetentionCategory.CONTACT_RECORD).cutoff());
        assertTrue(db.exists("contact_record", at450), "inside the longer retention");
    }

    @Test
    void yearsPassInSeconds() throws SQLException {
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
        db.setRetention(RetentionCategory.AVAILABILITY_HISTORY, 90);
        long agent = db.agent();
        Instant start = NOW;
        // five years: a contact and an agent state every 30 days, a purge after each
        for (int month = 0; month < 61; month++) {
            Instant now = start.plus(Duration.ofDays(30L * month));
            clock.set(now);
            db.contact(now, null);
            db.agentState(agent, now);
            PurgeRunView run = purge();
            assertEquals("DONE", run.status());
            Instant contactCutoff = now.minus(Duration.ofDays(365));
            assertEquals(0, db.count("SELECT count(*) FROM contact_record WHERE started_at < '" + contactCutoff + "'"));
            assertEquals(Math.min(month + 1, 13), db.count("SELECT count(*) FROM contact_record"), "month " + month);
            assertEquals(Math.min(month + 1, 4), db.count("SELECT count(*) FROM agent_state_history"), "month " + month);
        }
        assertEquals(0, db.count("SELECT count(*) FROM purge_run WHERE status <> 'DONE'"));
        // finished runs older than the audit trail's retention are forgotten
        assertTrue(db.count("SELECT count(*) FROM purge_run") < 61);
    }

    @Test
    void theStatusShowsTheNewestRuns() throws SQLException {
        assertTrue(runner.latest().isEmpty());
        PurgeRunView first = purge();
        PurgeRunView second = purge();
        assertEquals(second.id(), runner.latest().orElseThrow().id());
        assertEquals(java.util.List.of(second.id(), first.id()), runner.recent(10).stream().map(PurgeRunView::id).toList());
        assertEquals(6, second.categories().size());
        assertEquals(PurgeRunner.ORDER, second.categories().stream().map(PurgeProgressView::category).toList());
        assertNull(second.detail());
        assertNotNull(second.finishedAt());
    }
}
