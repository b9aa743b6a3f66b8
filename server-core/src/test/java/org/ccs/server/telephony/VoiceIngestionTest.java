package org.ccs.server.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ccs.csta.CompletedCall;
import org.ccs.csta.Direction;
import org.ccs.csta.Leg;
import org.ccs.csta.LegType;
import org.ccs.csta.Outcome;
import org.ccs.csta.Presentation;
import org.ccs.csta.Resync;
import org.ccs.server.contact.ContactDataProtection;
import org.ccs.server.contact.ContactIngestion;
import org.ccs.server.contact.TestIngestion;
import org.ccs.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Calls stored the way the PBX link stores them under load: many per transaction, on real PostgreSQL. */
class VoiceIngestionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static TestDatabase db;

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabase.create("voice");
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
    }

    private static CompletedCall call(int n, String digits, Resync resync) {
        Instant s = T0.plusSeconds(n);
        return new CompletedCall("csta:C" + n + ":" + s.toEpochMilli(), "+44 20 7946 0" + (100 + n % 900),
                "+4420794601" + String.format("%02d", n % 100), Presentation.AVAILABLE, "4000", s, s.plusSeconds(4),
                s.plusSeconds(60), 2, 2, 56, 0, Outcome.ANSWERED, "2001",
                List.of(new Leg(LegType.QUEUE, "4000", s, s.plusSeconds(2)),
                        new Leg(LegType.RING, "2001", s.plusSeconds(2), s.plusSeconds(4)),
                        new Leg(LegType.TALK, "2001", s.plusSeconds(4), s.plusSeconds(60))),
                null, Direction.INBOUND, List.of("2001"), List.of(), List.of(), null, digits, resync);
    }

    private static List<ContactIngestion.Intake> intakes(List<CompletedCall> calls, ContactDataProtection p) {
        return calls.stream().map(c -> CallRecords.toIntake(c, ext -> null, p, false, T0)).toList();
    }

    @Test
    void aBatchStoresEveryNewCallOnceWithItsLegsAndMaskedDigits() throws Exception {
        List<CompletedCall> calls = new ArrayList<>();
        for (int n = 1; n <= 300; n++) {
            calls.add(call(n, n % 3 == 0 ? "98765" + n : null, n == 7 ? Resync.CLOSED_BY_RESYNC : Resync.NONE));
        }
        calls.add(calls.get(10)); // replayed inside the same batch
        byte[] key = new byte[32];
        key[5] = 9;
        ContactDataProtection protection = ContactDataProtection.withKey(key, "test-key");

        List<Boolean> first = db.inTransaction(em -> TestIngestion.over(em).ingestAll(intakes(calls, protection)));
        assertEquals(300, first.stream().filter(b -> b).count());
        assertFalse(first.get(300), "the replay inside the batch is not stored twice");

        List<Boolean> again = db.inTransaction(em -> TestIngestion.over(em).ingestAll(intakes(calls.subList(0, 50),
                protection)));
        assertTrue(again.stream().noneMatch(b -> b), "a replayed batch stores nothing");

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertEquals(300, count(s, "select count(*) from contact_record"));
            assertEquals(900, count(s, "select count(*) from contact_leg"));
            assertEquals(100, count(s, "select count(*) from contact_data where data_key = 'ivr_digits'"));
            assertEquals(0, count(s, "select count(*) from contact_data where masked_value like '98765%'"
                    + " or encrypted_value like '%98765%'"), "the digits are never stored in clear");
            assertEquals(100, count(s, "select count(*) from contact_data where key_id = 'test-key'"));
            assertEquals(1, count(s, "select count(*) from contact_record where resync = 'CLOSED_BY_RESYNC'"));
            assertEquals(299, count(s, "select count(*) from contact_record where resync = 'NONE'"));
            // ids came in blocks from the sequences (V11); a row inserted by hand does not collide with them
            s.executeUpdate("insert into contact_record (channel, direction, source_ref, caller_presentation, started_at,"
                    + " ended_at, queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, created_at) values"
                    + " ('VOICE', 'INBOUND', 'by-hand', 'NOT_KNOWN', now(), now(), 0, 0, 0, 0, 'ANSWERED', now())");
        }
        List<Boolean> later = db.inTransaction(em -> TestIngestion.over(em).ingestAll(intakes(
                List.of(call(1001, null, Resync.NONE), call(1002, null, Resync.NONE)), protection)));
        assertEquals(List.of(true, true), later);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertEquals(302 + 1, count(s, "select count(distinct id) from contact_record"));
        }
    }

    private static int count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
