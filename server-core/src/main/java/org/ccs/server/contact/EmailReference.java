package org.ccs.server.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the e-mail of an EMAIL contact lives: the body stays on the mail server, found again by the
 * IMAP mailbox, folder, UIDVALIDITY and UID, or by its Message-ID. Immutable.
 */
@Entity
@Table(name = "email_reference")
@NamedQuery(name = EmailReference.OF_CONTACT, query = "select e from EmailReference e where e.contact.id = :contactId")
@NamedQuery(name = EmailReference.BY_MESSAGE_ID, query = "select e from EmailReference e where e.messageId = :messageId")
public class EmailReference {

    public static final String OF_CONTACT = "EmailReference.ofContact";
    public static final String BY_MESSAGE_ID = "EmailReference.byMessageId";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id", nullable = false, updatable = false, unique = true)
    private ContactRecord contact;

    /** The contact center mailbox's address. */
    @Column(name = "mailbox", nullable = false, length = 254, updatable = false)
    private String mailbox;

    @Column(name = "folder", nullable = false, length = 200, updatable = false)
    private String folder;

    @Column(name = "uid_validity", nullable = false, updatable = false)
    private long uidValidity;

    @Column(name = "uid", nullable = false, updatable = false)
    private long uid;

    @Column(name = "message_id", nullable = false, length = 250, updatable = false)
    private String messageId;

    @Column(name = "subject", length = 255, updatable = false)
    private String subject;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    protected EmailReference() {
        // for JPA
    }

    public EmailReference(ContactRecord contact, String mailbox, String folder, long uidValidity, long uid,
                          String messageId, String subject, Instant receivedAt) {
        this.contact = Objects.requireNonNull(contact, "contact is required");
        this.mailbox = requireText(mailbox, "mailbox is required");
        this.folder = requireText(folder, "folder is required");
        if (uidValidity <= 0 || uid <= 0) {
            throw new IllegalArgumentException("IMAP UIDVALIDITY and UID are positive");
        }
        this.uidValidity = uidValidity;
        this.uid = uid;
        this.messageId = requireText(messageId, "Message-ID is required");
        this.subject = subject == null || subject.length() <= 255 ? subject : subject.substring(0, 255);
        this.receivedAt = Objects.requireNonNull(receivedAt, "reception time is required");
    }

    private static String requireText(String s, String message) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return s;
    }

    public Long id() { return id; }
    public ContactRecord contact() { return contact; }
    public String mailbox() { return mailbox; }
    public String folder() { return folder; }
    public long uidValidity() { return uidValidity; }
    public long uid() { return uid; }
    public String messageId() { return messageId; }
    public String subject() { return subject; }
    public Instant receivedAt() { return receivedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof EmailReference other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return EmailReference.class.hashCode();
    }
}
