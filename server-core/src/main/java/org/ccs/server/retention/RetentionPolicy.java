package org.ccs.server.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long one data category is kept. One row per category exists from installation on (seeded by
 * the schema migration); managers change the days, never add or remove categories.
 */
@Entity
@Table(name = "retention_policy")
@NamedQuery(name = RetentionPolicy.ALL, query = "select p from RetentionPolicy p order by p.category")
public class RetentionPolicy {

    public static final String ALL = "RetentionPolicy.all";
    /** Ten years: the longest retention the product allows (the database checks it too). */
    public static final int MAX_DAYS = 3653;
    public static final int MIN_DAYS = 1;

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "category", nullable = false, length = 24, updatable = false)
    private RetentionCategory category;

    @Column(name = "days", nullable = false)
    private int days;

    /** When a manager last changed it; null while the installation default holds. */
    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_by", length = 64)
    private String updatedBy;

    protected RetentionPolicy() {
        // for JPA
    }

    public RetentionPolicy(RetentionCategory category, int days) {
        this.category = Objects.requireNonNull(category, "category is required");
        this.days = checkDays(days);
    }

    private static int checkDays(int days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException("retention must be between " + MIN_DAYS + " and " + MAX_DAYS + " days");
        }
        return days;
    }

    /** A manager sets a new period. */
    public void changeDays(int newDays, String changedBy, Instant now) {
        this.days = checkDays(newDays);
        if (changedBy == null || changedBy.isBlank()) {
            throw new IllegalArgumentException("who changed the retention is required");
        }
        this.updatedBy = changedBy;
        this.updatedAt = Objects.requireNonNull(now, "time of the change is required");
    }

    /** Data of this category created before the returned instant is due for the purge. */
    public Instant purgeBefore(Instant now) {
        return Objects.requireNonNull(now, "now is required").minus(Duration.ofDays(days));
    }

    public RetentionCategory category() { return category; }
    public int days() { return days; }
    public Instant updatedAt() { return updatedAt; }
    public String updatedBy() { return updatedBy; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof RetentionPolicy other && category != null && category == other.category);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(category);
    }
}
