package org.ccs.server.security;

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
 * One line of the audit trail: who did what to which object, when, and whether it was allowed.
 * Append-only (the application's database role may insert, not update). {@link #detail()} must not
 * carry personal data of customers; name objects by type and id.
 */
@Entity
@Table(name = "audit_entry")
@NamedQuery(name = AuditEntry.BETWEEN, query = "select a from AuditEntry a"
        + " where a.occurredAt >= :from and a.occurredAt < :to order by a.occurredAt desc, a.id desc")
public class AuditEntry {

    public static final String BETWEEN = "AuditEntry.between";

    /** How the attempt ended. */
    public enum Outcome { SUCCESS, DENIED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    /** The login (or {@code system} for jobs). */
    @Column(name = "actor", nullable = false, length = 64, updatable = false)
    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(name = "actor_role", length = 16, updatable = false)
    private Role actorRole;

    /** What was done, e.g. {@code retention.change} or {@code agent.create}. */
    @Column(name = "action_name", nullable = false, length = 64, updatable = false)
    private String action;

    @Column(name = "target_type", length = 64, updatable = false)
    private String targetType;

    @Column(name = "target_id", length = 64, updatable = false)
    private String targetId;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, length = 8, updatable = false)
    private Outcome outcome;

    @Column(name = "detail", length = 255, updatable = false)
    private String detail;

    @Column(name = "source_address", length = 64, updatable = false)
    private String sourceAddress;

    protected AuditEntry() {
        // for JPA
    }

    public AuditEntry(Instant occurredAt, String actor, Role actorRole, String action, String targetType,
                      String targetId, Outcome outcome, String detail, String sourceAddress) {
        this.occurredAt = Objects.requireNonNull(occurredAt, "time is required");
        this.actor = requireText(actor, "actor is required", 64);
        this.actorRole = actorRole;
        this.action = requireText(action, "action is required", 64);
        this.targetType = targetType;
        this.targetId = targetId;
        this.outcome = Objects.requireNonNull(outcome, "outcome is required");
        this.detail = detail == null || detail.length() <= 255 ? detail : detail.substring(0, 255);
        this.sourceAddress = sourceAddress;
    }

    private static String requireText(String s, String message, int max) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        if (s.length() > max) {
            throw new IllegalArgumentException(message.replace(" is required", "") + " is longer than " + max + " characters");
        }
        return s;
    }

    public Long id() { return id; }
    public Instant occurredAt() { return occurredAt; }
    public String actor() { return actor; }
    public Role actorRole() { return actorRole; }
    public String action() { return action; }
    public String targetType() { return targetType; }
    public String targetId() { return targetId; }
    public Outcome outcome() { return outcome; }
    public String detail() { return detail; }
    public String sourceAddress() { return sourceAddress; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof AuditEntry other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return AuditEntry.class.hashCode();
    }
}
