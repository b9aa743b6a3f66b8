package org.ccs.server.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A customer of the 360° view; identified through its identifiers (phone, e-mail, ids). */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Customer() {
        // for JPA
    }

    public Customer(String displayName, Instant now) {
        this.displayName = displayName;
        this.createdAt = Objects.requireNonNull(now, "creation time is required");
    }

    public Long id() { return id; }
    public String displayName() { return displayName; }
    public Instant createdAt() { return createdAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Customer other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return Customer.class.hashCode();
    }
}
