package org.ccs.server.contact;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One contact with the contact center: a customer call over a designated number, an e-mail, a chat.
 * Immutable once written (the database refuses UPDATE too); only retention and GDPR erasure delete it.
 * Built with {@link Builder}; there are no setters.
 */
@Entity
@Table(name = "contact_record")
@NamedQuery(name = ContactRecord.FIND_BY_SOURCE,
        query = "select c from ContactRecord c where c.channel = :channel and c.sourceRef = :sourceRef")
@NamedQuery(name = ContactRecord.FIND_SOURCES,
        query = "select c.sourceRef from ContactRecord c where c.channel = :channel and c.sourceRef in :refs")
@NamedQuery(name = ContactRecord.LATEST,
        query = "select c from ContactRecord c order by c.startedAt desc, c.id desc")
@NamedQuery(name = ContactRecord.COUNT, query = "select count(c) from ContactRecord c")
@NamedQuery(name = ContactRecord.OF_CONVERSATION,
        query = "select c from ContactRecord c where c.conversationRef = :ref order by c.startedAt, c.id")
public class ContactRecord {

    public static final String FIND_BY_SOURCE = "ContactRecord.findBySource";
    public static final String FIND_SOURCES = "ContactRecord.findSources";
    public static final String LATEST = "ContactRecord.latest";
    public static final String COUNT = "ContactRecord.count";
    public static final String OF_CONVERSATION = "ContactRecord.ofConversation";

    /** Ids come from the table's sequence in blocks of 50 (V11), so that many rows go out as one JDBC batch. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_record_id")
    @SequenceGenerator(name = "contact_record_id", sequenceName = "contact_record_id_seq", allocationSize = 50)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 12, updatable = false)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 8, updatable = false)
    private Direction direction;

    /** The source's own key for this contact (e.g. the PBX call), which makes ingestion idempotent. */
    @Column(name = "source_ref", nullable = false, length = 160, updatable = false)
    private String sourceRef;

    @Column(name = "caller_id_raw", length = 128, updatable = false)
    private String callerIdRaw;

    @Column(name = "caller_id_norm", length = 64, updatable = false)
    private String callerIdNormalized;

    @Enumerated(EnumType.STRING)
    @Column(name = "caller_presentation", nullable = false, length = 12, updatable = false)
    private CallerPresentation callerPresentation;

