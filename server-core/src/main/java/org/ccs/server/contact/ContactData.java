package org.ccs.server.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;

/**
 * Digits the IVR collected during a contact (an account, card or social-security number). The plain
 * value is never stored: agents see {@link #maskedValue()}; when the site configures encryption the
 * ciphertext is kept too ({@link #encryptedValue()}, base64, under the key {@link #keyId()}).
 * Immutable like its contact record: no setters, and the database refuses UPDATE.
 */
@Entity
@Table(name = "contact_data", uniqueConstraints = @UniqueConstraint(name = "uq_contact_data_seq",
        columnNames = {"contact_id", "seq"}))
@NamedQuery(name = ContactData.OF_CONTACT,
        query = "select d from ContactData d where d.contact.id = :contactId order by d.seq")
public class ContactData {

    public static final String OF_CONTACT = "ContactData.ofContact";

    /** Ids come from the table's sequence in blocks of 50 (V11), so that many rows go out as one JDBC batch. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_data_id")
    @SequenceGenerator(name = "contact_data_id", sequenceName = "contact_data_id_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id", nullable = false, updatable = false)
    private ContactRecord contact;

    @Column(name = "seq", nullable = false, updatable = false)
    private int seq;

    /** What was collected, as the IVR names it (e.g. {@code account_number}). */
    @Column(name = "data_key", nullable = false, length = 64, updatable = false)
    private String dataKey;

    @Column(name = "masked_value", nullable = false, length = 64, updatable = false)
    private String maskedValue;

    @Column(name = "encrypted_value", length = 1024, updatable = false)
    private String encryptedValue;

    @Column(name = "key_id", length = 64, updatable = false)
    private String keyId;

    @Column(name = "collected_at", nullable = false, updatable = false)
    private Instant collectedAt;

    protected ContactData() {
        // for JPA
    }

    private ContactData(ContactRecord contact, int seq, String dataKey, String maskedValue, String encryptedValue,
                        String keyId, Instant collectedAt) {
        this.contact = Objects.requireNonNull(contact, "contact is required");
        if (seq < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
        this.seq = seq;
        this.dataKey = requireText(dataKey, "data key is required");
        this.maskedValue = requireText(maskedValue, "masked value is required");
        this.encryptedValue = encryptedValue;
        this.keyId = keyId;
        this.collectedAt = Objects.requireNonNull(collectedAt, "collection time is required");
    }

    /** Digits kept masked only. */
    public static ContactData masked(ContactRecord contact, int seq, String dataKey, String maskedValue,
                                     Instant collectedAt) {
        return new ContactData(contact, seq, dataKey, maskedValue, null, null, collectedAt);
    }

    /** Digits kept masked and encrypted (the caller encrypts; this class never sees the plain value). */
    public static ContactData maskedAndEncrypted(ContactRecord contact, int seq, String dataKey, String maskedValue,
                                                 String encryptedValue, String keyId, Instant collectedAt) {
        return new ContactData(contact, seq, dataKey, maskedValue,
                requireText(encryptedValue, "encrypted value is required"),
                requireText(keyId, "key id is required with an encrypted value"), collectedAt);
    }

    private static String requireText(String s, String message) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return s;
    }

    public Long id() { return id; }
    public ContactRecord contact() { return contact; }
    public int seq() { return seq; }
    public String dataKey() { return dataKey; }
    public String maskedValue() { return maskedValue; }
    public String encryptedValue() { return encryptedValue; }
    public String keyId() { return keyId; }
    public boolean isEncrypted() { return encryptedValue != null; }
    public Instant collectedAt() { return collectedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ContactData other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return ContactData.class.hashCode();
    }

    @Override
    public String toString() {
        return "ContactData[" + dataKey + "=" + maskedValue + "]";
    }
}
