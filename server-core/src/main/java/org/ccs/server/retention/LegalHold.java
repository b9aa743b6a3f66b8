package org.ccs.server.retention;

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

/**
 * A legal hold: while it is active, the retention purge and erasure leave alone what it names — one
 * customer, one contact, or a whole category. {@link #matterRef()} is the case or matter number.
 */
@Entity
@Table(name = "legal_hold")
@NamedQuery(name = LegalHold.ACTIVE, query = "select h from LegalHold h where h.releasedAt is null order by h.placedAt")
public class LegalHold {

    public static final String ACTIVE = "LegalHold.active";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "matter_ref", nullable = false, length = 100, updatable = false)
    private String matterRef;

    @Enumerated(EnumType.STRING)
    @Column(name = "category", length = 24, updatable = false)
    private RetentionCategory category;

    @Column(name = "customer_id", updatable = false)
    private Long customerId;

    @Column(name = "contact_id", updatable = false)
    private Long contactId;

    @Column(name = "placed_by", nullable = false, length = 64, updatable = false)
    private String placedBy;

    @Column(name = "placed_at", nullable = false, updatable = false)
    private Instant placedAt;

    @Column(name = "released_by", length = 64)
    private String releasedBy;

    @Column(name = "released_at")
    private Instant releasedAt;

    protected LegalHold() {
        // for JPA
    }

    private LegalHold(String matterRef, RetentionCategory category, Long customerId, Long contactId, String placedBy,
                      Instant placedAt) {
        if (matterRef == null || matterRef.isBlank()) {
            throw new IllegalArgumentException("matter reference is required");
        }
        this.matterRef = matterRef.strip();
        this.category = category;
        this.customerId = customerId;
        this.contactId = contactId;
        if (placedBy == null || placedBy.isBlank()) {
            throw new IllegalArgumentException("who placed the hold is required");
        }
        this.placedBy = placedBy;
        this.placedAt = Objects.requireNonNull(placedAt, "time of the hold is required");
    }

    /** Holds everything of one customer (its contacts and 360° data). */
    public static LegalHold onCustomer(String matterRef, Long customerId, String placedBy, Instant now) {
        return new LegalHold(matterRef, null, Objects.requireNonNull(customerId, "customer is required"), null,
                placedBy, now);
    }

    /** Holds one contact record with everything attached to it. */
    public static LegalHold onContact(String matterRef, Long contactId, String placedBy, Instant now) {
        return new LegalHold(matterRef, null, null, Objects.requireNonNull(contactId, "contact is required"),
                placedBy, now);
    }

    /** Stops the purge of a whole category. */
    public static LegalHold onCategory(String matterRef, RetentionCategory category, String placedBy, Instant now) {
        return new LegalHold(matterRef, Objects.requireNonNull(category, "category is required"), null, null,
                placedBy, now);
    }

    /** Lifts the hold; the data it held becomes subject to retention again. */
    public void release(String by, Instant now) {
        if (releasedAt != null) {
            throw new IllegalStateException("the hold is already released");
        }
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("who released the hold is required");
        }
        this.releasedBy = by;
        this.releasedAt = Objects.requireNonNull(now, "time of release is required");
    }

    public boolean isActive() {
        return releasedAt == null;
    }

    public Long id() { return id; }
    public String matterRef() { return matterRef; }
    public RetentionCategory category() { return category; }
    public Long customerId() { return customerId; }
    public Long contactId() { return contactId; }
    public String placedBy() { return placedBy; }
    public Instant placedAt() { return placedAt; }
    public String releasedBy() { return releasedBy; }
    public Instant releasedAt() { return releasedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof LegalHold other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return LegalHold.class.hashCode();
    }
}
