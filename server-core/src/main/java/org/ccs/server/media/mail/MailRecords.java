package org.ccs.server.media.mail;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.ccs.server.contact.CallerPresentation;
import org.ccs.server.contact.Channel;
import org.ccs.server.contact.ContactIngestion;
import org.ccs.server.contact.ContactRecord;
import org.ccs.server.contact.Direction;
import org.ccs.server.contact.EmailReference;
import org.ccs.server.contact.Outcome;
import org.ccs.server.media.Conversation;
import org.ccs.server.media.ConversationStore;

/**
 * The mail channel's side in the database, inside the caller's transaction: the UID bookkeeping per
 * mailbox, an incoming mail as an EMAIL contact record with its {@link EmailReference} in its
 * conversation (a reply to a known mail joins that mail's thread, otherwise a new thread starts and
 * waits for an agent), and a sent reply as an OUTBOUND contact of the same conversation.
 */
public final class MailRecords {

    private final ConversationStore store;
    private final EntityManager em;
    private final ContactIngestion ingestion;

    public MailRecords(ConversationStore store, ContactIngestion ingestion) {
        this.store = Objects.requireNonNull(store, "store is required");
        this.em = store.em();
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion is required");
    }

    /** A mail taken in: its conversation, and whether the conversation now waits for an agent. */
    public record Taken(String conversationRef, Long groupId, boolean waitsForAgent, Long agentId, Instant waitingSince) {
    }

    public Optional<MailSink.Cursor> cursor(long mailboxId) {
        return state(mailboxId).map(s -> new MailSink.Cursor(s.uidValidity(), s.lastUid()));
    }

    public void advance(long mailboxId, String folder, MailSink.Cursor cursor, int unparseableMoved) {
        Instant now = store.clock().instant();
        MailSyncState s = state(mailboxId).orElseGet(() -> {
            MailSyncState fresh = new MailSyncState(mailboxId, folder, now);
            em.persist(fresh);
            return fresh;
        });
        s.readUpTo(folder, cursor.uidValidity(), cursor.lastUid(), unparseableMoved, now);
    }

    public Optional<MailSyncState> state(long mailboxId) {
        return em.createNamedQuery(MailSyncState.OF_MAILBOX, MailSyncState.class).setParameter("mailboxId", mailboxId)
                .getResultStream().findFirst();
    }

    /** Stores the mail as a contact in its thread; empty when it was stored before (nothing changes then). */
    public Optional<Taken> take(IncomingMail mail, Long groupId) {
        boolean known = !em.createNamedQuery(ContactRecord.FIND_BY_SOURCE, ContactRecord.class)
                .setParameter("channel", Channel.EMAIL).setParameter("sourceRef", mail.sourceRef())
                .setMaxResults(1).getResultList().isEmpty();
        if (known) {
            return Optional.empty();
        }
        Conversation.Party party = new Conversation.Party(mail.senderRaw(), mail.senderNormalized(), null);
        Conversation thread = threadOf(mail).orElse(null);
        boolean waits;
        if (thread == null) {
            thread = new Conversation(ConversationStore.newRef(), Channel.EMAIL, mail.mailboxId(), null, groupId, party,
                    store.clock().instant());
            em.persist(thread);
            waits = true;
        } else if (!thread.isOpen()) {
            thread.reopen(store.clock().instant(), party);
            waits = true;
        } else {
            waits = thread.state() == Conversation.State.QUEUED;
        }
        Instant now = store.clock().instant();
        ContactRecord record = ContactRecord.builder()
                .channel(Channel.EMAIL).direction(Direction.INBOUND).sourceRef(mail.sourceRef())
                .caller(mail.senderRaw(), mail.senderNormalized(), CallerPresentation.AVAILABLE)
                .period(mail.receivedAt(), null, mail.receivedAt())
                .outcome(Outcome.HANDLED)
                .conversationRef(thread.ref())
                .createdAt(now)
                .build();
        EmailReference reference = new EmailReference(record, mail.mailboxAddress(), mail.folder(), mail.uidValidity(),
                mail.uid(), mail.messageId(), mail.subject(), mail.receivedAt());
        if (!ingestion.ingest(record, List.of(reference))) {
            return Optional.empty();
        }
        return Optional.of(new Taken(thread.ref(), thread.groupId(), waits, thread.agentId(), thread.queuedAt()));
    }

    /** The thread a mail answers: the conversation of the first known mail of its In-Reply-To, then References. */
    private Optional<Conversation> threadOf(IncomingMail mail) {
        for (String id : mail.answers()) {
            Optional<String> ref = em.createNamedQuery(EmailReference.BY_MESSAGE_ID, EmailReference.class)
                    .setParameter("messageId", id).getResultStream()
                    .filter(e -> e.mailbox().equalsIgnoreCase(mail.mailboxAddress()))
                    .map(e -> e.contact().conversationRef()).filter(Objects::nonNull).findFirst();
            if (ref.isPresent()) {
                return store.byRef(ref.get());
            }
        }
        return Optional.empty();
    }

    /** The e-mail references of a conversation's mails, oldest first, with their direction. */
    public List<ThreadMail> mailsOf(String conversationRef) {
        return em.createQuery("select e from EmailReference e join e.contact c where c.conversationRef = :ref "
                        + "order by e.receivedAt, e.id", EmailReference.class)
                .setParameter("ref", conversationRef).getResultStream()
                .map(e -> new ThreadMail(e.contact().id(), e.contact().direction(), e.mailbox(),
                        new MailReference(e.folder(), e.uidValidity(), e.uid(), e.messageId()), e.contact().callerIdRaw(),
                        e.subject(), e.receivedAt()))
                .toList();
    }

    /** A mail of a thread: the contact it belongs to and where it lives. */
    public record ThreadMail(long contactId, Direction direction, String mailbox, MailReference reference,
                             String party, String subject, Instant at) {
    }

    /** Records a sent reply as an OUTBOUND e-mail contact of the conversation, with its reference when filed. */
    public ContactRecord recordReply(Conversation thread, MailAccount account, MailSender.SentMail sent, long agentId) {
        ContactRecord record = ContactRecord.builder()
                .channel(Channel.EMAIL).direction(Direction.OUTBOUND)
                .sourceRef("mail-out:" + account.mailboxId() + ":" + IncomingMail.sha256(sent.messageId()))
                .caller(sent.recipient(), sent.recipient().toLowerCase(Locale.ROOT), CallerPresentation.AVAILABLE)
                .period(sent.sentAt(), sent.sentAt(), sent.sentAt())
                .outcome(Outcome.HANDLED)
                .agentId(agentId)
                .conversationRef(thread.ref())
                .createdAt(store.clock().instant())
                .build();
        List<EmailReference> refs = sent.filed().map(f -> List.of(new EmailReference(record, account.address(), f.folder(),
                f.uidValidity(), f.uid(), sent.messageId(), sent.subject(), sent.sentAt()))).orElse(List.of());
        ingestion.ingest(record, refs);
        return record;
    }
}
