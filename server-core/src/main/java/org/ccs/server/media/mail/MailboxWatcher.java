package org.ccs.server.media.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Reads one contact center mailbox for as long as it runs ({@link #run()} on a thread of its own,
 * {@link #stop()} from another). It opens only the mailbox's folder (and, for mail it cannot take in,
 * the error folder), takes every mail with a UID above the last one recorded, hands it to the
 * {@link MailSink}, and records the UID only after that: after a crash or restart the same mails are
 * offered again and the sink's idempotency drops them. A changed UIDVALIDITY starts the folder again
 * from the beginning (the Message-ID keeps the contacts unique). A mail that cannot be parsed is moved
 * to the error folder and counted. Then it waits with IMAP IDLE (if the server offers it and
 * ccs.mail.idle allows) or polls. A failure of the mail server (or of the sink, e.g. the database) is
 * retried with back-off (1 s doubling to ccs.mail.retry.max.millis) and shown in {@link #status()};
 * the log names the mailbox by id, never an address.
 */
public final class MailboxWatcher implements Runnable {

    private static final Logger LOG = Logger.getLogger(MailboxWatcher.class.getName());
    private static final int BATCH = 100;
    private static final int MOVE_ATTEMPTS = 3;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final MailAccount account;
    private final MailSettings settings;
    private final MailSink sink;
    private final Clock clock;
    private final ScheduledExecutorService waker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Map<Long, Integer> moveFailures = new HashMap<>();

    private volatile boolean stopped;
    private volatile boolean wakeRequested;
    private volatile Store store;
    private volatile IMAPFolder folder;
    private volatile MailboxStatus.State state = MailboxStatus.State.STARTING;
    private volatile boolean idling;
    private volatile long taken;
    private volatile long duplicates;
    private volatile long unparseable;
    private volatile int failures;
    private volatile String lastError;
    private volatile Instant lastSync;
    private long lastSeenUid;

    /**
     * @param waker a scheduler that ends an IDLE after the poll interval, so that the folder is
     *              checked again even if the server's notification was lost
     */
    public MailboxWatcher(MailAccount account, MailSettings settings, MailSink sink, Clock clock,
                          ScheduledExecutorService waker) {
        this.account = Objects.requireNonNull(account, "account is required");
        this.settings = Objects.requireNonNull(settings, "settings are required");
        this.sink = Objects.requireNonNull(sink, "sink is required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
        this.waker = Objects.requireNonNull(waker, "waker is required");
    }

    public long mailboxId() {
        return account.mailboxId();
    }

    public MailboxStatus status() {
        return new MailboxStatus(account.mailboxId(), state, idling, taken, duplicates, unparseable, failures, lastError,
                lastSync);
    }

    @Override
    public void run() {
        Duration backoff = FIRST_RETRY;
        Session session = MailSessions.session(settings);
        while (!stopped) {
            try {
                connect(session);
                state = MailboxStatus.State.CONNECTED;
                if (failures > 0) {
                    LOG.info("mailbox " + account.mailboxId() + " is reachable again after " + failures + " failed attempt(s)");
                }
                failures = 0;
                lastError = null;
                backoff = FIRST_RETRY;
                while (!stopped) {
                    sync();
                    awaitMail();
                }
            } catch (MessagingException | RuntimeException e) {
                if (stopped) {
                    break;
                }
                failures++;
                state = MailboxStatus.State.RETRYING;
                lastError = kind(e);
                if (failures == 1 || Integer.bitCount(failures) == 1) {
                    LOG.warning("mailbox " + account.mailboxId() + " (" + account.imapHost() + ":" + account.imapPort()
                            + "): " + lastError + "; retrying in " + backoff.toSeconds() + " s (attempt " + failures + ")");
                }
                LOG.log(Level.FINE, "mailbox " + account.mailboxId() + " failure", e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(settings.retryMax()) > 0 ? settings.retryMax() : backoff.multipliedBy(2);
            } finally {
                closeQuietly();
            }
        }
        state = MailboxStatus.State.STOPPED;
    }

    /** Ends the loop: closes the connection (which ends an IDLE) and wakes a waiting poll or back-off. */
    public void stop() {
        stopped = true;
        closeQuietly();
        signal();
    }

    /** Checks the folder now instead of at the next IDLE notification or poll. */
    public void checkNow() {
        wakeRequested = true;
        signal();
        IMAPFolder f = folder;
        if (f != null && idling) {
            noop(f);
        }
    }

    private void connect(Session session) throws MessagingException {
        Store s = session.getStore(MailSessions.IMAP);
        store = s;
        s.connect(account.imapHost(), account.imapPort(), account.login(), account.password());
        Folder f = s.getFolder(account.folder());
        if (!f.exists()) {
            throw new MessagingException("folder does not exist");
        }
        f.open(Folder.READ_WRITE);
        folder = (IMAPFolder) f;
    }

    /** Takes in every mail above the recorded UID, in UID order, recording progress batch by batch. */
    void sync() throws MessagingException {
        IMAPFolder f = folder;
        long uidValidity = f.getUIDValidity();
        MailSink.Cursor cursor = sink.cursor(account.mailboxId()).filter(c -> c.uidValidity() == uidValidity)
                .orElse(new MailSink.Cursor(uidValidity, 0));
        Message[] found = f.getMessagesByUID(cursor.lastUid() + 1, UIDFolder.MAXUID);
        List<Message> fresh = new ArrayList<>();
        for (Message m : found) {
            if (m != null && !m.isExpunged() && f.getUID(m) > cursor.lastUid()) {
                fresh.add(m);
            }
        }
        fresh.sort(Comparator.comparingLong(m -> uid(f, m)));
        long lastUid = cursor.lastUid();
        for (int from = 0; from < fresh.size() && !stopped; from += BATCH) {
            Message[] batch = fresh.subList(from, Math.min(from + BATCH, fresh.size())).toArray(Message[]::new);
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add("Message-ID");
            profile.add("In-Reply-To");
            profile.add("References");
            f.fetch(batch, profile);
            int moved = 0;
            for (Message m : batch) {
                long uid = f.getUID(m);
                try {
                    IncomingMail mail = MailParser.parse(account, account.folder(), uidValidity, uid, m, clock.instant());
                    if (sink.take(mail)) {
                        taken++;
                    } else {
                        duplicates++;
                    }
                } catch (MessageRemovedException e) {
                    // expunged by someone else meanwhile: nothing to take
                } catch (UnparseableMailException e) {
                    if (moveAside(f, m, uid, e.getMessage())) {
                        moved++;
                    }
                }
                lastUid = uid;
            }
            sink.advance(account.mailboxId(), account.folder(), new MailSink.Cursor(uidValidity, lastUid), moved);
            unparseable += moved;
        }
        lastSeenUid = lastUid;
        lastSync = clock.instant();
    }

    /**
     * Moves a mail that cannot be taken in to the error folder; true once moved. A move that keeps
     * failing is given up after a few attempts (the mail stays where it is, counted, and is not retried).
     */
    private boolean moveAside(IMAPFolder f, Message m, long uid, String reason) throws MessagingException {
        try {
            Folder target = store.getFolder(account.errorFolder());
            if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("error folder cannot be created");
            }
            if (((IMAPStore) store).hasCapability("MOVE")) {
                f.moveMessages(new Message[] {m}, target);
            } else {
                f.copyMessages(new Message[] {m}, target);
                m.setFlag(Flags.Flag.DELETED, true);
                if (((IMAPStore) store).hasCapability("UIDPLUS")) {
                    f.expunge(new Message[] {m});
                }
            }
            moveFailures.remove(uid);
            LOG.warning("mailbox " + account.mailboxId() + ": mail UID " + uid + " cannot be taken in (" + reason
                    + "), moved to the error folder");
            return true;
        } catch (MessagingException e) {
            int n = moveFailures.merge(uid, 1, Integer::sum);
            if (n < MOVE_ATTEMPTS) {
                throw e;
            }
            moveFailures.remove(uid);
            LOG.severe("mailbox " + account.mailboxId() + ": mail UID " + uid + " cannot be taken in (" + reason
                    + ") nor moved to the error folder (" + e.getClass().getSimpleName() + "); left in place, not retried");
            return true;
        }
    }

    private void awaitMail() throws MessagingException {
        IMAPFolder f = folder;
        boolean canIdle = settings.idle() && ((IMAPStore) store).hasCapability("IDLE");
        if (canIdle && !wakeRequested) {
            // mail that arrived since the last look would only be announced by the next one: look first
            if (hasNewerThan(f, lastSeenUid)) {
                return;
            }
            ScheduledFuture<?> timer = waker.schedule(() -> noop(f), settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            idling = true;
            try {
                f.idle(true);
            } finally {
                idling = false;
                timer.cancel(false);
            }
        } else {
            idling = false;
            lock.lock();
            try {
                long nanos = settings.pollInterval().toNanos();
                while (!stopped && !wakeRequested && nanos > 0) {
                    nanos = wake.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            } finally {
                lock.unlock();
            }
        }
        wakeRequested = false;
    }

    private static boolean hasNewerThan(IMAPFolder f, long uid) throws MessagingException {
        for (Message m : f.getMessagesByUID(uid + 1, UIDFolder.MAXUID)) {
            if (m != null && f.getUID(m) > uid) {
                return true;
            }
        }
        return false;
    }

    /** Any command on the folder from another thread ends a running IDLE. */
    private static void noop(IMAPFolder f) {
        try {
            f.doCommand(p -> {
                p.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone: the watcher's own loop notices and reconnects
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void sleep(Duration d) {
        lock.lock();
        try {
            long nanos = d.toNanos();
            while (!stopped && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly() {
        IMAPFolder f = folder;
        folder = null;
        Store s = store;
        store = null;
        try {
            if (f != null && f.isOpen()) {
                f.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // closing a broken connection
        }
        try {
            if (s != null) {
                s.close();
            }
        } catch (MessagingException | RuntimeException e) {
            // closing a broken connection
        }
    }

    /** The failure's kind and its root cause's, e.g. "MessagingException/ConnectException": no message text (it may carry addresses). */
    static String kind(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + "/" + root.getClass().getSimpleName();
    }

    private static long uid(IMAPFolder f, Message m) {
        try {
            return f.getUID(m);
        } catch (MessagingException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "MailboxWatcher[mailbox " + account.mailboxId() + ", " + state + "]";
    }

}
