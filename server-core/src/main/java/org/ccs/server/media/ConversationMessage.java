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
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;
import org.ccs.server.contact.TranscriptMessage;
import org.ccs.server.contact.TranscriptMessage.SenderType;

/**
 * One message of an open conversation, stored as it comes; when the conversation ends it is copied
 * into the contact record's transcript ({@link TranscriptMessage}) and deleted here.
 */
@Entity
@Table(name = "conversation_message", uniqueConstraints = @UniqueConstraint(name = "uq_conversation_message_seq",
        columnNames = {"conversation_id", "seq"}))
@NamedQuery(name = ConversationMessage.AFTER, query = "select m from ConversationMessage m "
        + "where m.conversationId = :conversationId and m.seq > :after order by m.seq")
@NamedQuery(name = ConversationMessage.DELETE_OF, query = "delete from ConversationMessage m where m.conversationId = :conversationId")
public class ConversationMessage {

    public static final String AFTER = "ConversationMessage.after";
    public static final String DELETE_OF = "ConversationMessage.deleteOf";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "conversation_id", nullable = false, updatable = false)
    private Long conversationId;

    @Column(name = "seq", nullable = false, updatable = false)
    private int seq;

    @Enumerated(EnumType.STRING)
    @Column(name = "sender_type", nullable = false, length = 12, updatable = false)
    private SenderType senderType;

    @Column(name = "sender_id", length = 128, updatable = false)
    private String senderId;

    @Column(name = "sent_at", nullable = false, updatable = false)
    private Instant sentAt;

    @Column(name = "message_text", nullable = false, length = TranscriptMessage.MAX_TEXT, updatable = false)
    private String text;

    protected ConversationMessage() {
        // for JPA
    }

    public ConversationMessage(Long conversationId, int seq, SenderType senderType, String senderId, Instant sentAt,
                               String text) {
        this.conversationId = Objects.requireNonNull(conversationId, "conversation is required");
        if (seq < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
        this.seq = seq;
        this.senderType = Objects.requireNonNull(senderType, "sender type is required");
        this.senderId = senderId;
        this.sentAt = Objects.requireNonNull(sentAt, "sending time is required");
        Objects.requireNonNull(text, "message text is required");
        if (text.isEmpty() || text.length() > TranscriptMessage.MAX_TEXT) {
            throw new IllegalArgumentException("a message has 1 to " + TranscriptMessage.MAX_TEXT + " characters");
        }
        this.text = text;
    }

    public Long id() { return id; }
    public Long conversationId() { return conversationId; }
    public int seq() { return seq; }
    public SenderType senderType() { return senderType; }
    public String senderId() { return senderId; }
    public Instant sentAt() { return sentAt; }
    public String text() { return text; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ConversationMessage other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return ConversationMessage.class.hashCode();
    }
}
