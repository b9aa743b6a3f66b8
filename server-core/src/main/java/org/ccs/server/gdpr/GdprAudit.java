package org.ccs.server.gdpr;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import org.ccs.server.security.AuditEntry;

/**
 * Writes the audit entry of one GDPR call in a transaction of its own, so that a call that failed or
 * was refused is recorded too. The entry names the request by its reference and counts rows; it
 * never holds an identifier of the subject.
 */
@Stateless
public class GdprAudit {

    /** target_type of the entries: a data subject, named only by the request reference. */
    public static final String TARGET_TYPE = "data_subject";

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(GdprActor actor, String action, String requestRef, AuditEntry.Outcome outcome, String detail) {
        em.persist(new AuditEntry(Instant.now(clock), truncate(actor.login(), 64), actor.role(), action, TARGET_TYPE,
                requestRef, outcome, detail, actor.sourceAddress() == null ? null : truncate(actor.sourceAddress(), 64)));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
