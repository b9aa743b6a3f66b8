package org.ccs.bench.media;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.ccs.server.agent.AgentGroup;
import org.ccs.server.contact.TestIngestion;
import org.ccs.server.media.ConversationStore;
import org.ccs.server.media.Mailbox;
import org.ccs.server.media.mail.IncomingMail;
import org.ccs.server.media.mail.MailAccount;
import org.ccs.server.media.mail.MailRecords;
import org.ccs.server.media.mail.MailSettings;
import org.ccs.server.media.mail.MailSink;
import org.ccs.server.media.mail.MailboxWatcher;
import org.ccs.server.testing.TestDatabase;

/**
 * Mails taken in per minute: GreenMail (IMAPS on loopback) holds N mails, a {@link MailboxWatcher}
 * reads them as the server does (UID search, envelope fetch, one transaction per mail: contact record,
 * e-mail reference, conversation; UID bookkeeping per batch). Next to it, in the same run, the raw JDBC
 * insert rate of the same rows (contact_record + email_reference, one transaction per mail).
 * <p>
 * Run: {@code java -cp 'bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' org.ccs.bench.media.MailIngestBenchmark [mails]}
 * (default 2000; the test PostgreSQL on 127.0.0.1:55432, or -Dccs.test.db.host/port).
 */
public final class MailIngestBenchmark {

    private static final String MAILBOX = "support@example.com";

    private MailIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.IMAPS}));
        greenMail.start();
        ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor();
        try (TestDatabase db = TestDatabase.create("ccs_bench_mail")) {
            GreenMailUser user = greenMail.setUser(MAILBOX, MAILBOX, "bench-secret");
            Session session = Session.getInstance(new Properties());
            for (int i = 0; i < mails; i++) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress("customer" + (i % 500) + "@example.com"));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
                m.setSubject("Question about order " + (10_000 + i));
                m.setText("Hello, where is my order " + (10_000 + i) + "? Kind regards");
                m.saveChanges();
                user.deliver(m);
            }
            long[] ids = db.inTransaction(em -> {
                AgentGroup g = new AgentGroup("Bench mail", null);
                em.persist(g);
                em.flush();
                Mailbox box = new Mailbox(MAILBOX, "Support", new Mailbox.ImapAccount("127.0.0.1", 993, "INBOX", MAILBOX,
                        "bench"), g.id());
                em.persist(box);
                em.flush();
                return new long[] {box.id(), g.id()};
            });
            Clock clock = Clock.systemUTC();
            MailAccount account = new MailAccount(ids[0], MAILBOX, "Support", "127.0.0.1", greenMail.getImaps().getPort(), "INBOX",
                    MAILBOX, "bench-secret", "127.0.0.1", 465, "Sent", "CCS-Unparseable", ids[1]);
            MailSink sink = new MailSink() {
                MailRecords records(EntityManager em) {
                    return new MailRecords(new ConversationStore(em, TestIngestion.over(em), clock), TestIngestion.over(em));
                }

                @Override
                public Optional<Cursor> cursor(long mailboxId) {
                    return db.inTransaction(em -> records(em).cursor(mailboxId));
                }

                @Override
                public void advance(long mailboxId, String folder, Cursor cursor, int moved) {
                    db.inTransaction(em -> {
                        records(em).advance(mailboxId, folder, cursor, moved);
                        return null;
                    });
                }

                @Override
                public boolean take(IncomingMail mail) {
                    return db.inTransaction(em -> records(em).take(mail, ids[1])).isPresent();
                }
            };
            MailboxWatcher watcher = new MailboxWatcher(account, new MailSettings(true, Duration.ofSeconds(60), Duration.ofSeconds(1),
                    Duration.ofSeconds(30), Optional.of("127.0.0.1")), sink, clock, waker);
            long start = System.nanoTime();
            Thread t = new Thread(watcher, "bench-watcher");
            t.start();
            while (watcher.status().taken() < mails) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            watcher.stop();
            t.join(10_000);

            // baseline: the same rows with plain JDBC, one transaction per mail
            long rawStart = System.nanoTime();
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                try (PreparedStatement contact = c.prepareStatement("insert into contact_record (channel, direction, source_ref, "
                        + "caller_id_raw, caller_id_norm, caller_presentation, started_at, ended_at, queue_seconds, ring_seconds, "
                        + "talk_seconds, hold_seconds, outcome, created_at, conversation_ref) values ('EMAIL', 'INBOUND', ?, ?, ?, "
                        + "'AVAILABLE', ?, ?, 0, 0, 0, 0, 'HANDLED', ?, ?) returning id");
                     PreparedStatement ref = c.prepareStatement("insert into email_reference (contact_id, mailbox, folder, "
                             + "uid_validity, uid, message_id, subject, received_at) values (?, ?, 'INBOX', 1, ?, ?, ?, ?)")) {
                    for (int i = 0; i < mails; i++) {
                        Timestamp now = Timestamp.from(Instant.now());
                        contact.setString(1, "raw:" + i);
                        contact.setString(2, "customer" + (i % 500) + "@example.com");
                        contact.setString(3, "customer" + (i % 500) + "@example.com");
                        contact.setTimestamp(4, now);
                        contact.setTimestamp(5, now);
                        contact.setTimestamp(6, now);
                        contact.setString(7, "raw-conversation-" + i);
                        long id;
                        try (ResultSet rs = contact.executeQuery()) {
                            rs.next();
                            id = rs.getLong(1);
                        }
                        ref.setLong(1, id);
                        ref.setString(2, MAILBOX);
                        ref.setLong(3, i + 1);
                        ref.setString(4, "<raw." + i + "@example.com>");
                        ref.setString(5, "Question about order " + (10_000 + i));
                        ref.setTimestamp(6, now);
                        ref.executeUpdate();
                        c.commit();
                    }
                }
            }
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
            long stored;
            try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select count(*) from contact_record where source_ref like 'mail:%'")) {
                rs.next();
                stored = rs.getLong(1);
            }
            System.out.printf("mails taken in over IMAPS: %d (%d records) in %.2f s = %.0f mails/min%n", mails, stored, seconds,
                    mails / seconds * 60);
            System.out.printf("raw JDBC insert of the same rows (contact_record + email_reference, a transaction per mail): "
                    + "%.2f s = %.0f mails/min (ratio %.2f)%n", rawSeconds, mails / rawSeconds * 60, rawSeconds / seconds);
        } finally {
            waker.shutdownNow();
            greenMail.stop();
        }
    }
}
