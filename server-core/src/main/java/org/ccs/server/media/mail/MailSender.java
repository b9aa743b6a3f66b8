package org.ccs.server.media.mail;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Sends an agent's reply to a mail over SMTP with TLS, from the contact center mailbox, as part of the
 * same thread: In-Reply-To names the mail answered, References carries its References and its
 * Message-ID, the subject gets "Re: ". A copy is filed in the mailbox's sent folder (IMAP APPEND), so
 * that the reply too stays on the mail server and is referenced, not copied, by its contact record.
 */
public final class MailSender {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(MailSender.class.getName());

    private final MailSettings settings;
    private final Clock clock;

    public MailSender(MailSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings are required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
    }

    /** What was sent and where its copy lies; {@code filed} is empty when the copy could not be filed. */
    public record SentMail(String messageId, String recipient, String subject, Instant sentAt,
                           Optional<MailReference> filed) {
    }

    /** The mail being answered, as far as the contact record knows it (headers are re-read from the server). */
    public record Original(MailReference reference, String sender, String subject) {
    }

    public SentMail reply(MailAccount account, Original original, String text) throws MailUnavailableException {
        Objects.requireNonNull(original, "the mail answered is required");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the reply has no text");
        }
        Session session = MailSessions.session(settings);
        Headers answered = readHeaders(session, account, original);
        String messageId = "<" + UUID.randomUUID() + ".ccs@" + MailParser.domain(account.address()) + ">";
        Instant now = clock.instant();
        MimeMessage reply = new FixedIdMessage(session, messageId);
        try {
            reply.setFrom(from(account));
            InternetAddress to = new InternetAddress(answered.replyTo, true);
            reply.setRecipient(Message.RecipientType.TO, to);
            String subject = answered.subject == null || answered.subject.isBlank() ? "" : answered.subject;
            reply.setSubject(subject.toLowerCase(Locale.ROOT).startsWith("re:") ? subject : "Re: " + subject,
                    StandardCharsets.UTF_8.name());
            reply.setHeader("In-Reply-To", original.reference().messageId());
            reply.setHeader("References", references(answered.references, original.reference().messageId()));
            reply.setSentDate(Date.from(now));
            reply.setText(text, StandardCharsets.UTF_8.name());
            reply.saveChanges();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("the reply cannot be addressed to the sender of the mail", e);
        }
        try (Transport transport = session.getTransport(MailSessions.SMTP)) {
            transport.connect(account.smtpHost(), account.smtpPort(), account.login(), account.password());
            transport.sendMessage(reply, reply.getAllRecipients());
        } catch (MessagingException e) {
            throw new MailUnavailableException(MailUnavailableException.Reason.SERVER_UNREACHABLE,
                    "the mail server did not take the reply", e);
        }
        String recipient;
        String subject;
        try {
            recipient = ((InternetAddress) reply.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            subject = reply.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return new SentMail(messageId, recipient, subject, now, file(session, account, reply, messageId));
    }

    private static final class Headers {
        String replyTo;
        String subject;
        String references;
    }

    private Headers readHeaders(Session session, MailAccount account, Original original) throws MailUnavailableException {
        Headers h = new Headers();
        h.replyTo = original.sender();
        h.subject = original.subject();
        Store store = null;
        Folder folder = null;
        try {
            store = session.getStore(MailSessions.IMAP);
            store.connect(account.imapHost(), account.imapPort(), account.login(), account.password());
            folder = store.getFolder(original.reference().folder());
            if (folder.exists()) {
                folder.open(Folder.READ_ONLY);
                Message m = MailReader.find((UIDFolder) folder, folder, original.reference());
                if (m != null) {
                    Address[] replyTo = m.getReplyTo();
                    if (replyTo != null && replyTo.length > 0 && replyTo[0] instanceof InternetAddress ia) {
                        h.replyTo = ia.getAddress();
                    }
                    if (m.getSubject() != null) {
                        h.subject = m.getSubject();
                    }
                    h.references = MailParser.header(m, "References");
                }
            }
        } catch (MessagingException e) {
            throw new MailUnavailableException(MailUnavailableException.Reason.SERVER_UNREACHABLE,
                    "the mail server cannot be reached", e);
        } finally {
            close(folder, store);
        }
        if (h.replyTo == null) {
            throw new IllegalArgumentException("the mail answered has no sender to reply to");
        }
        return h;
    }

    static String references(String earlier, String answered) {
        List<String> ids = new ArrayList<>(MailParser.ids(earlier));
        ids.remove(answered);
        // RFC 5322 3.6.4: the parent's References followed by the parent's Message-ID; keep it bounded
        while (ids.size() > 20) {
            ids.remove(1);
        }
        ids.add(answered);
        return String.join(" ", ids);
    }

    /** Files the reply in the sent folder; its reference by UIDPLUS's APPENDUID or by searching the Message-ID. */
    private Optional<MailReference> file(Session session, MailAccount account, MimeMessage reply, String messageId) {
        Store store = null;
        Folder folder = null;
        try {
            store = session.getStore(MailSessions.IMAP);
            store.connect(account.imapHost(), account.imapPort(), account.login(), account.password());
            folder = store.getFolder(account.sentFolder());
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            folder.open(Folder.READ_WRITE);
            reply.setFlag(Flags.Flag.SEEN, true);
            AppendUID[] appended = ((IMAPFolder) folder).appendUIDMessages(new Message[] {reply});
            long uidValidity = ((UIDFolder) folder).getUIDValidity();
            if (appended != null && appended.length == 1 && appended[0] != null) {
                return Optional.of(new MailReference(account.sentFolder(), appended[0].uidvalidity, appended[0].uid, messageId));
            }
            Message[] found = folder.search(new MessageIDTerm(messageId));
            if (found.length > 0) {
                return Optional.of(new MailReference(account.sentFolder(), uidValidity, ((UIDFolder) folder).getUID(found[0]),
                        messageId));
            }
            return Optional.empty();
        } catch (MessagingException | RuntimeException e) {
            LOG.warning("mailbox " + account.mailboxId() + ": the reply was sent but could not be filed in the sent folder ("
                    + e.getClass().getSimpleName() + "); it is recorded without a reference");
            return Optional.empty();
        } finally {
            close(folder, store);
        }
    }

    private static InternetAddress from(MailAccount account) throws MessagingException {
        try {
            return account.displayName() == null ? new InternetAddress(account.address(), true)
                    : new InternetAddress(account.address(), account.displayName(), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            return new InternetAddress(account.address(), true);
        }
    }

    private static void close(Folder folder, Store store) {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
            if (store != null) {
                store.close();
            }
        } catch (MessagingException e) {
            // closing
        }
    }

    /** A message whose Message-ID is chosen before sending, so that the record can name it. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