    @Column(name = "designated_number", length = 64, updatable = false)
    private String designatedNumber;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "answered_at", updatable = false)
    private Instant answeredAt;

    @Column(name = "ended_at", nullable = false, updatable = false)
    private Instant endedAt;

    @Column(name = "queue_seconds", nullable = false, updatable = false)
    private int queueSeconds;

    @Column(name = "ring_seconds", nullable = false, updatable = false)
    private int ringSeconds;

    @Column(name = "talk_seconds", nullable = false, updatable = false)
    private int talkSeconds;

    @Column(name = "hold_seconds", nullable = false, updatable = false)
    private int holdSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, length = 20, updatable = false)
    private Outcome outcome;

    /** The agent who handled the contact first (null when nobody answered). */
    @Column(name = "agent_id", updatable = false)
    private Long agentId;

    @Column(name = "customer_id", updatable = false)
    private Long customerId;

    @Column(name = "correlator_data", length = 255, updatable = false)
    private String correlatorData;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** The text-media conversation the contact belongs to (an e-mail thread, a chat); null for voice. */
    @Column(name = "conversation_ref", length = 64, updatable = false)
    private String conversationRef;

    @Enumerated(EnumType.STRING)
    @Column(name = "resync", nullable = false, length = 16, updatable = false)
    private Resync resync = Resync.NONE;

    @OneToMany(mappedBy = "contact", cascade = CascadeType.PERSIST)
    @OrderBy("legNo")
    private List<ContactLeg> legs = new ArrayList<>();

    protected ContactRecord() {
        // for JPA
    }

    private ContactRecord(Builder b) {
        this.channel = Objects.requireNonNull(b.channel, "channel is required");
        this.direction = Objects.requireNonNull(b.direction, "direction is required");
        this.sourceRef = requireText(b.sourceRef, "source reference is required");
        this.callerPresentation = Objects.requireNonNull(b.callerPresentation, "caller presentation is required");
        this.startedAt = Objects.requireNonNull(b.startedAt, "start time is required");
        this.endedAt = Objects.requireNonNull(b.endedAt, "end time is required");
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("a contact cannot end before it starts");
        }
        this.outcome = Objects.requireNonNull(b.outcome, "outcome is required");
        this.createdAt = Objects.requireNonNull(b.createdAt, "creation time is required");
        this.callerIdRaw = b.callerIdRaw;
        this.callerIdNormalized = b.callerIdNormalized;
        this.designatedNumber = b.designatedNumber;
        this.answeredAt = b.answeredAt;
        this.queueSeconds = nonNegative(b.queueSeconds, "queue time");
        this.ringSeconds = nonNegative(b.ringSeconds, "ring time");
        this.talkSeconds = nonNegative(b.talkSeconds, "talk time");
        this.holdSeconds = nonNegative(b.holdSeconds, "hold time");
        this.agentId = b.agentId;
        this.customerId = b.customerId;
        this.correlatorData = b.correlatorData;
        if (b.conversationRef != null && (b.conversationRef.isBlank() || b.conversationRef.length() > 64)) {
            throw new IllegalArgumentException("a conversation reference has 1 to 64 characters");
        }
        this.conversationRef = b.conversationRef;
        this.resync = Objects.requireNonNull(b.resync, "resync is required");
        int legNo = 1;
        for (Builder.LegSpec leg : b.legs) {
            legs.add(new ContactLeg(this, legNo++, leg.type(), leg.device(), leg.agentId(), leg.startedAt(), leg.endedAt()));
        }
    }

    private static String requireText(String s, String message) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return s;
    }

    private static int nonNegative(int v, String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " cannot be negative");
        }
        return v;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Long id() { return id; }
    public Channel channel() { return channel; }
    public Direction direction() { return direction; }
    public String sourceRef() { return sourceRef; }
    public String callerIdRaw() { return callerIdRaw; }
    public String callerIdNormalized() { return callerIdNormalized; }
    public CallerPresentation callerPresentation() { return callerPresentation; }
    public String designatedNumber() { return designatedNumber; }
    public Instant startedAt() { return startedAt; }
    public Instant answeredAt() { return answeredAt; }
    public Instant endedAt() { return endedAt; }
    public Duration queueTime() { return Duration.ofSeconds(queueSeconds); }
    public Duration ringTime() { return Duration.ofSeconds(ringSeconds); }
    public Duration talkTime() { return Duration.ofSeconds(talkSeconds); }
    public Duration holdTime() { return Duration.ofSeconds(holdSeconds); }
    public Outcome outcome() { return outcome; }
    public Long agentId() { return agentId; }
    public Long customerId() { return customerId; }
    public String correlatorData() { return correlatorData; }
    public Instant createdAt() { return createdAt; }
    public String conversationRef() { return conversationRef; }
    public Resync resync() { return resync; }
    public List<ContactLeg> legs() { return Collections.unmodifiableList(legs); }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ContactRecord other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return ContactRecord.class.hashCode();
    }

    /** Collects a contact's facts before it is written once. */
    public static final class Builder {
        private Channel channel;
        private Direction direction = Direction.INBOUND;
        private String sourceRef;
        private String callerIdRaw;
        private String callerIdNormalized;
        private CallerPresentation callerPresentation = CallerPresentation.NOT_KNOWN;
        private String designatedNumber;
        private Instant startedAt;
        private Instant answeredAt;
        private Instant endedAt;
        private int queueSeconds;
        private int ringSeconds;
        private int talkSeconds;
        private int holdSeconds;
        private Outcome outcome;
        private Long agentId;
        private Long customerId;
        private String correlatorData;
        private Instant createdAt;
        private String conversationRef;
        private Resync resync = Resync.NONE;
        private final List<LegSpec> legs = new ArrayList<>();

        record LegSpec(LegType type, String device, Long agentId, Instant startedAt, Instant endedAt) { }

        public Builder channel(Channel v) { channel = v; return this; }
        public Builder direction(Direction v) { direction = v; return this; }
        public Builder sourceRef(String v) { sourceRef = v; return this; }
        public Builder caller(String raw, String normalized, CallerPresentation presentation) {
            callerIdRaw = raw; callerIdNormalized = normalized; callerPresentation = presentation; return this;
        }
        public Builder designatedNumber(String v) { designatedNumber = v; return this; }
        public Builder period(Instant started, Instant answered, Instant ended) {
            startedAt = started; answeredAt = answered; endedAt = ended; return this;
        }
        public Builder durations(int queue, int ring, int talk, int hold) {
            queueSeconds = queue; ringSeconds = ring; talkSeconds = talk; holdSeconds = hold; return this;
        }
        public Builder outcome(Outcome v) { outcome = v; return this; }
        public Builder agentId(Long v) { agentId = v; return this; }
        public Builder customerId(Long v) { customerId = v; return this; }
        public Builder correlatorData(String v) { correlatorData = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder conversationRef(String v) { conversationRef = v; return this; }
        public Builder resync(Resync v) { resync = v; return this; }
        public Builder leg(LegType type, String device, Long agentId, Instant started, Instant ended) {
            legs.add(new LegSpec(type, device, agentId, started, ended)); return this;
        }
        public ContactRecord build() { return new ContactRecord(this); }
    }
}
