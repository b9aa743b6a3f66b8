package org.ccs.server.retention;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import org.ccs.server.security.AuditEntry;
import org.ccs.server.security.Role;

/**
 * Retention per data category: the periods and their changes. A period is 1 to 3653 days (ten years),
 * checked here with a message for the manager, and by the database (CHECK on retention_policy.days).
 * Every change is audited with who, the old and the new value; a refused change is audited as FAILED.
 * A longer period also moves back the cutoff of an unfinished purge run, so that the run, when it
 * resumes, never deletes what the new period keeps.
 */
@Stateless
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class.getName());

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    @Inject
    Clock clock;

    /** Every category with its period, in category order. */
    public List<RetentionPolicyView> policies() {
        return em.createNamedQuery(RetentionPolicy.ALL, RetentionPolicy.class).getResultList().stream()
                .map(RetentionPolicyView::of).sorted((a, b) -> a.category().compareTo(b.category())).toList();
    }

    /**
     * Sets the period of {@code category}.
     *
     * @throws InvalidRetentionException when {@code days} is outside 1..3653 (the message says why)
     */
    public RetentionPolicyView changeDays(RetentionCategory category, int days, String actor, Role actorRole,
                                          String sourceAddress) {
        Objects.requireNonNull(category, "category is required");
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required");
        }
        Instant now = clock.instant();
        RetentionPolicy policy = em.find(RetentionPolicy.class, category);
        if (policy == null) {
            throw new IllegalStateException("no retention policy for " + category + " (run the db-scripts migrations)");
        }
        int old = policy.days();
        String refusal = refusal(category, days);
        if (refusal != null) {
            em.persist(new AuditEntry(now, actor, actorRole, "retention.change", "retention_policy", category.name(),
                    AuditEntry.Outcome.FAILED, "refused: " + days + " days (kept " + old + ")", sourceAddress));
            LOG.info(() -> "retention change of " + category + " refused: " + days + " days");
            throw new InvalidRetentionException(refusal);
        }
        policy.changeDays(days, actor, now);
        em.persist(new AuditEntry(now, actor, actorRole, "retention.change", "retention_policy", category.name(),
                AuditEntry.Outcome.SUCCESS, "days " + old + " -> " + days, sourceAddress));
        if (days > old) {
            em.flush();
            em.createNativeQuery("UPDATE purge_progress SET cutoff_at = ?1 WHERE category = ?2 AND cutoff_at > ?1"
                            + " AND run_id IN (SELECT id FROM purge_run WHERE status <> 'DONE')")
                    .setParameter(1, now.minus(Duration.ofDays(days))).setParameter(2, category.name()).executeUpdate();
        }
        LOG.info(() -> "retention of " + category + " changed from " + old + " to " + days + " days by " + actor);
        return RetentionPolicyView.of(policy);
    }

    /** Why {@code days} is refused for {@code category}, or null when it is allowed. */
    static String refusal(RetentionCategory category, int days) {
        if (days > RetentionPolicy.MAX_DAYS) {
            return "retention of " + category + " cannot be " + days + " days: the longest allowed is "
                    + RetentionPolicy.MAX_DAYS + " days (10 years)";
        }
        if (days < RetentionPolicy.MIN_DAYS) {
            return "retention of " + category + " cannot be " + days + " days: the shortest allowed is "
                    + RetentionPolicy.MIN_DAYS + " day";
        }
        return null;
    }
}
