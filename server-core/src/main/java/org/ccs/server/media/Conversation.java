package org.ccs.server.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.ccs.server.contact.Channel;

/**
 * A text-media conversation while it is routed and handled: an open chat, an open-media conversation
 * or an e-mail thread waiting for or worked on by an agent. Contact records are immutable, so this
 * mutable row carries the state (queued, offered, active, closed) and the chat messages as they come
 * ({@link ConversationMessage}); the contact record with its transcript is written from it when the
 * chat ends. The customer's identification is cleared when it closes (the contact record keeps it).
 */
@Entity
@Table(name = "media_conversation")
@NamedQuery(name = Conversation.BY_REF, query = "select c from Conversation c where c.ref = :ref")
@NamedQuery(name = Conversation.OPEN, query = "select c from Conversation c where c.state <> :closed order by c.queuedAt")
@NamedQuery(name = Conversation.OPEN_OF_PARTY, query = "select c from Conversation c where c.channel = :channel "
        + "and c.sourceId = :sourceId and c.partyNorm = :party and c.state <> :closed order by c.startedAt desc")
public class Conversation {

    public static final String BY_REF = "Conversation.byRef";
    public static final String OPEN = "Conversation.open";
    public static final String OPEN_OF_PARTY = "Conversation.openOfParty";

    /** Where the conversation stands. */
    public enum State { QUEUED, OFFERED, ACTIVE, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "conversation_ref", nullable = false, length = 64, unique = true, updatable = false)
    private String ref;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 12, updatable = false)
    private Channel channel;

    /** The mailbox, chat entry point or open-media connector it came from. */
    @Column(name = "source_id", nullable = false, updatable = false)
    private Long sourceId;

    /** Open media: the connector's channel (SMS, a social network). */
    @Column(name = "sub_channel", length = 32, updatable = false)
    private String subChannel;

    @Column(name = "group_id")
    private Long groupId;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 8)
    private State state;

    @Column(name = "party_raw", length = 128)
    private String partyRaw;

    @Column(name = "party_norm", length = 64)
    private String partyNorm;

    @Column(name = "party_name", length = 100)
    private String partyName;

    /** Chat: SHA-256 (hex) of the customer's chat token; the token itself is never stored. */
    @Column(name = "access_hash", length = 64)
    private String accessHash;

    @Column(name = "agent_id")
    private Long agentId;

    @Column(name = "next_seq", nullable = false)
    private int nextSeq;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "queued_at", nullable = false)
    private Instant queuedAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "last_activity_at", nullable = false)
    private Instant lastActivityAt;

    protected Conversation() {
        // for JPA
    }

    /** Who the customer is, as the channel gave it: raw, normalised (for look-ups), and a display name. */
    public record Party(String raw, String normalized, String name) {
        public Party {
            raw = clip(raw, 128);
            normalized = clip(normalized, 64);
            name = clip(name, 100);
        }

        private static String clip(String s, int max) {
            if (s == null || s.isBlank()) {
                return null;
            }
            String t = s.strip();
            return t.length() <= max ? t : t.substring(0, max);
        }
    }

    public Conversation(String ref, Channel channel, long sourceId, String subChannel, Long groupId, Party party,
                        Instant startedAt) {
        if (ref == null || ref.isBlank() || ref.length() > 64) {
            throw new IllegalArgumentException("conversation reference is required (1-64 characters)");
        }
        this.ref = ref;
        this.channel = Objects.requireNonNull(channel, "channel is required");
        if (channel == Channel.VOICE) {
            throw new IllegalArgumentException("voice contacts have no text conversation");
        }
        this.sourceId = sourceId;
        this.subChannel = subChannel == null || subChannel.isBlank() ? null : subChannel.strip();
        this.groupId = groupId;
        Party p = party == null ? new Party(null, null, null) : party;
        this.partyRaw = p.raw();
        this.partyNorm = p.normalized();
        this.partyName = p.name();
        this.startedAt = Objects.requireNonNull(startedAt, "start time is required");
        this.queuedAt = startedAt;
        this.lastActivityAt = startedAt;
        this.state = State.QUEUED;
        this.nextSeq = 1;
    }

    /** The chat token's hash, set once when the chat starts. */
    public void protectWith(String tokenHash) {
        this.accessHash = Objects.requireNonNull(tokenHash, "token hash is required");
    }

    /** Offered to an agent who has not accepted yet. */
    public void offeredTo(long agent) {
        requireOpen();
        this.state = State.OFFERED;
        this.agentId = agent;
    }

    /** Back in the queue (an offer expired or was withdrawn). */
    public void requeued() {
        requireOpen();
        this.state = State.QUEUED;
        this.agentId = null;
    }

    /** The agent accepted it. */
    public void acceptedBy(long agent, Instant at) {
        requireOpen();
        this.state = State.ACTIVE;
        this.agentId = agent;
        if (acceptedAt == null) {
            acceptedAt = Objects.requireNonNull(at, "time is required");
        }
    }

    /** A closed e-mail thread that the customer writes to again waits for an agent anew. */
    public void reopen(Instant at, Party party) {
        this.state = State.QUEUED;
        this.agentId = null;
        this.acceptedAt = null;
        this.endedAt = null;
        this.queuedAt = Objects.requireNonNull(at, "time is required");
        this.lastActivityAt = at;
        if (party != null) {
            this.partyRaw = party.raw();
            this.partyNorm = party.normalized();
            this.partyName = party.name();
        }
    }

    /** Takes the next message number. */
    public int nextMessageSeq(Instant at) {
        requireOpen();
        lastActivityAt = at;
        return nextSeq++;
    }

    /**
     * Ended: the customer's identification is dropped here (the contact record holds it); the token's
     * hash stays, so that the customer can still read the transcript of their chat.
     */
    public void close(Instant at) {
        if (state == State.CLOSED) {
            return;
        }
        this.state = State.CLOSED;
        this.endedAt = Objects.requireNonNull(at, "time is required");
        this.lastActivityAt = at;
        this.partyRaw = null;
        this.partyNorm = null;
        this.partyName = null;
    }

    private void requireOpen() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("the conversation has ended");
        }
    }

    public boolean isOpen() {
        return state != State.CLOSED;
    }

    public Long id() { return id; }
    public String ref() { return ref; }
    public Channel channel() { return channel; }
    public long sourceId() { return sourceId; }
    public String subChannel() { return subChannel; }
    public Long groupId() { return groupId; }
    public State state() { return state; }
    public Party party() { return new Party(partyRaw, partyNorm, partyName); }
    public String accessHash() { return accessHash; }
    public Long agentId() { return agentId; }
    public int messageCount() { return nextSeq - 1; }
    public Instant startedAt() { return startedAt; }
    public Instant queuedAt() { return queuedAt; }
    public Instant acceptedAt() { return acceptedAt; }
    public Instant endedAt() { return endedAt; }
    public Instant lastActivityAt() { return lastActivityAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Conversation other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return Conversation.class.hashCode();
    }
}
