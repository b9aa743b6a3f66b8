package org.ccs.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.ccs.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chat and open media on the test PostgreSQL: access keys, the chat token, limits, messages stored as
 * they come and pushed, routing to the agent, and the contact record with its transcript at the end.
 */
class TextChannelsTest {

    private static TestDatabase db;
    private static MediaFixture fx;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create("ccs_text");
        fx = new MediaFixture(db, Clock.systemUTC(), new TextChannels.Limits(100, 1000, 1000, 1000));
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    private TextChannels.ChatSession start(String email, String first) {
        return fx.channels.startChat(new TextChannels.ChatStart(MediaFixture.ENTRY_POINT, fx.chatKey, "Jane", email, first),
                "https://www.example.com", "192.0.2.10");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aChatNeedsTheEntryPointsKeyAndItsSiteAndTheCustomersToken() {
        MediaException wrong = assertThrows(MediaException.class, () -> fx.channels.startChat(
                new TextChannels.ChatStart(MediaFixture.ENTRY_POINT, "not-the-key", null, null, null), null, "192.0.2.11"));
        assertEquals(MediaException.Reason.UNAUTHORIZED, wrong.reason());
        MediaException unknown = assertThrows(MediaException.class, () -> fx.channels.startChat(
                new TextChannels.ChatStart("no-such-entry", fx.chatKey, null, null, null), null, "192.0.2.11"));
        assertEquals(wrong.getMessage(), unknown.getMessage(), "the same answer: nothing tells which part was wrong");
        MediaException site = assertThrows(MediaException.class, () -> fx.channels.startChat(
                new TextChannels.ChatStart(MediaFixture.ENTRY_POINT, fx.chatKey, null, null, null), "https://evil.example.net",
                "192.0.2.11"));
        assertEquals(MediaException.Reason.FORBIDDEN, site.reason());

        TextChannels.ChatSession chat = start(null, null);
        MediaException badToken = assertThrows(MediaException.class, () -> fx.channels.customerSays(chat.chatId(), "x", "hi"));
        assertEquals(MediaException.Reason.NOT_FOUND, badToken.reason());
        fx.channels.customerEnds(chat.chatId(), chat.token());
    }

    @Test
    void theKeyIsStoredOnlyAsAHash() throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "select key_hash from chat_entry_point where entry_key = ?")) {
            ps.setString(1, MediaFixture.ENTRY_POINT);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("PBKDF2WithHmacSHA512:"), "a PBKDF2 hash like the passwords");
                assertFalse(rs.getString(1).contains(fx.chatKey));
            }
        }
        assertEquals(0, count("select count(*) from media_conversation where access_hash is not null and length(access_hash) <> 64"),
                "chat tokens are kept as SHA-256 only");
    }

    @Test
    void messagesAreBoundedAndRateLimited() {
        TextChannels.ChatSession chat = start(null, null);
        MediaException tooLong = assertThrows(MediaException.class,
                () -> fx.channels.customerSays(chat.chatId(), chat.token(), "x".repeat(101)));
        assertEquals(MediaException.Reason.TOO_LARGE, tooLong.reason());
        assertEquals(MediaException.Reason.INVALID, assertThrows(MediaException.class,
                () -> fx.channels.customerSays(chat.chatId(), chat.token(), "  ")).reason());

        TextChannels strict = new TextChannels(fx.tx, WorkQueue.NONE, new ConversationHub(), new AccessKeys(), Clock.systemUTC(),
                new TextChannels.Limits(100, 2, 1, 1));
        TextChannels.ChatSession s = strict.startChat(new TextChannels.ChatStart(MediaFixture.ENTRY_POINT, fx.chatKey, null, null,
                null), null, "192.0.2.20");
        strict.startChat(new TextChannels.ChatStart(MediaFixture.ENTRY_POINT, fx.chatKey, null, null, null), null, "192.0.2.20");
        assertEquals(MediaException.Reason.RATE_LIMITED, assertThrows(MediaException.class, () -> strict.startChat(
                new TextChannels.ChatStart(MediaFixture.ENTRY_POINT, fx.chatKey, null, null, null), null, "192.0.2.20")).reason(),
                "a third chat from the same address within the minute");
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            try {
                strict.customerSays(s.chatId(), s.token(), "message " + i);
                accepted++;
            } catch (MediaException e) {
                assertEquals(MediaException.Reason.RATE_LIMITED, e.reason());
            }
        }
        assertTrue(accepted >= 10 && accepted < 20, "a burst passes, a flood does not: " + accepted);
        fx.channels.customerEnds(chat.chatId(), chat.token());
    }

    @Test
    void aChatIsRoutedHandledAndRecordedWithItsTranscript() throws Exception {
        fx.agentAvailable();
        TextChannels.ChatSession chat = start("Jane.Doe@Example.com", "Hello, is my order 1003 shipped?");
        assertEquals(fx.agentId, fx.router.agentOf(chat.chatId()).orElseThrow(), "offered to the available agent");
        assertEquals(1, count("select count(*) from media_conversation where conversation_ref = '" + chat.chatId()
                + "' and state = 'OFFERED'"));
        fx.accept(chat.chatId());

        List<MessageView> pushed = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        AutoCloseable following = fx.channels.followChat(chat.chatId(), chat.token(), new ConversationListener() {
            @Override public void message(MessageView m) { pushed.add(m); }
            @Override public void ended() { ends.add("ended"); }
        });
        fx.channels.agentSays(chat.chatId(), fx.agentId, "sam", "Yes, it left our warehouse today.");
        fx.channels.customerSays(chat.chatId(), chat.token(), "Thank you!");
        assertEquals(List.of("Yes, it left our warehouse today.", "Thank you!"), pushed.stream().map(MessageView::text).toList());
        assertEquals(3, count("select count(*) from conversation_message m join media_conversation c on c.id = m.conversation_id "
                + "where c.conversation_ref = '" + chat.chatId() + "'"), "stored one by one as they came");
        assertEquals(List.of(2, 3), fx.channels.chatMessages(chat.chatId(), chat.token(), 1).stream().map(MessageView::seq).toList());

        fx.channels.customerEnds(chat.chatId(), chat.token());
        following.close();
        assertEquals(List.of("ended"), ends);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("select r.id, r.channel, r.outcome, "
                + "r.caller_id_norm, r.agent_id, r.designated_number, r.answered_at from contact_record r where r.conversation_ref = ?")) {
            ps.setString(1, chat.chatId());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the contact record is written when the chat ends");
                assertEquals("CHAT", rs.getString("channel"));
                assertEquals("HANDLED", rs.getString("outcome"));
                assertEquals("jane.doe@example.com", rs.getString("caller_id_norm"));
                assertEquals(fx.agentId, rs.getLong("agent_id"));
                assertEquals(MediaFixture.ENTRY_POINT, rs.getString("designated_number"));
                long id = rs.getLong("id");
                try (PreparedStatement t = c.prepareStatement("select seq, sender_type, sender_id, sent_at, message_text "
                        + "from transcript_message where contact_id = ? order by seq")) {
                    t.setLong(1, id);
                    try (ResultSet m = t.executeQuery()) {
                        List<String> lines = new ArrayList<>();
                        while (m.next()) {
                            assertTrue(m.getTimestamp("sent_at") != null);
                            lines.add(m.getInt("seq") + " " + m.getString("sender_type") + " " + m.getString("message_text"));
                        }
                        assertEquals(List.of("1 CUSTOMER Hello, is my order 1003 shipped?",
                                "2 AGENT Yes, it left our warehouse today.", "3 CUSTOMER Thank you!"), lines);
                    }
                }
            }
        }
        assertEquals(0, count("select count(*) from conversation_message m join media_conversation c on c.id = m.conversation_id "
                + "where c.conversation_ref = '" + chat.chatId() + "'"), "the working copy is gone");
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select state, party_raw, party_norm from media_conversation where conversation_ref = '" + chat.chatId() + "'")) {
            assertTrue(rs.next());
            assertEquals("CLOSED", rs.getString(1));
            assertNull(rs.getString(2), "no personal data left in the working table");
            assertNull(rs.getString(3));
        }
        assertEquals(3, fx.channels.chatMessages(chat.chatId(), chat.token(), 0).size(), "the transcript stays readable");
        assertEquals(MediaException.Reason.CONFLICT, assertThrows(MediaException.class,
                () -> fx.channels.customerSays(chat.chatId(), chat.token(), "again")).reason());
        assertTrue(fx.router.close(fx.agentId, chat.chatId()) || fx.router.workOf(fx.agentId).isEmpty());
        fx.router.agentUnavailable(fx.agentId);
    }

    @Test
    void aChatLeftBeforeAnAgentTookItIsRecordedAsAbandoned() throws Exception {
        TextChannels.ChatSession chat = start(null, "Anyone there?");
        fx.channels.customerEnds(chat.chatId(), chat.token());
        assertEquals(1, count("select count(*) from contact_record where conversation_ref = '" + chat.chatId()
                + "' and outcome = 'ABANDONED_QUEUE' and agent_id is null and caller_presentation = 'NOT_KNOWN'"));
        assertTrue(fx.router.agentOf(chat.chatId()).isEmpty() && !fx.router.isWaiting(chat.chatId()), "out of the queue");
    }

    @Test
    void openMediaCollectsASendersMessagesInOneConversation() throws Exception {
        TextChannels.OpenMessage first = new TextChannels.OpenMessage("sms", "+44 20 7946 0123", null, "Is my parcel late?");
        assertEquals(MediaException.Reason.UNAUTHORIZED, assertThrows(MediaException.class,
                () -> fx.channels.post(MediaFixture.CONNECTOR, "wrong", first)).reason());
        TextChannels.OpenAccepted a = fx.channels.post(MediaFixture.CONNECTOR, fx.connectorKey, first);
        assertTrue(a.newConversation());
        TextChannels.OpenAccepted b = fx.channels.post(MediaFixture.CONNECTOR, fx.connectorKey,
                new TextChannels.OpenMessage("SMS", "+442079460123", null, "Order 1004"));
        assertEquals(a.conversationId(), b.conversationId(), "the same sender, written differently, the same conversation");
        assertEquals(2, b.seq());
        TextChannels.OpenAccepted other = fx.channels.post(MediaFixture.CONNECTOR, fx.connectorKey,
                new TextChannels.OpenMessage("SMS", "+44 20 7946 0999", null, "Hello"));
        assertFalse(other.conversationId().equals(a.conversationId()));

        fx.agentAvailable();
        fx.accept(a.conversationId());
        fx.channels.agentSays(a.conversationId(), fx.agentId, "sam", "It arrives tomorrow.");
        List<MessageView> forConnector = fx.channels.openMessages(MediaFixture.CONNECTOR, fx.connectorKey, a.conversationId(), 2);
        assertEquals(1, forConnector.size());
        assertEquals("AGENT", forConnector.get(0).from());
        fx.channels.agentEnds(a.conversationId(), fx.agentId);
        assertEquals(1, count("select count(*) from contact_record where conversation_ref = '" + a.conversationId()
                + "' and channel = 'OPEN_MEDIA' and caller_id_norm = '+442079460123' and designated_number = 'SMS'"));
        assertEquals(3, count("select count(*) from transcript_message t join contact_record r on r.id = t.contact_id "
                + "where r.conversation_ref = '" + a.conversationId() + "'"));
        fx.router.close(fx.agentId, a.conversationId());
        fx.channels.openEnds(MediaFixture.CONNECTOR, fx.connectorKey, other.conversationId());
        fx.router.agentUnavailable(fx.agentId);
    }
}
