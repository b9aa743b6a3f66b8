package org.ccs.server.customer;

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
 * A customer's consent decision for one purpose, as evidence: append-only (the database grants no
 * UPDATE). A withdrawal is a new record with {@link Status#WITHDRAWN}; the latest record per purpose
 * is the one in force.
 */
@Entity
@Table(name = "consent_record")
@NamedQuery(name = ConsentRecord.OF_CUSTOMER, query = "select c from ConsentRecord c"
        + " where c.customerId = :customerId order by c.purpose, c.recordedAt desc, c.id desc")
public class ConsentRecord {

    public static final String OF_CUSTOMER = "ConsentRecord.ofCustomer";

    /** The decision. */
    public enum Status { GRANTED, REFUSED, WITHDRAWN }

    /** Where the decision was taken. */
    public enum Source { AGENT, MANAGER, WEB, IVR, EMAIL, IMPORT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private Long customerId;

    @Column(name = "purpose", nullable = false, length = 64, updatable = false)
    private String purpose;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 12, updatable = false)
    private Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, length = 12, updatable = false)
    private Source source;

    /** Where the proof is (a document or recording reference), if anywhere. */
    @Column(name = "evidence_ref", length = 255, updatable = false)
    private String evidenceRef;

    /** The login that recorded the decision. */
    @Column(name = "recorded_by", nullable = false, length = 64, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "valid_until", updatable = false)
    private Instant validUntil;

    protected ConsentRecord() {
        // for JPA
    }

    public ConsentRecord(Long customerId, String purpose, Status status, Source source, String evidenceRef,
                         String recordedBy, Instant recordedAt, Instant validUntil) {
        this.customerId = Objects.requireNonNull(customerId, "customer is required");
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("purpose is required");
        }
        this.purpose = purpose.strip();
        this.status = Objects.requireNonNull(status, "consent status is required");
        this.source = Objects.requireNonNull(source, "consent source is required");
        this.evidenceRef = evidenceRef;
        if (recordedBy == null || recordedBy.isBlank()) {
            throw new IllegalArgumentException("who recorded the consent is required");
        }
        this.recordedBy = recordedBy;
        this.recordedAt = Objects.requireNonNull(recordedAt, "recording time is required");
        if (validUntil != null && !validUntil.isAfter(recordedAt)) {
            throw new IllegalArgumentException("a consent must be valid for some time after it is recorded");
        }
        this.validUntil = validUntil;
    }

    /** True if this record grants the purpose at {@code when}. */
    public boolean grantsAt(Instant when) {
        Objects.requireNonNull(when, "time is required");
        return status == Status.GRANTED && !when.isBefore(recordedAt) && (validUntil == null || when.isBefore(validUntil));
    }

    public Long id() { return id; }
    public Long customerId() { return customerId; }
    public String purpose() { return purpose; }
    public Status status() { return status; }
    public Source source() { return source; }
    public String evidenceRef() { return evidenceRef; }
    public String recordedBy() { return recordedBy; }
    public Instant recordedAt() { return recordedAt; }
    public Instant validUntil() { return validUntil; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ConsentRecord other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return ConsentRecord.class.hashCode();
    }
}
