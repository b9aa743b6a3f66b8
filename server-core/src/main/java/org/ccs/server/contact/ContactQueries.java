package org.ccs.server.contact;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccs.server.agent.Agent;

/** Read side of contact records for the Manager. */
@Stateless
public class ContactQueries {

    public static final int MAX_PAGE = 500;

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    public long count() {
        return em.createNamedQuery(ContactRecord.COUNT, Long.class).getSingleResult();
    }

    /** The newest contacts first, one page. */
    public List<ContactSummary> latest(int first, int pageSize) {
        if (first < 0 || pageSize < 1 || pageSize > MAX_PAGE) {
            throw new IllegalArgumentException("page must start at 0 or later and hold 1 to " + MAX_PAGE + " contacts");
        }
        List<ContactRecord> page = em.createNamedQuery(ContactRecord.LATEST, ContactRecord.class)
                .setFirstResult(first).setMaxResults(pageSize).getResultList();
        Map<Long, String> agentNames = new HashMap<>();
        List<Long> agentIds = page.stream().map(ContactRecord::agentId).filter(id -> id != null).distinct().toList();
        if (!agentIds.isEmpty()) {
            em.createQuery("select a from Agent a where a.id in :ids", Agent.class).setParameter("ids", agentIds)
                    .getResultList().forEach(a -> agentNames.put(a.id(), a.displayName()));
        }
        return page.stream().map(c -> new ContactSummary(c.id(), c.channel().name(), c.direction().name(),
                c.callerIdNormalized() != null ? c.callerIdNormalized() : c.callerIdRaw(),
                c.callerPresentation().name(), c.designatedNumber(), c.startedAt(), c.endedAt(),
                (int) c.talkTime().toSeconds(), c.outcome().name(),
                c.agentId() == null ? null : agentNames.get(c.agentId()))).toList();
    }
}
