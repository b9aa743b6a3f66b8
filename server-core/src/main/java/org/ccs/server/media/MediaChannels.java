package org.ccs.server.media;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.ccs.server.contact.Channel;
import org.ccs.server.media.mail.IncomingMail;
import org.ccs.server.media.mail.MailAccount;
import org.ccs.server.media.mail.MailContent;
import org.ccs.server.media.mail.MailCredentials;
import org.ccs.server.media.mail.MailReader;
import org.ccs.server.media.mail.MailRecords;
import org.ccs.server.media.mail.MailSender;
import org.ccs.server.media.mail.MailSettings;
import org.ccs.server.media.mail.MailSink;
import org.ccs.server.media.mail.MailUnavailableException;
import org.ccs.server.media.mail.MailboxStatus;
import org.ccs.server.media.mail.MailboxWatcher;
import org.ccs.server.routing.MediaRouting;

/**
 * The text channels in the server: started once the database is ready
 * ({@link org.ccs.server.health.DatabaseReadiness}), it starts the routing, one
 * {@link MailboxWatcher} per active mailbox on a managed thread (the password resolved from the
 * mailbox's credential alias, see {@link MailCredentials}), and holds the chat and open-media logic
 * ({@link #text()}) for contact-web and the Agent Portal. The e-mail side of the agent's work (read a
 * thread's mail from the server, reply) is here too.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaChannels {

    private static final Logger LOG = Logger.getLogger(MediaChannels.class.getName());

    @EJB
    MediaTx tx;

    @EJB
    MediaRouting routing;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threadFactory;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final ConversationHub hub = new ConversationHub();
    private final AccessKeys keys = new AccessKeys();
    private final Map<Long, MailboxWatcher> watchers = new ConcurrentHashMap<>();
    private final Map<Long, MailboxStatus> missingCredentials = new ConcurrentHashMap<>();
    private volatile TextChannels text;
    private volatile MailSettings mailSettings;
    private volatile boolean started;

    /** Starts routing and the mailboxes; called once the database is ready (again after it: no effect). */
    public synchronized void start() {
        if (started) {
            return;
        }
        try {
            startChannels();
        } catch (RuntimeException e) {
            LOG.severe("text media could not be started: " + e.getClass().getSimpleName());
        }
    }

    private void startChannels() {
        routing.start();
        mailSettings = MailSettings.fromSettings();
        List<Mailbox> mailboxes = tx.call(store -> store.em().createNamedQuery(Mailbox.ACTIVE, Mailbox.class).getResultList());
        for (Mailbox m : mailboxes) {
            startMailbox(m);
        }
        started = true;
        LOG.info("Text media started: " + watchers.size() + " mailbox(es) watched"
                + (missingCredentials.isEmpty() ? "" : ", " + missingCredentials.size() + " without credential"));
    }

    private void startMailbox(Mailbox m) {
        Optional<String> password = MailCredentials.resolve(m.credentialAlias());
        if (password.isEmpty()) {
            LOG.warning("mailbox " + m.id() + ": no password for its credential alias (set "
                    + MailCredentials.propertyName(m.credentialAlias()) + " or " + MailCredentials.environmentName(m.credentialAlias())
                    + "); the mailbox is not read");
            missingCredentials.put(m.id(), new MailboxStatus(m.id(), MailboxStatus.State.NO_CREDENTIAL, false, 0, 0, 0, 0,
                    "no credential", null));
            return;
        }
        MailAccount account = MailAccount.of(m, password.get());
        MailboxWatcher w = new MailboxWatcher(account, mailSettings, new RoutedSink(account), clock, scheduler);
        watchers.put(m.id(), w);
        threadFactory.newThread(w).start();
    }

    /** (Re)reads a mailbox's configuration and watches it if it is active; for the Manager's changes. */
    public void watch(long mailboxId) {
        if (!started) {
            return;
        }
        MailboxWatcher old = watchers.remove(mailboxId);
        if (old != null) {
            old.stop();
        }
        missingCredentials.remove(mailboxId);
        Mailbox m = tx.call(store -> store.em().find(Mailbox.class, mailboxId));
        if (m != null && m.active()) {
            startMailbox(m);
        }
    }

    @PreDestroy
    void stop() {
        watchers.values().forEach(MailboxWatcher::stop);
        watchers.clear();
    }

    /** The chat and open-media logic. */
    public TextChannels text() {
        TextChannels t = text;
        if (t == null) {
            synchronized (this) {
                if (text == null) {
                    text = new TextChannels(tx, routing, hub, keys, clock, TextChannels.Limits.fromSettings());
                }
                t = text;
            }
        }
        return t;
    }

    /** The mailboxes' state for the health check. */
    public List<MailboxStatus> mailboxes() {
        List<MailboxStatus> out = new ArrayList<>(missingCredentials.values());
        watchers.values().forEach(w -> out.add(w.status()));
        return out;
    }

    public boolean started() {
        return started;
    }

    /** The mail check of the health answer: UP while every active mailbox is read; counts, no addresses. */
    public record Health(boolean up, String json) {
    }

    public Health health() {
        List<MailboxStatus> all = mailboxes();
        long connected = all.stream().filter(m -> m.state() == MailboxStatus.State.CONNECTED).count();
        long retrying = all.stream().filter(m -> m.state() == MailboxStatus.State.RETRYING).count();
        long noCredential = all.stream().filter(m -> m.state() == MailboxStatus.State.NO_CREDENTIAL).count();
        boolean up = all.stream().allMatch(MailboxStatus::up);
        int waiting = routing.waitingPerGroup().values().stream().mapToInt(Integer::intValue).sum();
        String json = "{\"name\":\"ccs-mail\",\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"data\":{"
                + "\"mailboxes\":" + all.size() + ",\"connected\":" + connected + ",\"retrying\":" + retrying
                + ",\"noCredential\":" + noCredential
                + ",\"mailsTaken\":" + all.stream().mapToLong(MailboxStatus::taken).sum()
                + ",\"duplicatesIgnored\":" + all.stream().mapToLong(MailboxStatus::duplicates).sum()
                + ",\"unparseableMoved\":" + all.stream().mapToLong(MailboxStatus::unparseable).sum()
                + ",\"textContactsWaiting\":" + waiting + "}}";
        return new Health(up, json);
    }

    // ---------------------------------------------------------------- the agent's e-mail work

    /** The mails of a thread the agent handles, oldest first (headers only: where they are, who, subject). */
    public List<MailRecords.ThreadMail> thread(String ref, long agentId) {
        requireHandled(ref, agentId);
        return tx.call(store -> new MailRecords(store, store.ingestion()).mailsOf(ref));
    }

    /** A mail of the thread, read from the mail server. */
    public MailContent read(String ref, long agentId, long contactId) throws MailUnavailableException {
        MailRecords.ThreadMail mail = mailOf(ref, agentId, contactId);
        return new MailReader(mailSettings()).read(account(mail.mailbox()), mail.reference());
    }

    public MailContent.AttachmentData attachment(String ref, long agentId, long contactId, int number)
            throws MailUnavailableException {
        MailRecords.ThreadMail mail = mailOf(ref, agentId, contactId);
        return new MailReader(mailSettings()).attachment(account(mail.mailbox()), mail.reference(), number);
    }

    /** Replies to the newest mail of the customer in the thread; recorded as an OUTBOUND contact of it. */
    public MailSender.SentMail reply(String ref, long agentId, String text) throws MailUnavailableException {
        requireHandled(ref, agentId);
        List<MailRecords.ThreadMail> mails = tx.call(store -> new MailRecords(store, store.ingestion()).mailsOf(ref));
        MailRecords.ThreadMail last = mails.stream()
                .filter(m -> m.direction() == org.ccs.server.contact.Direction.INBOUND)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new MediaException(MediaException.Reason.CONFLICT, "the thread has no mail to answer"));
        MailAccount account = account(last.mailbox());
        MailSender.SentMail sent = new MailSender(mailSettings(), clock).reply(account,
                new MailSender.Original(last.reference(), last.party(), last.subject()), text);
        tx.call(store -> {
            Conversation c = store.byRef(ref).orElseThrow();
            new MailRecords(store, store.ingestion()).recordReply(c, account, sent, agentId);
            return null;
        });
        return sent;
    }

    private MailRecords.ThreadMail mailOf(String ref, long agentId, long contactId) {
        return thread(ref, agentId).stream().filter(m -> m.contactId() == contactId).findFirst()
                .orElseThrow(() -> new MediaException(MediaException.Reason.NOT_FOUND, "no such mail in this contact"));
    }

    private void requireHandled(String ref, long agentId) {
        boolean mine = tx.call(store -> store.byRef(ref).filter(c -> c.channel() == Channel.EMAIL)
                .filter(c -> c.agentId() != null && c.agentId() == agentId && c.state() == Conversation.State.ACTIVE)
                .isPresent());
        if (!mine) {
            throw new MediaException(MediaException.Reason.NOT_FOUND, "no such e-mail among yours");
        }
    }

    private MailAccount account(String mailboxAddress) {
        Mailbox m = tx.call(store -> store.em().createQuery("select m from Mailbox m where m.address = :a", Mailbox.class)
                .setParameter("a", mailboxAddress).getResultStream().findFirst().orElse(null));
        if (m == null) {
            throw new MediaException(MediaException.Reason.NOT_FOUND, "the mailbox of this mail is no longer configured");
        }
        String password = MailCredentials.resolve(m.credentialAlias()).orElseThrow(() -> new MediaException(
                MediaException.Reason.UNAVAILABLE, "the mailbox has no credential configured"));
        return MailAccount.of(m, password);
    }

    private MailSettings mailSettings() {
        MailSettings s = mailSettings;
        return s != null ? s : MailSettings.fromSettings();
    }

    /** The sink of a mailbox: stores in a transaction, then hands new threads to the routing. */
    private final class RoutedSink implements MailSink {
        private final MailAccount account;

        RoutedSink(MailAccount account) {
            this.account = account;
        }

        @Override
        public Optional<Cursor> cursor(long mailboxId) {
            return tx.call(store -> new MailRecords(store, store.ingestion()).cursor(mailboxId));
        }

        @Override
        public void advance(long mailboxId, String folder, Cursor cursor, int unparseableMoved) {
            tx.call(store -> {
                new MailRecords(store, store.ingestion()).advance(mailboxId, folder, cursor, unparseableMoved);
                return null;
            });
        }

        @Override
        public boolean take(IncomingMail mail) {
            Optional<MailRecords.Taken> taken = tx.call(store -> new MailRecords(store, store.ingestion())
                    .take(mail, account.groupId()));
            taken.filter(MailRecords.Taken::waitsForAgent).ifPresent(t ->
                    routing.waiting(t.conversationRef(), Channel.EMAIL, t.groupId(), t.waitingSince()));
            return taken.isPresent();
        }
    }
}
