package org.ccs.server.media;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.ccs.server.contact.CallerPresentation;
import org.ccs.server.contact.Channel;
import org.ccs.server.contact.ContactIngestion;
import org.ccs.server.contact.ContactRecord;
import org.ccs.server.contact.LegType;
import org.ccs.server.contact.Outcome;
import org.ccs.server.contact.TranscriptMessage;
import org.ccs.server.contact.TranscriptMessage.SenderType;

/**
 * Text conversations in the database, inside the caller's transaction (the container's, or a test's
 * resource-local one): start, append a message as it comes, read messages, and end, which writes the
 * immutable contact record with its transcript through {@link ContactIngestion} and deletes the
 * working copy of the messages.
 */
public final class ConversationStore {

    private final EntityManager em;
    private final ContactIngestion ingestion;
    private final Clock clock;

    public ConversationStore(EntityManager em, ContactIngestion ingestion, Clock clock) {
        this.em = Objects.requireNonNull(em, "entity manager is required");
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion is required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
    }

    public EntityManager em() {
        return em;
    }

    public Clock clock() {
        return clock;
    }

    public ContactIngestion ingestion() {
        return ingestion;
    }

    public static String newRef() {
        return UUID.randomUUID().toString();
    }

    public Conversation start(Channel channel, long sourceId, String subChannel, Long groupId, Conversation.Party party,
                              String tokenHash) {
        Conversation c = new Conversation(newRef(), channel, sourceId, subChannel, groupId, party, clock.instant());
        if (tokenHash != null) {
            c.protectWith(tokenHash);
        }
        em.persist(c);
        return c;
    }

    public Optional<Conversation> byRef(String ref) {
        if (ref == null || ref.length() > 64) {
            return Optional.empty();
        }
        return em.createNamedQuery(Conversation.BY_REF, Conversation.class).setParameter("ref", ref)
                .getResultStream().findFirst();
    }

    /** The open conversation of this customer on this source (open media: one per sender). */
    public Optional<Conversation> openOfParty(Channel channel, long sourceId, String partyNorm) {
        return em.createNamedQuery(Conversation.OPEN_OF_PARTY, Conversation.class).setParameter("channel", channel)
                .setParameter("sourceId", sourceId).setParameter("party", partyNorm)
                .setParameter("closed", Conversation.State.CLOSED).setMaxResults(1).getResultStream().findFirst();
    }

    public List<Conversation> open() {
        return em.createNamedQuery(Conversation.OPEN, Conversation.class).setParameter("closed", Conversation.State.CLOSED)
                .getResultList();
    }

    public MessageView append(Conversation c, SenderType sender, String senderId, String text) {
        Instant now = clock.instant();
        ConversationMessage m = new ConversationMessage(c.id(), c.nextMessageSeq(now), sender, senderId, now, text);
        em.persist(m);
        return view(m.seq(), sender, now, text);
    }

    /** Messages after {@code afterSeq}: the working copy while open, the stored transcript once ended. */
    public List<MessageView> messagesAfter(Conversation c, int afterSeq, int max) {
        if (c.isOpen()) {
            return em.createNamedQuery(ConversationMessage.AFTER, ConversationMessage.class)
                    .setParameter("conversationId", c.id()).setParameter("after", afterSeq).setMaxResults(max)
                    .getResultStream().map(m -> view(m.seq(), m.senderType(), m.sentAt(), m.text())).toList();
        }
        Optional<ContactRecord> record = recordOf(c);
        if (record.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(TranscriptMessage.OF_CONTACT, TranscriptMessage.class)
                .setParameter("contactId", record.get().id()).getResultStream()
                .filter(m -> m.seq() > afterSeq).limit(max)
                .map(m -> view(m.seq(), m.senderType(), m.sentAt(), m.text())).toList();
    }

    /** The contact record written when the chat or open-media conversation ended. */
    public Optional<ContactRecord> recordOf(Conversation c) {
        return em.createNamedQuery(ContactRecord.OF_CONVERSATION, ContactRecord.class).setParameter("ref", c.ref())
                .getResultStream().filter(r -> r.channel() == c.channel()).findFirst();
    }

    /**
     * Ends a chat or open-media conversation: writes its contact record (handled when an agent had
     * accepted it, otherwise abandoned in the queue) with the transcript, deletes the working copy
     * and closes it. {@code label} names the entry point or channel (the record's designated number).
     */
    public void end(Conversation c, String label) {
        if (!c.isOpen()) {
            return;
        }
        if (c.channel() == Channel.EMAIL) {
            throw new IllegalArgumentException("an e-mail thread is closed, not ended with a transcript");
        }
        Instant now = clock.instant();
        Instant answered = c.acceptedAt();
        Conversation.Party party = c.party();
        String device = label == null || label.isBlank() ? c.channel().name() : clip(label, 64);
        ContactRecord.Builder b = ContactRecord.builder()
                .channel(c.channel())
                .sourceRef((c.channel() == Channel.CHAT ? "chat:" : "open:") + c.ref())
                .caller(party.raw(), party.normalized(), party.raw() == null && party.normalized() == null
                        ? CallerPresentation.NOT_KNOWN : CallerPresentation.AVAILABLE)
                .designatedNumber(device)
                .period(c.startedAt(), answered, now)
                .durations(seconds(c.queuedAt(), answered != null ? answered : now), 0,
                        answered == null ? 0 : seconds(answered, now), 0)
                .outcome(answered != null ? Outcome.HANDLED : Outcome.ABANDONED_QUEUE)
                .agentId(answered != null ? c.agentId() : null)
                .conversationRef(c.ref())
                .createdAt(now)
                .leg(LegType.QUEUE, device, null, c.queuedAt(), answered != null ? answered : now);
        if (answered != null) {
            b.leg(LegType.TALK, device, c.agentId(), answered, now);
        }
        ContactRecord record = b.build();
        List<TranscriptMessage> transcript = new ArrayList<>();
        for (ConversationMessage m : em.createNamedQuery(ConversationMessage.AFTER, ConversationMessage.class)
                .setParameter("conversationId", c.id()).setParameter("after", 0).getResultList()) {
            transcript.add(new TranscriptMessage(record, m.seq(), m.senderType(), m.senderId(), m.sentAt(), m.text()));
        }
        ingestion.ingest(record, transcript);
        em.flush();
        em.createNamedQuery(ConversationMessage.DELETE_OF).setParameter("conversationId", c.id()).executeUpdate();
        c.close(now);
    }

    /** Closes an e-mail thread: the records are its mails; nothing more is written. */
    public void closeThread(Conversation c) {
        c.close(clock.instant());
    }

    private static int seconds(Instant from, Instant to) {
        return (int) Math.max(0, Duration.between(from, to).toSeconds());
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static MessageView view(int seq, SenderType sender, Instant at, String text) {
        return new MessageView(seq, sender.name(), at, text);
    }
}
