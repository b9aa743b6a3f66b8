package org.ccs.server.contact;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The one application port through which every channel hands in contacts. Idempotent: a contact
 * whose (channel, source reference) is already stored is not stored again, whatever is replayed
 * or resynchronised; the database's unique constraint backs this against concurrent writers.
 */
@Stateless
public class ContactIngestion {

    private static final Logger LOG = Logger.getLogger(ContactIngestion.class.getName());

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    /** Stores the contact in its own transaction; returns false when it was already stored. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean ingest(ContactRecord contact) {
        return ingest(contact, List.of());
    }

    /**
     * Stores the contact with what belongs to it ({@link EmailReference}, {@link TranscriptMessage}s of
     * this contact) in the caller's transaction, so that a channel can keep its own state in step with
     * the record (a text conversation, a mailbox's UID); returns false, storing nothing, when the
     * contact was already stored.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean ingest(ContactRecord contact, List<?> belongings) {
        new Intake(contact, belongings); // refuses what does not belong to the contact
        boolean known = !em.createNamedQuery(ContactRecord.FIND_BY_SOURCE, ContactRecord.class)
                .setParameter("channel", contact.channel())
                .setParameter("sourceRef", contact.sourceRef())
                .setMaxResults(1).getResultList().isEmpty();
        if (known) {
            LOG.fine(() -> "contact already stored, not stored again: " + contact.channel());
            return false;
        }
        em.persist(contact);
        belongings.forEach(em::persist);
        return true;
    }

    /** A contact with what belongs to it ({@link EmailReference}, {@link TranscriptMessage}, {@link ContactData}). */
    public record Intake(ContactRecord contact, List<?> belongings) {
        public Intake {
            Objects.requireNonNull(contact, "contact is required");
            belongings = List.copyOf(belongings);
            for (Object b : belongings) {
                if (owner(b) != contact) {
                    throw new IllegalArgumentException("only e-mail references, transcript messages and collected data "
                            + "of this contact belong to it");
                }
            }
        }
    }

    /**
     * Stores many contacts in one transaction (the PBX link hands in calls this way under load): one query
     * finds those already stored, the rest go out as JDBC batches. Returns, per contact in order, whether it
     * was stored (false: already stored before, or earlier in the same batch). When the transaction fails
     * (e.g. a concurrent writer stored one of them first) nothing of the batch is stored and the caller
     * stores them one by one.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Boolean> ingestAll(List<Intake> batch) {
        Map<Channel, Set<String>> known = new EnumMap<>(Channel.class);
        Map<Channel, List<String>> refs = new EnumMap<>(Channel.class);
        for (Intake i : batch) {
            refs.computeIfAbsent(i.contact().channel(), c -> new ArrayList<>()).add(i.contact().sourceRef());
        }
        refs.forEach((channel, list) -> {
            Set<String> found = new HashSet<>();
            for (int from = 0; from < list.size(); from += 500) {
                found.addAll(em.createNamedQuery(ContactRecord.FIND_SOURCES, String.class)
                        .setParameter("channel", channel)
                        .setParameter("refs", list.subList(from, Math.min(list.size(), from + 500)))
                        .getResultList());
            }
            known.put(channel, found);
        });
        List<Boolean> stored = new ArrayList<>(batch.size());
        for (Intake i : batch) {
            boolean isNew = known.get(i.contact().channel()).add(i.contact().sourceRef());
            if (isNew) {
                em.persist(i.contact());
                i.belongings().forEach(em::persist);
            }
            stored.add(isNew);
        }
        long skipped = stored.stream().filter(b -> !b).count();
        if (skipped > 0) {
            LOG.fine(() -> skipped + " contact(s) already stored, not stored again");
        }
        return stored;
    }

    private static ContactRecord owner(Object b) {
        return b instanceof EmailReference e ? e.contact()
                : b instanceof TranscriptMessage t ? t.contact()
                : b instanceof ContactData d ? d.contact() : null;
    }
}
