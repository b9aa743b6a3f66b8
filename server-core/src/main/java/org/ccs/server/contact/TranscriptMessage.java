package org.ccs.server.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;

/** One message of a chat or other text-media transcript, in the order it was sent. Immutable. */
@Entity
@Table(name = "transcript_message", uniqueConstraints = @UniqueConstraint(name = "uq_transcript_message_seq",
        columnNames = {"contact_id", "seq"}))
@NamedQuery(name = TranscriptMessage.OF_CONTACT,
        query = "select m from TranscriptMessage m where m.contact.id = :contactId order by m.seq")
public class TranscriptMessage {

    public static final String OF_CONTACT = "TranscriptMessage.ofContact";
    /** The longest text one message row holds (longer messages are split by the channel). */
    public static final int MAX_TEXT = 4000;

    /** Who wrote the message. */
    public enum SenderType { CUSTOMER, AGENT, SYSTEM, BOT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id", nullable = false, updatable = false)
    private ContactRecord contact;

    @Column(name = "seq", nullable = false, updatable = false)
    private int seq;

    @Enumerated(EnumType.STRING)
    @Column(name = "sender_type", nullable = false, length = 12, updatable = false)
    private SenderType senderType;

    /** The agent's login or the channel's participant id; null for system messages. */
    @Column(name = "sender_id", length = 128, updatable = false)
    private String senderId;

    @Column(name = "sent_at", nullable = false, updatable = false)
    private Instant sentAt;

    @Column(name = "message_text", nullable = false, length = MAX_TEXT, updatable = false)
    private String text;

    protected TranscriptMessage() {
        // for JPA
    }

    public TranscriptMessage(ContactRecord contact, int seq, SenderType senderType, String senderId, Instant sentAt,
                             String text) {
        this.contact = Objects.requireNonNull(contact, "contact is required");
        if (seq < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
        this.seq = seq;
        this.senderType = Objects.requireNonNull(senderType, "sender type is required");
        this.senderId = senderId;
        this.sentAt = Objects.requireNonNull(sentAt, "sending time is required");
        Objects.requireNonNull(text, "message text is required");
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("message text is longer than " + MAX_TEXT + " characters");
        }
        this.text = text;
    }

    public Long id() { return id; }
    public ContactRecord contact() { return contact; }
    public int seq() { return seq; }
    public SenderType senderType() { return senderType; }
    public String senderId() { return senderId; }
    public Instant sentAt() { return sentAt; }
    public String text() { return text; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof TranscriptMessage other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return TranscriptMessage.class.hashCode();
    }
}
