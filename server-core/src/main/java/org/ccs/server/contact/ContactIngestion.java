package org.ccs.server.contact;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
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
        for (Object b : belongings) {
            ContactRecord owner = b instanceof EmailReference e ? e.contact()
                    : b instanceof TranscriptMessage t ? t.contact() : null;
            if (owner != contact) {
                throw new IllegalArgumentException("only e-mail references and transcript messages of this contact belong to it");
            }
        }
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
}
