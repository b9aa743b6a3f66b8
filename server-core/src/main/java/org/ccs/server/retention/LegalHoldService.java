package org.ccs.server.retention;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.ccs.server.customer.Customer;
import org.ccs.server.security.AuditEntry;
import org.ccs.server.security.Role;

/**
 * Legal holds: a manager puts a subject (a customer: all its contacts and its 360-degree data), a set of
 * contact records, or a whole data category on hold, under a matter reference and with a reason; the
 * retention purge (and erasure) leave what a hold names alone until it is lifted, with a reason too.
 * Every placement and every release is audited (the matter and what is held, never the free-text reason,
 * which stays in {@code legal_hold}).
 */
@Stateless
public class LegalHoldService {

    private static final Logger LOG = Logger.getLogger(LegalHoldService.class.getName());
    /** The most contact records one request may put on hold. */
    public static final int MAX_CONTACTS = 1000;

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    @Inject
    Clock clock;

    /** Active holds, or every hold, newest first. */
    public List<LegalHoldView> list(boolean includeReleased) {
        List<LegalHold> holds = includeReleased
                ? em.createQuery("select h from LegalHold h order by h.placedAt desc, h.id desc", LegalHold.class).getResultList()
                : em.createQuery("select h from LegalHold h where h.releasedAt is null order by h.placedAt desc, h.id desc",
                        LegalHold.class).getResultList();
        return views(holds);
    }

    /** Puts one customer (the data subject) on hold: its contacts, what hangs on them, and its 360-degree data. */
    public LegalHoldView placeOnCustomer(long customerId, String matterRef, String reason, String actor, Role role,
                                         String sourceAddress) {
        checkText(matterRef, "matter reference", 100);
        checkText(reason, "reason", 255);
        if (em.find(Customer.class, customerId) == null) {
            throw new LegalHoldException(LegalHoldException.Kind.NOT_FOUND, "customer " + customerId + " does not exist");
        }
        LegalHold hold = LegalHold.onCustomer(matterRef, customerId, actor, clock.instant());
        return place(hold, reason, "customer " + customerId, actor, role, sourceAddress);
    }

    /** Puts a set of contact records on hold, one hold each under the same matter. */
    public List<LegalHoldView> placeOnContacts(Collection<Long> contactIds, String matterRef, String reason, String actor,
                                               Role role, String sourceAddress) {
        checkText(matterRef, "matter reference", 100);
        checkText(reason, "reason", 255);
        if (contactIds == null || contactIds.isEmpty() || contactIds.size() > MAX_CONTACTS
                || contactIds.stream().anyMatch(java.util.Objects::isNull)) {
            throw new LegalHoldException(LegalHoldException.Kind.INVALID,
                    "name 1 to " + MAX_CONTACTS + " contact records to put on hold");
        }
        Set<Long> ids = new LinkedHashSet<>(contactIds);
        Set<Long> found = new HashSet<>(em.createQuery("select c.id from ContactRecord c where c.id in :ids", Long.class)
                .setParameter("ids", ids).getResultList());
        if (found.size() != ids.size()) {
            List<Long> missing = ids.stream().filter(id -> !found.contains(id)).limit(10).toList();
            throw new LegalHoldException(LegalHoldException.Kind.NOT_FOUND, (ids.size() - found.size())
                    + " of the contact records do not exist, e.g. " + missing);
        }
        Instant now = clock.instant();
        List<LegalHoldView> out = new ArrayList<>();
        for (Long id : ids) {
            out.add(place(LegalHold.onContact(matterRef, id, actor, now), reason, "contact " + id, actor, role,
                    sourceAddress));
        }
        return out;
    }

    /** Stops the purge of a whole category. */
    public LegalHoldView placeOnCategory(RetentionCategory category, String matterRef, String reason, String actor, Role role,
                                         String sourceAddress) {
        checkText(matterRef, "matter reference", 100);
        checkText(reason, "reason", 255);
        if (category == null) {
            throw new LegalHoldException(LegalHoldException.Kind.INVALID, "a category is required");
        }
        return place(LegalHold.onCategory(matterRef, category, actor, clock.instant()), reason, "category " + category,
                actor, role, sourceAddress);
    }

