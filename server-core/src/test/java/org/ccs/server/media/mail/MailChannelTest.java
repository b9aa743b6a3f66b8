package org.ccs.server.media.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.ccs.server.agent.AgentGroup;
import org.ccs.server.contact.TestIngestion;
import org.ccs.server.media.Conversation;
import org.ccs.server.media.ConversationStore;
import org.ccs.server.media.Mailbox;
import org.ccs.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mail channel against GreenMail as the real IMAP/SMTP server (both over TLS) and the test
 * PostgreSQL: a mail in becomes one contact record with the right reference and is read back from the
 * server; a reply goes out with its threading headers and is recorded in the same conversation; an
 * unparseable mail is moved aside and counted; a mail server outage and a restart lose nothing and
 * take nothing twice.
 */
class MailChannelTest {

    private static final String MAILBOX = "support@example.com";
    private static final String PASSWORD = "test-only-secret";
    private static TestDatabase db;
    private static long mailboxId;
    private static long groupId;
    private static long agentId;

    private final Clock clock = Clock.systemUTC();
    private final List<MailboxWatcher> watchers = new ArrayList<>();
    private final ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor();
    private GreenMail greenMail;
    private GreenMailUser user;
    private TcpForwarder forwarder;
    private DbMailSink sink;

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabase.create("ccs_mail");
        groupId = db.inTransaction(em -> {
            AgentGroup g = new AgentGroup("E-mail team", null);
            em.persist(g);
            em.flush();
            return g.id();
        });
        agentId = db.inTransaction(em -> {
            org.ccs.server.agent.Agent a = new org.ccs.server.agent.Agent("agent-mail", "Alex", "Example", null,
                    java.time.Instant.now());
            em.persist(a);
            em.flush();
            return a.id();
        });
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void mailServer() throws Exception {
        greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTPS_IMAPS));
        greenMail.start();
        user = greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
        forwarder = new TcpForwarder(greenMail.getImaps().getPort());
        // a fresh mailbox row per test: the UID bookkeeping starts empty
        mailboxId = db.inTransaction(em -> {
            Mailbox m = new Mailbox(MAILBOX.replace("@", "+" + System.nanoTime() + "@"), "Support",
                    new Mailbox.ImapAccount("127.0.0.1", 993, "INBOX", MAILBOX, "support-mailbox"), groupId);
            em.persist(m);
            em.flush();
            return m.id();
        });
        sink = new DbMailSink(db, clock, groupId);
    }

    @AfterEach
    void stop() {
        watchers.forEach(MailboxWatcher::stop);
        waker.shutdownNow();
        forwarder.close();
        greenMail.stop();
    }

    private MailAccount account() {
        return new MailAccount(mailboxId, MAILBOX, "Support", "127.0.0.1", forwarder.port(), "INBOX", MAILBOX, PASSWORD,
                "127.0.0.1", greenMail.getSmtps().getPort(), "Sent", "CCS-Unparseable", groupId);
    }

    private static MailSettings settings(Duration poll) {
        return new MailSettings(true, poll, Duration.ofSeconds(1), Duration.ofSeconds(5), Optional.of("127.0.0.1"));
    }

    private MailboxWatcher watch(Duration poll) {
        MailboxWatcher w = new MailboxWatcher(account(), settings(poll), sink, clock, waker);
        Thread t = new Thread(w, "watcher-test");
        t.setDaemon(true);
        t.start();
        watchers.add(w);
        return w;
    }

    private MimeMessage customerMail(String from, String subject, String text, String inReplyTo) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
        m.setSubject(subject, "UTF-8");
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", inReplyTo);
            m.setHeader("References", inReplyTo);
        }
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource("invoice 42".getBytes(StandardCharsets.UTF_8),
                "application/pdf")));
        attachment.setFileName("invoice.pdf");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        m.setContent(new MimeMultipart(body, attachment));
        m.saveChanges();
        user.deliver(m);
        return m;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private int records(String direction) {
        return count("select count(*) from contact_record r join email_reference e on e.contact_id = r.id "
                + "where r.channel = 'EMAIL' and r.direction = '" + direction + "' and e.folder <> 'x' and r.source_ref like 'mail%:"
                + mailboxId + ":%'");
    }

    private int count(String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IMAP client of the test's own, to look at the mailbox as the site would. */
    private Store imap() throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.imaps.ssl.trust", "127.0.0.1");
        p.setProperty("mail.imaps.ssl.checkserveridentity", "false");
        Store store = Session.getInstance(p).getStore("imaps");
        store.connect("127.0.0.1", greenMail.getImaps().getPort(), MAILBOX, PASSWORD);
        return store;
    }

    @Test
    void aMailInBecomesOneContactRecordWithItsReferenceAndIsReadFromTheServer() throws Exception {
        MimeMessage sent = customerMail("Jane.Doe@Example.com", "Order 1001 has not arrived", "Where is my parcel?", null);
        MailboxWatcher w = watch(Duration.ofSeconds(30));
        await("the mail is recorded", () -> records("INBOUND") == 1);
        assertEquals(MailboxStatus.State.CONNECTED, w.status().state());

        long uidValidity;
        long uid;
        try (Store store = imap()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            uidValidity = ((UIDFolder) inbox).getUIDValidity();
            Message m = inbox.getMessage(1);
            uid = ((UIDFolder) inbox).getUID(m);
            assertFalse(m.isSet(Flags.Flag.SEEN), "reading the mail did not mark it as seen");
            inbox.close(false);
        }
        String conversationRef;
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("select r.caller_id_raw, r.caller_id_norm, "
                + "r.caller_presentation, r.direction, r.conversation_ref, e.mailbox, e.folder, e.uid_validity, e.uid, "
                + "e.message_id, e.subject from contact_record r join email_reference e on e.contact_id = r.id "
                + "where r.source_ref like ?")) {
            ps.setString(1, "mail:" + mailboxId + ":%");
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("Jane.Doe@Example.com", rs.getString("caller_id_raw"));
                assertEquals("jane.doe@example.com", rs.getString("caller_id_norm"), "normalised to lower case");
                assertEquals("AVAILABLE", rs.getString("caller_presentation"));
                assertEquals("INBOUND", rs.getString("direction"));
                assertEquals(MAILBOX, rs.getString("mailbox"));
                assertEquals("INBOX", rs.getString("folder"));
                assertEquals(uidValidity, rs.getLong("uid_validity"));
                assertEquals(uid, rs.getLong("uid"));
                assertEquals(sent.getMessageID(), rs.getString("message_id"));
                assertEquals("Order 1001 has not arrived", rs.getString("subject"));
                conversationRef = rs.getString("conversation_ref");
                assertNotNull(conversationRef);
                assertFalse(rs.next(), "exactly one record");
            }
        }
        assertEquals(1, count("select count(*) from media_conversation where state = 'QUEUED' and channel = 'EMAIL' "
                + "and conversation_ref = '" + conversationRef + "'"), "the thread waits for an agent");

        MailReader reader = new MailReader(settings(Duration.ofSeconds(30)));
        MailReference ref = new MailReference("INBOX", uidValidity, uid, sent.getMessageID());
        MailContent content = reader.read(account(), ref);
        assertEquals("Where is my parcel?", content.text().strip());
        assertEquals("Order 1001 has not arrived", content.subject());
        assertEquals(1, content.attachments().size());
        assertEquals("invoice.pdf", content.attachments().get(0).fileName());
        assertEquals("application/pdf", content.attachments().get(0).contentType());
        assertEquals("invoice 42", new String(reader.attachment(account(), ref, 1).bytes(), StandardCharsets.UTF_8));
        // a changed UIDVALIDITY or UID still finds the mail by its Message-ID
        assertEquals("Where is my parcel?", reader.read(account(), new MailReference("INBOX", 1, 999, sent.getMessageID()))
                .text().strip());
    }

    @Test
    void newMailIsTakenInAtOnceThroughIdle() throws Exception {
        MailboxWatcher w = watch(Duration.ofSeconds(60));
        await("connected and idle", () -> w.status().idle());
        long start = System.nanoTime();
        customerMail("customer@example.com", "Hello", "Hi", null);
        await("the mail is recorded", () -> records("INBOUND") == 1);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0,
                "IDLE brought it in well before the 60 s poll");
        await("idle again", () -> w.status().idle());
        customerMail("customer@example.com", "Hello again", "Hi", null);
        await("the second mail is recorded", () -> records("INBOUND") == 2);
        w.checkNow();
        Thread.sleep(500);
        await("idle again", () -> w.status().idle());
        customerMail("customer@example.com", "Hello a third time", "Hi", null);
        await("the third mail is recorded", () -> records("INBOUND") == 3);
    }

    @Test
    void aReplyKeepsTheThreadAndIsRecordedAsOutboundOfTheSameConversation() throws Exception {
        MimeMessage original = customerMail("jane.doe@example.com", "Refund", "Please refund order 1002.", null);
        watch(Duration.ofSeconds(30));
        await("the mail is recorded", () -> records("INBOUND") == 1);
        MailRecords.ThreadMail in = db.inTransaction(em -> {
            String ref = sink.records(em).state(mailboxId).isPresent()
                    ? em.createQuery("select c.conversationRef from ContactRecord c where c.sourceRef like :s", String.class)
                    .setParameter("s", "mail:" + mailboxId + ":%").getSingleResult() : null;
            return sink.records(em).mailsOf(ref).get(0);
        });

        MailSender sender = new MailSender(settings(Duration.ofSeconds(30)), clock);
        MailSender.SentMail reply = sender.reply(account(), new MailSender.Original(in.reference(), in.party(), in.subject()),
                "Your refund is on its way.");
        assertTrue(greenMail.waitForIncomingEmail(10_000, 2), "the reply reached the customer's server");
        MimeMessage received = null;
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (reply.messageId().equals(m.getMessageID())) {
                received = m;
            }
        }
        assertNotNull(received, "the reply arrived with the Message-ID it was recorded under");
        assertEquals(original.getMessageID(), received.getHeader("In-Reply-To", null));
        assertTrue(received.getHeader("References", " ").contains(original.getMessageID()));
        assertEquals("Re: Refund", received.getSubject());
        assertEquals(MAILBOX, ((InternetAddress) received.getFrom()[0]).getAddress());
        assertEquals("jane.doe@example.com", ((InternetAddress) received.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertTrue(reply.filed().isPresent(), "a copy was filed in the sent folder");
        assertEquals("Sent", reply.filed().get().folder());

        db.inTransaction(em -> {
            ConversationStore store = new ConversationStore(em, TestIngestion.over(em), clock);
            Conversation thread = store.byRef(em.createQuery("select c.conversationRef from ContactRecord c where c.id = :id",
                    String.class).setParameter("id", in.contactId()).getSingleResult()).orElseThrow();
            sink.records(em).recordReply(thread, account(), reply, agentId);
            return null;
        });
        assertEquals(1, records("OUTBOUND"), "the reply is an outbound contact with its reference");
        assertEquals(1, count("select count(distinct conversation_ref) from contact_record where source_ref like 'mail%:"
                + mailboxId + ":%'"), "of the same conversation");

        // the customer answers the reply: the answer joins the thread
        customerMail("jane.doe@example.com", "Re: Refund", "Thanks!", reply.messageId());
        await("the answer is recorded", () -> records("INBOUND") == 2);
        assertEquals(1, count("select count(distinct conversation_ref) from contact_record where source_ref like 'mail%:"
                + mailboxId + ":%'"), "one conversation: mail, reply, answer");
    }

    @Test
    void anUnparseableMailIsMovedAsideCountedAndNotRetried() throws Exception {
        String raw = "From: this is not an address\r\nTo: " + MAILBOX + "\r\nSubject: broken\r\n"
                + "Message-ID: <broken.1@example.com>\r\n\r\nbody\r\n";
        user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
        customerMail("customer@example.com", "Fine", "A good one", null);
        MailboxWatcher w = watch(Duration.ofSeconds(30));
        await("the good mail is recorded", () -> records("INBOUND") == 1);
        await("the bad one is counted", () -> w.status().unparseable() == 1);
        try (Store store = imap()) {
            Folder error = store.getFolder("CCS-Unparseable");
            assertTrue(error.exists(), "the error folder was created");
            error.open(Folder.READ_ONLY);
            assertEquals(1, error.getMessageCount(), "the unparseable mail is there, not lost");
            assertEquals("broken", error.getMessage(1).getSubject());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals(1, inbox.getMessageCount(), "and no longer in the inbox");
        }
        assertEquals(1, count("select unparseable from mail_sync_state where mailbox_id = " + mailboxId));
        w.checkNow();
        customerMail("customer@example.com", "Another", "Second good one", null);
        await("the next mail is recorded", () -> records("INBOUND") == 2);
        assertEquals(1, w.status().unparseable(), "not retried");
    }

    @Test
    void aMailServerOutageAndARestartLoseNothingAndTakeNothingTwice() throws Exception {
        customerMail("a@example.com", "One", "1", null);
        customerMail("b@example.com", "Two", "2", null);
        MailboxWatcher first = watch(Duration.ofSeconds(30));
        await("two mails recorded", () -> records("INBOUND") == 2);

        forwarder.cut();
        await("the outage is shown", () -> first.status().state() == MailboxStatus.State.RETRYING);
        assertFalse(first.status().up());
        assertFalse(String.valueOf(first.status().lastError()).contains("127.0.0.1"), "the kind of failure only, no address");
        customerMail("c@example.com", "Three", "3", null);
        customerMail("d@example.com", "Four", "4", null);
        Thread.sleep(1500);
        forwarder.restore();
        await("reconnected", () -> first.status().state() == MailboxStatus.State.CONNECTED);
        await("the mails of the outage are recorded", () -> records("INBOUND") == 4);

        // the database fails for a moment: the mail is retried, not skipped
        sink.failNext.set(2);
        first.checkNow();
        customerMail("e@example.com", "Five", "5", null);
        await("recorded after the database came back", () -> records("INBOUND") == 5);

        // restart: a new watcher over the same database, with the bookkeeping lost as if the server had
        // died between storing the contacts and recording the UIDs
        first.stop();
        customerMail("f@example.com", "Six", "6", null);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("update mail_sync_state set last_uid = 0 where mailbox_id = " + mailboxId);
        }
        MailboxWatcher second = watch(Duration.ofSeconds(30));
        await("the new mail is recorded", () -> records("INBOUND") == 6);
        await("the replayed ones are recognised", () -> second.status().duplicates() == 5);
        Thread.sleep(300);
        assertEquals(6, records("INBOUND"), "nothing twice");
        assertEquals(6, count("select count(distinct e.message_id) from email_reference e join contact_record r "
                + "on r.id = e.contact_id where r.source_ref like 'mail:" + mailboxId + ":%'"));
    }
}
