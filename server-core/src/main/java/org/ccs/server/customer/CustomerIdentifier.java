package org.ccs.server.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;

/**
 * One identifier of a customer: a phone number, e-mail address, customer id or social id, kept as
 * entered ({@link #rawValue()}) and normalised ({@link #normalisedValue()}: phone E.164 digits with
 * the site's country code, e-mail lower case). Contact ingestion and GDPR requests look customers up
 * by (type, normalised value), which the database indexes.
 */
@Entity
@Table(name = "customer_identifier",
        uniqueConstraints = @UniqueConstraint(name = "uq_customer_identifier",
                columnNames = {"customer_id", "identifier_type", "normalised_value"}),
        indexes = @Index(name = "ix_customer_identifier_norm", columnList = "identifier_type, normalised_value"))
@NamedQuery(name = CustomerIdentifier.FIND, query = "select i from CustomerIdentifier i"
        + " where i.type = :type and i.normalisedValue = :normalisedValue")
@NamedQuery(name = CustomerIdentifier.OF_CUSTOMER,
        query = "select i from CustomerIdentifier i where i.customerId = :customerId order by i.type, i.id")
public class CustomerIdentifier {

    public static final String FIND = "CustomerIdentifier.find";
    public static final String OF_CUSTOMER = "CustomerIdentifier.ofCustomer";

    /** What kind of identifier. */
    public enum Type { PHONE, EMAIL, CUSTOMER_ID, SOCIAL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private Long customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "identifier_type", nullable = false, length = 16, updatable = false)
    private Type type;

    @Column(name = "raw_value", nullable = false, length = 254)
    private String rawValue;

    @Column(name = "normalised_value", nullable = false, length = 254)
    private String normalisedValue;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected CustomerIdentifier() {
        // for JPA
    }

    public CustomerIdentifier(Long customerId, Type type, String rawValue, String normalisedValue, Instant now) {
        this.customerId = Objects.requireNonNull(customerId, "customer is required");
        this.type = Objects.requireNonNull(type, "identifier type is required");
        this.rawValue = requireText(rawValue, "identifier is required");
        this.normalisedValue = requireText(normalisedValue, "normalised identifier is required");
        this.createdAt = Objects.requireNonNull(now, "creation time is required");
    }

    private static String requireText(String s, String message) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        if (s.length() > 254) {
            throw new IllegalArgumentException("identifier is longer than 254 characters");
        }
        return s;
    }

    /** Corrects how the identifier is written; its type stays. */
    public void correct(String newRawValue, String newNormalisedValue) {
        this.rawValue = requireText(newRawValue, "identifier is required");
        this.normalisedValue = requireText(newNormalisedValue, "normalised identifier is required");
    }

    public Long id() { return id; }
    public Long customerId() { return customerId; }
    public Type type() { return type; }
    public String rawValue() { return rawValue; }
    public String normalisedValue() { return normalisedValue; }
    public Instant createdAt() { return createdAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof CustomerIdentifier other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return CustomerIdentifier.class.hashCode();
    }

    @Override
    public String toString() {
        return "CustomerIdentifier[" + id + ", " + type + "]"; // no value: personal data stays out of logs
    }
}