    /** Lifts one hold; what it held is subject to retention again from the next purge run. */
    public LegalHoldView lift(long holdId, String reason, String actor, Role role, String sourceAddress) {
        checkText(reason, "reason", 255);
        LegalHold hold = em.find(LegalHold.class, holdId);
        if (hold == null) {
            throw new LegalHoldException(LegalHoldException.Kind.NOT_FOUND, "legal hold " + holdId + " does not exist");
        }
        if (!hold.isActive()) {
            throw new LegalHoldException(LegalHoldException.Kind.CONFLICT, "legal hold " + holdId + " was already lifted");
        }
        return release(hold, reason, actor, role, sourceAddress);
    }

    /** Lifts every active hold of one matter. */
    public List<LegalHoldView> liftMatter(String matterRef, String reason, String actor, Role role, String sourceAddress) {
        checkText(matterRef, "matter reference", 100);
        checkText(reason, "reason", 255);
        List<LegalHold> holds = em.createQuery("select h from LegalHold h where h.matterRef = :m and h.releasedAt is null"
                + " order by h.id", LegalHold.class).setParameter("m", matterRef.strip()).getResultList();
        if (holds.isEmpty()) {
            throw new LegalHoldException(LegalHoldException.Kind.NOT_FOUND, "no active legal hold under matter " + matterRef.strip());
        }
        List<LegalHoldView> out = new ArrayList<>();
        for (LegalHold h : holds) {
            out.add(release(h, reason, actor, role, sourceAddress));
        }
        return out;
    }

    private LegalHoldView place(LegalHold hold, String reason, String what, String actor, Role role, String sourceAddress) {
        checkActor(actor);
        em.persist(hold);
        em.flush();
        em.createNativeQuery("UPDATE legal_hold SET reason = ?1 WHERE id = ?2").setParameter(1, reason.strip())
                .setParameter(2, hold.id()).executeUpdate();
        em.persist(new AuditEntry(hold.placedAt(), actor, role, "legal_hold.place", "legal_hold", hold.id().toString(),
                AuditEntry.Outcome.SUCCESS, "matter " + hold.matterRef() + ": " + what, sourceAddress));
        LOG.info(() -> "legal hold " + hold.id() + " placed on " + what + " by " + actor);
        return LegalHoldView.of(hold, reason.strip(), null);
    }

    private LegalHoldView release(LegalHold hold, String reason, String actor, Role role, String sourceAddress) {
        checkActor(actor);
        Instant now = clock.instant();
        hold.release(actor, now);
        em.flush();
        em.createNativeQuery("UPDATE legal_hold SET release_reason = ?1 WHERE id = ?2").setParameter(1, reason.strip())
                .setParameter(2, hold.id()).executeUpdate();
        em.persist(new AuditEntry(now, actor, role, "legal_hold.lift", "legal_hold", hold.id().toString(),
                AuditEntry.Outcome.SUCCESS, "matter " + hold.matterRef(), sourceAddress));
        LOG.info(() -> "legal hold " + hold.id() + " lifted by " + actor);
        return views(List.of(hold)).get(0);
    }

    private List<LegalHoldView> views(List<LegalHold> holds) {
        if (holds.isEmpty()) {
            return List.of();
        }
        Map<Long, String[]> reasons = new HashMap<>();
        List<Long> ids = holds.stream().map(LegalHold::id).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 500));
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT id, reason, release_reason FROM legal_hold WHERE id IN (?1)")
                    .setParameter(1, part).getResultList();
            for (Object[] row : rows) {
                reasons.put(((Number) row[0]).longValue(), new String[] {(String) row[1], (String) row[2]});
            }
        }
        return holds.stream().map(h -> {
            String[] r = reasons.getOrDefault(h.id(), new String[2]);
            return LegalHoldView.of(h, r[0], r[1]);
        }).toList();
    }

    private static void checkText(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new LegalHoldException(LegalHoldException.Kind.INVALID, "a " + what + " is required");
        }
        if (value.strip().length() > max) {
            throw new LegalHoldException(LegalHoldException.Kind.INVALID, "the " + what + " is longer than " + max + " characters");
        }
    }

    private static void checkActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required");
        }
    }
}
