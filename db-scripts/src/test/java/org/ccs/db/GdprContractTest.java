package org.ccs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of the GDPR procedures (V8__gdpr.sql, extended to open conversations by
 * V12__gdpr_media.sql), the same on PostgreSQL and Informix: run here
 * on a throw-away PostgreSQL database, and on any database given with -Dccs.contract.url (see
 * {@link ContractDatabase}). Each test starts from the data of {@link GdprSeed}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GdprContractTest {

    private ContractDatabase db;
    private GdprProcedures procedures;
    private GdprSeed seed;

    @BeforeAll
    void open() throws SQLException {
        db = ContractDatabase.open();
        procedures = new GdprProcedures(db.dialect());
    }

    @AfterAll
    void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void seed() throws SQLException {
        db.clean();
        try (Connection c = db.owner()) {
            GdprSeed.ensureSecret(c);
            seed = GdprSeed.seed(c);
        }
    }

    @Test
    void findReturnsEveryRowAboutTheSubjectWithWhatErasureDoes() throws SQLException {
        Map<String, String> found = new TreeMap<>();
        try (Connection c = db.gdpr()) {
            for (GdprProcedures.Hit h : procedures.find(c, GdprSeed.SUBJECT, "DSR-2025-0042")) {
                assertNull(found.put(h.key(), h.eraseAction()), "one row per database row: " + h.key());
            }
        }
        assertEquals(new TreeMap<>(seed.expected), found);
    }

    @Test
    void openConversationsAreFoundByTheirPartyByWhatTheCustomerWroteAndByTheirContact() throws SQLException {
        Map<String, String> matched = new TreeMap<>();
        try (Connection c = db.gdpr()) {
            for (GdprProcedures.Hit h : procedures.find(c, GdprSeed.SUBJECT, "DSR-2025-0042")) {
                matched.put(h.key(), h.matchedBy() + " " + h.eraseAction());
            }
        }
        assertEquals("caller ANONYMISE", matched.get("media_conversation#" + seed.harrietOpenChat), "her address as the party");
        assertEquals("caller ANONYMISE", matched.get("media_conversation#" + seed.harrietSms), "her number as the gateway wrote it");
        assertEquals("name ANONYMISE", matched.get("media_conversation#" + seed.harrietMessenger), "her name as the party's");
        assertEquals("text KEEP", matched.get("media_conversation#" + seed.anonymousOpenChat), "nobody identified: what she wrote");
        assertEquals("contact KEEP", matched.get("media_conversation#" + seed.harrietClosedChat), "the conversation of her chat");
        assertEquals("text BLANK", matched.get("conversation_message#" + seed.bobOpenChatMention), "Bob names her");
        assertNull(matched.get("media_conversation#" + seed.bobOpenChat), "Bob's conversation is his");
        assertNull(matched.get("media_conversation#" + seed.evanSms));
        assertEquals(8, matched.entrySet().stream().filter(e -> e.getKey().startsWith("conversation_message#")
                && e.getValue().equals("conversation DELETE")).count(), "the messages of her four open conversations");
        try (Connection c = db.gdpr()) {
            // the party's name finds her open chat (and, through her customer record's numbers, the SMS)
            Set<String> byName = procedures.findKeys(c, "name:harriet  QUENBY");
            assertTrue(byName.contains("media_conversation#" + seed.harrietOpenChat), byName::toString);
            assertTrue(byName.contains("media_conversation#" + seed.harrietSms), byName::toString);
            // and the number as written in the SMS, in any form
            assertTrue(procedures.findKeys(c, "phone:0044 20 7946 0123").contains("media_conversation#" + seed.harrietSms));
        }
    }

    @Test
    void findIsTheSameWhateverTheWrittenFormOfThePhoneNumber() throws SQLException {
        List<String> forms = List.of("+44 20 7946 0123", "0044 20 7946 0123", "020 7946 0123", "+44 (0)20 7946-0123",
                "(020) 7946 0123", "02079460123", "+442079460123", "442079460123", "0044-20-7946-0123");
        try (Connection c = db.gdpr()) {
            Set<String> reference = procedures.findKeys(c, "phone:" + forms.get(0));
            assertTrue(reference.containsAll(seed.harrietContacts.stream().map(id -> "contact_record#" + id).toList()),
                    "the phone number alone leads to every contact, through the 360-degree view too: " + reference);
            assertTrue(reference.contains("customer#" + seed.harrietCustomer));
            for (String form : forms) {
                assertEquals(reference, procedures.findKeys(c, "phone:" + form), "phone written as " + form);
            }
            // e-mail in any case, and several identifiers in one request give the union
            assertEquals(procedures.findKeys(c, "email:harriet.quenby@example.com"),
                    procedures.findKeys(c, "email:HARRIET.Quenby@EXAMPLE.com"));
            assertEquals(reference, procedures.findKeys(c, "customer_id:CUST-104729"), "customer id leads to the same person");
            assertEquals(reference, procedures.findKeys(c, "social:twitter:@HQuenby"), "social id leads to the same person");
        }
    }

    @Test
    void eraseLeavesNoTraceOfTheSubjectAndOthersUntouched() throws SQLException {
        DatabaseDump before;
        long[] statistics;
        try (Connection c = db.owner()) {
            before = DatabaseDump.of(c, db.isInformix());
            statistics = statistics(c);
        }
        assertFalse(before.occurrences(GdprSeed.NEEDLES).isEmpty(), "the seed holds the subject");

        List<GdprProcedures.Count> counts;
        try (Connection c = db.gdpr()) {
            counts = procedures.erase(c, GdprSeed.SUBJECT, "DSR-2025-0042", false);
        }
        assertEquals(expectedCounts(), countsOf(counts), "rows per table and action");

        DatabaseDump after;
        try (Connection c = db.owner()) {
            after = DatabaseDump.of(c, db.isInformix());
            assertEquals(List.of(), after.occurrences(GdprSeed.NEEDLES), "no identifier, name or phrase of the subject left");
            // statistics survive: the report views count and sum as before, without the person
            assertEquals(List.of(statistics[0], statistics[1], statistics[2]),
                    List.of(statistics(c)[0], statistics(c)[1], statistics(c)[2]));
            for (long contact : seed.harrietContacts) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT caller_id_raw, caller_id_norm,"
                        + " customer_id, correlator_data, talk_seconds FROM contact_record WHERE id = " + contact)) {
                    assertTrue(rs.next(), "contact record kept for statistics");
                    assertNull(rs.getString(1));
                    assertNull(rs.getString(2));
                    assertNull(rs.getString(3));
                    assertNull(rs.getString(4));
                }
            }
        }
        // the others are untouched: every row the subject has no part in is as it was
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> row : before.rows.entrySet()) {
            String key = row.getKey();
            String action = seed.expected.get(key);
            String now = after.rows.get(key);
            if (key.startsWith("gdpr_text_identifier#")) {
                continue;  // the index of identifiers inside text follows its messages
            }
            if (action == null || action.equals("KEEP")) {
                if (!row.getValue().equals(now)) {
                    changed.add(key + ": " + row.getValue() + " -> " + now);
                }
            } else if (action.equals("DELETE") == (now != null)) {
                changed.add(key + " (" + action + "): " + now);
            }
        }
        for (String key : after.rows.keySet()) {
            if (!before.rows.containsKey(key) && !key.startsWith("gdpr_request_log#")) {
                changed.add("new row " + key);
            }
        }
        assertEquals(List.of(), changed);
        // the rest of Bob's chat stays, his mention of her is blanked
        assertTrue(after.rows.get("transcript_message#" + seed.bobMentionMessage).contains("[erased]"));
        assertEquals(4, after.table("transcript_message").values().stream()
                .filter(r -> r.contains("contact_id=" + seed.bobChat + "|")).count());
        // her open conversations go on without her: no party, no messages; the state is the router's
        String chat = after.rows.get("media_conversation#" + seed.harrietOpenChat);
        assertTrue(chat.contains("party_raw=null|") && chat.contains("party_norm=null|") && chat.contains("party_name=null|")
                && chat.contains("state=ACTIVE"), chat);
        assertTrue(after.rows.get("media_conversation#" + seed.harrietSms).contains("party_raw=null|"));
        for (long conversation : List.of(seed.harrietOpenChat, seed.harrietSms, seed.harrietMessenger, seed.anonymousOpenChat)) {
            assertEquals(0, after.table("conversation_message").values().stream()
                    .filter(r -> r.contains("conversation_id=" + conversation + "|")).count(), "messages of " + conversation);
        }
        // Bob's open chat keeps its three messages, the one naming her blanked (customer sender with it)
        assertEquals(3, after.table("conversation_message").values().stream()
                .filter(r -> r.contains("conversation_id=" + seed.bobOpenChat + "|")).count());
        assertTrue(after.rows.get("conversation_message#" + seed.bobOpenChatMention).contains("message_text=[erased]|"));
        assertEquals(before.rows.get("media_conversation#" + seed.bobOpenChat), after.rows.get("media_conversation#" + seed.bobOpenChat));

        // a second erasure, and a search, find nothing any more
        try (Connection c = db.gdpr()) {
            assertEquals(List.of(), procedures.erase(c, GdprSeed.SUBJECT, "DSR-2025-0042", false));
            assertEquals(List.of(), procedures.find(c, GdprSeed.SUBJECT, null));
            assertEquals(List.of(), procedures.find(c, "phone:+44 20 7946 0199;customer_id:CUST-104729", null));
        }
    }

    @Test
    void dryRunCountsWhatEraseWouldDoAndChangesNothing() throws SQLException {
        DatabaseDump before;
        try (Connection c = db.owner()) {
            before = DatabaseDump.of(c, db.isInformix());
        }
        List<GdprProcedures.Count> counts;
        try (Connection c = db.gdpr()) {
            counts = procedures.erase(c, GdprSeed.SUBJECT, "DSR-2025-0042", true);
        }
        assertEquals(expectedCounts(), countsOf(counts));
        assertTrue(counts.stream().allMatch(n -> n.note().startsWith("dry run")), counts::toString);
        try (Connection c = db.owner()) {
            assertEquals(withoutLog(before), withoutLog(DatabaseDump.of(c, db.isInformix())), "a dry run changes nothing");
        }
    }

    @Test
    void subjectUnderLegalHoldIsRefusedWithAClearMessage() throws SQLException {
        DatabaseDump before;
        try (Connection c = db.owner()) {
            before = DatabaseDump.of(c, db.isInformix());
        }
        List<GdprProcedures.Count> counts;
        try (Connection c = db.gdpr()) {
            counts = procedures.erase(c, GdprSeed.CAROL_SUBJECT, "DSR-2025-0043", false);
        }
        assertEquals(1, counts.size(), counts::toString);
        GdprProcedures.Count refused = counts.get(0);
        assertEquals("legal_hold", refused.table());
        assertEquals("REFUSED", refused.action());
        assertTrue(refused.note().contains("legal hold") && refused.note().contains(GdprSeed.CAROL_MATTER), refused.note());
        try (Connection c = db.owner()) {
            assertEquals(withoutLog(before), withoutLog(DatabaseDump.of(c, db.isInformix())), "nothing erased");
            List<String> log = logRows(c);
            assertTrue(log.stream().anyMatch(r -> r.contains("ccs_gdpr_erase") && r.contains("REFUSED")), log::toString);
        }
    }

    @Test
    void everyRunIsLoggedWithTheSubjectOnlyAsKeyedHash() throws Exception {
        try (Connection c = db.gdpr()) {
            procedures.find(c, GdprSeed.SUBJECT, "DSR-2025-0042");
            procedures.export(c, GdprSeed.SUBJECT, "DSR-2025-0042");
            procedures.erase(c, GdprSeed.SUBJECT, "DSR-2025-0042", true);
            procedures.erase(c, GdprSeed.SUBJECT, "DSR-2025-0042", false);
            procedures.find(c, "name:Zoë  ÅLUND", "DSR-2025-0044");
        }
        // non-ASCII letters are hashed as '?', the same on both databases
        try (Connection c = db.owner(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT subject_hash, rows_found FROM gdpr_request_log WHERE request_ref = 'DSR-2025-0044'")) {
            assertTrue(rs.next());
            assertEquals(hmac(GdprSeed.SECRET_HEX, "NAME:zoë ålund"), rs.getString(1).strip());
            assertEquals(hmac(GdprSeed.SECRET_HEX, "NAME:zo? ?lund"), rs.getString(1).strip());
            assertEquals(0, rs.getInt(2));
            assertFalse(rs.next());
        }
        // named and linked identifiers, each as HMAC-SHA-256('TYPE:normalised') under the site secret
        Set<String> hashes = new TreeSet<>();
        for (String id : List.of("PHONE:+442079460123", "EMAIL:harriet.quenby@example.com", "NAME:harriet quenby",
                "PHONE:+442079460199", "CUSTOMER_ID:CUST-104729", "SOCIAL:twitter:@hquenby")) {
            hashes.add(hmac(GdprSeed.SECRET_HEX, id));
        }
        try (Connection c = db.owner()) {
            Map<String, Set<String>> byProcedure = new TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT procedure_name, subject_hash, db_user, request_ref, rows_found, rows_erased, counts_detail"
                            + " FROM gdpr_request_log WHERE request_ref = 'DSR-2025-0042'")) {
                while (rs.next()) {
                    byProcedure.computeIfAbsent(rs.getString(1).strip(), k -> new TreeSet<>()).add(rs.getString(2).strip());
                    assertEquals("DSR-2025-0042", rs.getString(4).strip());
                    assertEquals(seed.expected.size(), rs.getInt(5), "rows found");
                    String procedure = rs.getString(1).strip();
                    assertEquals(procedure.equals("ccs_gdpr_erase") ? seed.expected.size() - keepCount() : 0, rs.getInt(6),
                            procedure + ": rows erased");
                    assertTrue(rs.getString(7).contains("contact_record=" + seed.harrietContacts.size()), rs.getString(7));
                }
            }
            assertEquals(Set.of("ccs_gdpr_find", "ccs_gdpr_export", "ccs_gdpr_erase_dry_run", "ccs_gdpr_erase"),
                    byProcedure.keySet());
            byProcedure.forEach((procedure, logged) -> assertEquals(hashes, logged, procedure));
            List<String> log = logRows(c);
            List<String> leaks = new ArrayList<>();
            for (String row : log) {
                for (String needle : GdprSeed.NEEDLES) {
                    if (row.toLowerCase().contains(needle.toLowerCase())) {
                        leaks.add(row + " holds " + needle);
                    }
                }
            }
            assertEquals(List.of(), leaks, "the log holds no identifier");
        }
    }

    @Test
    void repeatedRequestIsMatchedThroughTheLogAlone() throws SQLException {
        try (Connection c = db.gdpr()) {
            procedures.find(c, GdprSeed.SUBJECT, "DSR-2025-0042");
            procedures.erase(c, GdprSeed.SUBJECT, "DSR-2025-0042", false);
            // months later: a request by her customer id only, which the database no longer holds
            List<GdprProcedures.Run> runs = procedures.history(c, "customer_id:CUST-104729");
            assertEquals(List.of("ccs_gdpr_find", "ccs_gdpr_erase"), runs.stream().map(GdprProcedures.Run::procedure).toList());
            assertTrue(runs.stream().allMatch(r -> "DSR-2025-0042".equals(r.requestRef()) && r.matchedBy().equals("customer_id")),
                    runs::toString);
            assertEquals(seed.expected.size(), runs.get(1).rowsFound());
            assertEquals(List.of(), procedures.find(c, "customer_id:CUST-104729", null), "nothing of hers is left");
            assertEquals(List.of(), procedures.history(c, "email:bob.marsh@example.com"), "nobody asked about Bob");
            List<GdprProcedures.Run> byTwo = procedures.history(c, "email:harriet.quenby@example.com;phone:020 7946 0199");
            // the find by customer id after the erasure logged that identifier alone: only the two runs match
            assertEquals(2, byTwo.size(), byTwo::toString);
            assertTrue(byTwo.stream().allMatch(r -> r.matchedBy().equals("email,phone")), byTwo::toString);
            assertEquals(3, procedures.history(c, "customer_id:CUST-104729").size(), "and the find by customer id itself");
        }
        // the site replaces its secret: the log keeps matching under the retired one
        try (Connection c = db.owner(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE gdpr_site_secret SET active = 'f'");
            s.executeUpdate("INSERT INTO gdpr_site_secret (secret_hex, active, created_at) VALUES ("
                    + "'aa00bb11cc22dd33ee44ff5566778899aa00bb11cc22dd33ee44ff5566778899', 't', CURRENT)".replace("CURRENT",
                    db.isInformix() ? "CURRENT YEAR TO FRACTION(3)" : "now()"));
        }
        try (Connection c = db.gdpr()) {
            assertEquals(3, procedures.history(c, "customer_id:CUST-104729").size(), "old hashes still match");
        } finally {
            try (Connection c = db.owner(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM gdpr_site_secret WHERE secret_hex <> '" + GdprSeed.SECRET_HEX + "'");
                s.executeUpdate("UPDATE gdpr_site_secret SET active = 't'");
            }
        }
    }

    @Test
    void exportGivesEveryRowAsJson() throws SQLException {
        List<GdprProcedures.Document> docs;
        try (Connection c = db.gdpr()) {
            docs = procedures.export(c, GdprSeed.SUBJECT, null);
        }
        Set<String> expected = seed.expected.keySet().stream().filter(k -> !k.startsWith("legal_hold#"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> exported = new TreeSet<>();
        Map<String, Map<String, Object>> byKey = new TreeMap<>();
        int seq = 0;
        for (GdprProcedures.Document d : docs) {
            assertEquals(++seq, d.seq(), "documents numbered 1..n in order");
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) MiniJson.parse(d.json());
            assertEquals(d.table(), json.get("table"), d.json());
            assertEquals(d.rowId(), ((Number) json.get("id")).longValue(), d.json());
            exported.add(d.table() + "#" + d.rowId());
            byKey.put(d.table() + "#" + d.rowId(), json);
        }
        assertEquals(expected, exported);
        List<Object> texts = byKey.values().stream().map(j -> j.get("message_text")).toList();
        assertTrue(texts.contains("Hello, my parcel with the blue ribbon never arrived"), texts::toString);
        assertTrue(byKey.values().stream().anyMatch(j -> "Harriet.Quenby@Example.com".equals(j.get("raw_value"))));
        Map<String, Object> call = byKey.get("contact_record#" + seed.harrietContacts.get(0));
        assertEquals("2025-03-03T10:00:00.000Z", call.get("started_at"), "timestamps in UTC, ISO 8601");
        assertEquals("+44 20 7946 0123", call.get("caller_id_raw"));
        assertEquals(170L, call.get("talk_seconds"));
        assertTrue(byKey.values().stream().anyMatch(j -> Boolean.TRUE.equals(j.get("encrypted"))), "IVR digits: masked");
        assertFalse(docs.stream().anyMatch(d -> d.json().contains("U2FsdGVkX19hcnJpZXQ0ODIx")), "no ciphertext exported");
        // open conversations: who she is there, what she wrote; the conversation of her stored chat
        Map<String, Object> sms = byKey.get("media_conversation#" + seed.harrietSms);
        assertEquals("020 7946 0123", sms.get("party_raw"));
        assertEquals("OPEN_MEDIA", sms.get("channel"));
        assertEquals("SMS", sms.get("sub_channel"));
        assertFalse(sms.containsKey("access_hash"), "not the hash of a chat token");
        assertTrue(texts.contains("Hello again, my green umbrella from order 6620 has not come"), texts::toString);
        assertEquals("Harriet Quenby", byKey.get("media_conversation#" + seed.harrietOpenChat).get("party_name"));
        assertEquals("3f1e9c2a-0000-4000-8000-000000000001",
                byKey.get("media_conversation#" + seed.harrietClosedChat).get("conversation_ref"));
        assertTrue(byKey.values().stream().anyMatch(j -> "3f1e9c2a-0000-4000-8000-000000000001".equals(j.get("conversation_ref"))
                && "contact_record".equals(j.get("table"))), "the contact record names its conversation");
        Map<String, Object> message = byKey.get("conversation_message#" + seed.bobOpenChatMention);
        assertEquals(seed.bobOpenChat, ((Number) message.get("conversation_id")).longValue());
        assertEquals("2025-03-12T09:01:30.000Z", message.get("sent_at"));
    }

    @Test
    void aTranscriptHoldCoversTheMessagesOfOpenConversations() throws SQLException {
        List<GdprProcedures.Count> dry;
        try (Connection c = db.gdpr()) {
            dry = procedures.erase(c, GdprSeed.EVAN_SUBJECT, "DSR-2025-0045", true);
        }
        assertEquals(Map.of("conversation_message DELETE", 1, "media_conversation ANONYMISE", 1), countsOf(dry));
        // a hold on every transcript (a category hold, no customer or contact named): his chat messages
        // will be a transcript, so erasure is refused and nothing changes
        try (Connection c = db.owner(); PreparedStatement ps = c.prepareStatement("INSERT INTO legal_hold (matter_ref,"
                + " category, placed_by, placed_at) VALUES ('LH-2025-031', 'TRANSCRIPT', 'manager', ?)")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse("2025-03-12T12:00:00Z")));
            ps.executeUpdate();
        }
        DatabaseDump before;
        try (Connection c = db.owner()) {
            before = DatabaseDump.of(c, db.isInformix());
        }
        List<GdprProcedures.Count> counts;
        try (Connection c = db.gdpr()) {
            counts = procedures.erase(c, GdprSeed.EVAN_SUBJECT, "DSR-2025-0045", false);
        }
        assertEquals(1, counts.size(), counts::toString);
        assertEquals("REFUSED", counts.get(0).action());
        assertTrue(counts.get(0).note().contains("LH-2025-031"), counts.get(0).note());
        try (Connection c = db.owner()) {
            assertEquals(withoutLog(before), withoutLog(DatabaseDump.of(c, db.isInformix())), "nothing erased");
        }
    }

    @Test
    void applicationRoleCannotRunTheProcedures() throws SQLException {
        assumeTrue(db.hasAppUser(), "no ccs_app login given (-Dccs.contract.app.user)");
        DatabaseDump before;
        try (Connection c = db.owner()) {
            before = DatabaseDump.of(c, db.isInformix());
        }
        try (Connection c = db.app()) {
            assertThrows(SQLException.class, () -> procedures.erase(c, GdprSeed.SUBJECT, null, false));
            assertThrows(SQLException.class, () -> procedures.erase(c, GdprSeed.SUBJECT, null, true));
            assertThrows(SQLException.class, () -> procedures.find(c, GdprSeed.SUBJECT, null));
            assertThrows(SQLException.class, () -> procedures.export(c, GdprSeed.SUBJECT, null));
            assertThrows(SQLException.class, () -> procedures.eraseAgent(c, GdprSeed.AGENT_ERASED, null, false));
        }
        try (Connection c = db.owner()) {
            assertEquals(before.rows, DatabaseDump.of(c, db.isInformix()).rows);
        }
    }

    @Test
    void identifiersWrittenByTheApplicationAreIndexedForTextSearch() throws SQLException {
        try (Connection c = db.hasAppUser() ? db.app() : db.owner();
             PreparedStatement ps = c.prepareStatement("INSERT INTO transcript_message (contact_id, seq, sender_type,"
                     + " sender_id, sent_at, message_text) VALUES (?, 9, 'CUSTOMER', 'bob.marsh@example.com', ?, ?)")) {
            ps.setLong(1, seed.bobChat);
            ps.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.parse("2025-03-09T10:00:00Z")));
            ps.setString(3, "Also my wife: 0044 20 7946 0555 or Mrs.Marsh@Example.com");
            ps.executeUpdate();
        }
        try (Connection c = db.gdpr()) {
            Set<String> byPhone = procedures.findKeys(c, "phone:+44 20 7946 0555");
            Set<String> byMail = procedures.findKeys(c, "email:mrs.marsh@example.com");
            assertEquals(1, byPhone.size(), byPhone::toString);
            assertEquals(byPhone, byMail);
            assertTrue(byPhone.iterator().next().startsWith("transcript_message#"));
        }
    }

    @Test
    void identifiersWrittenInOpenConversationsAreIndexedForTextSearch() throws SQLException {
        try (Connection c = db.hasAppUser() ? db.app() : db.owner();
             PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_message (conversation_id, seq, sender_type,"
                     + " sender_id, sent_at, message_text) VALUES (?, 4, 'CUSTOMER', NULL, ?, ?)")) {
            ps.setLong(1, seed.bobOpenChat);
            ps.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.parse("2025-03-12T10:00:00Z")));
            ps.setString(3, "And my wife: 0044 20 7946 0555 or Mrs.Marsh@Example.com");
            ps.executeUpdate();
        }
        try (Connection c = db.gdpr()) {
            Set<String> byPhone = procedures.findKeys(c, "phone:+44 20 7946 0555");
            assertEquals(byPhone, procedures.findKeys(c, "email:mrs.marsh@example.com"));
            assertEquals(1, byPhone.size(), byPhone::toString);
            assertTrue(byPhone.iterator().next().startsWith("conversation_message#"), byPhone::toString);
        }
        // when the chat ends the application deletes the working copy: its index entries go with it
        try (Connection c = db.hasAppUser() ? db.app() : db.owner(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM conversation_message WHERE conversation_id = " + seed.bobOpenChat);
        }
        try (Connection c = db.owner()) {
            assertEquals(0, count(c, "SELECT COUNT(*) FROM gdpr_text_identifier WHERE conversation_message_id IS NOT NULL"
                    + " AND normalised_value = '+442079460555'"));
        }
    }

    @Test
    void employeeErasureDeletesTheUserAndKeepsThePseudonym() throws SQLException {
        long contactsOfAgent;
        long historyOfAgent;
        try (Connection c = db.owner()) {
            contactsOfAgent = count(c, "SELECT COUNT(*) FROM contact_record WHERE agent_id = " + seed.agentErasedId);
            historyOfAgent = count(c, "SELECT COUNT(*) FROM agent_state_history WHERE agent_id = " + seed.agentErasedId);
        }
        List<GdprProcedures.Count> counts;
        try (Connection c = db.gdpr()) {
            Set<String> found = procedures.findKeys(c, "agent:" + GdprSeed.AGENT_ERASED);
            assertTrue(found.contains("agent#" + seed.agentErasedId) && found.stream().anyMatch(k -> k.startsWith("app_user#")),
                    found::toString);
            counts = procedures.eraseAgent(c, GdprSeed.AGENT_ERASED, "HR-2025-7", false);
        }
        Map<String, Integer> byTable = countsOf(counts);
        assertEquals(1, byTable.get("agent ANONYMISE"));
        assertEquals(1, byTable.get("app_user DELETE"));
        assertEquals(2, byTable.get("agent_state_history KEEP"));
        assertEquals(2, byTable.get("transcript_message BLANK"), "her messages in Bob's chat now carry the pseudonym");
        assertEquals(1, byTable.get("consent_record BLANK"));
        assertEquals(1, byTable.get("conversation_message BLANK"), "her message in Bob's open chat too");
        assertEquals(1, byTable.get("agent_media_skill DELETE"));
        try (Connection c = db.owner()) {
            assertEquals(contactsOfAgent, count(c, "SELECT COUNT(*) FROM contact_record WHERE agent_id = " + seed.agentErasedId),
                    "reports still add up: the contacts keep the agent");
            assertEquals(historyOfAgent, count(c, "SELECT COUNT(*) FROM agent_state_history WHERE agent_id = "
                    + seed.agentErasedId));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT login_name, first_name, last_name, extension, pseudonym FROM agent WHERE id = " + seed.agentErasedId)) {
                assertTrue(rs.next());
                assertEquals(GdprSeed.pseudonym(GdprSeed.AGENT_ERASED), rs.getString(1).strip());
                assertNull(rs.getString(2));
                assertNull(rs.getString(3));
                assertNull(rs.getString(4));
                assertEquals(GdprSeed.pseudonym(GdprSeed.AGENT_ERASED), rs.getString(5).strip());
            }
            assertEquals(0, count(c, "SELECT COUNT(*) FROM app_user WHERE username = '" + GdprSeed.AGENT_ERASED + "'"));
            assertEquals(0, count(c, "SELECT COUNT(*) FROM agent_media_skill WHERE agent_id = " + seed.agentErasedId));
            assertEquals(2, count(c, "SELECT COUNT(*) FROM agent_media_skill"), "the other agent's skills stay");
            assertEquals(1, count(c, "SELECT COUNT(*) FROM conversation_message WHERE conversation_id = " + seed.bobOpenChat
                    + " AND sender_id = '" + GdprSeed.pseudonym(GdprSeed.AGENT_ERASED) + "'"));
            List<String> left = DatabaseDump.of(c, db.isInformix()).occurrences(List.of("Priya", "Nair", GdprSeed.AGENT_ERASED));
            assertEquals(List.of(), left.stream().filter(o -> !o.startsWith("gdpr_request_log#")).toList());
        }
    }

    @Test
    void badRequestsAreRefusedWithoutEchoingTheIdentifier() throws SQLException {
        try (Connection c = db.gdpr()) {
            SQLException e = assertThrows(SQLException.class, () -> procedures.erase(c, "name:Harriet Quenby", null, false));
            assertTrue(e.getMessage().contains("name alone"), e.getMessage());
            e = assertThrows(SQLException.class, () -> procedures.find(c, "fax:020 7946 0123", null));
            assertTrue(e.getMessage().contains("unknown type") && !e.getMessage().contains("7946"), e.getMessage());
            e = assertThrows(SQLException.class, () -> procedures.find(c, "phone:12", null));
            assertFalse(e.getMessage().contains("12"), e.getMessage());
            e = assertThrows(SQLException.class, () -> procedures.find(c, GdprSeed.SUBJECT, "harriet.quenby@example.com"));
            assertTrue(e.getMessage().contains("request_ref"), e.getMessage());
        }
    }

    @Test
    void contactDataStaysImmutableOutsideTheProcedures() throws SQLException {
        try (Connection c = db.owner(); Statement s = c.createStatement()) {
            long id = seed.harrietContacts.get(0);
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE contact_record SET caller_id_norm = NULL WHERE id = " + id));
            assertTrue(e.getMessage().contains("immutable"), e.getMessage());
        }
    }

    private Map<String, Integer> expectedCounts() {
        Map<String, Integer> out = new TreeMap<>();
        seed.expected.forEach((key, action) -> out.merge(key.substring(0, key.indexOf('#')) + " " + action, 1, Integer::sum));
        return out;
    }

    private static Map<String, Integer> countsOf(List<GdprProcedures.Count> counts) {
        Map<String, Integer> out = new TreeMap<>();
        for (GdprProcedures.Count n : counts) {
            assertNull(out.put(n.table() + " " + n.action(), n.rows()), "one row per table and action");
        }
        return out;
    }

    private long keepCount() {
        return seed.expected.values().stream().filter(a -> a.equals("KEEP")).count();
    }

    private static Map<String, String> withoutLog(DatabaseDump dump) {
        Map<String, String> out = new TreeMap<>(dump.rows);
        out.keySet().removeIf(k -> k.startsWith("gdpr_request_log#"));
        return out;
    }

    private static List<String> logRows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM gdpr_request_log")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    /** contacts and sum of talk time in report_contact, legs in report_contact_leg */
    private static long[] statistics(Connection c) throws SQLException {
        return new long[] {count(c, "SELECT COUNT(*) FROM report_contact"), count(c, "SELECT SUM(talk_seconds) FROM report_contact"),
                count(c, "SELECT COUNT(*) FROM report_contact_leg")};
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    /** HMAC-SHA-256 as the procedures compute it: characters outside printable ASCII count as '?'. */
    static String hmac(String keyHex, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(keyHex), "HmacSHA256"));
        String canonical = message.codePoints().mapToObj(c -> c >= 32 && c <= 126 ? Character.toString(c) : "?")
                .collect(Collectors.joining());
        return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void hashHelperMatchesRfc4231() throws GeneralSecurityException {
        assertNotNull(hmac("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There"));
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                hmac("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There"));
    }
}
