package org.ccs.server.media;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.function.Function;
import org.ccs.server.contact.ContactIngestion;

/** The container's transactions for the text channels: each call a transaction of its own. */
@Stateless
@jakarta.ejb.LocalBean
public class MediaTx implements StoreTx {

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    @EJB
    ContactIngestion ingestion;

    @Inject
    Clock clock;

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T call(Function<ConversationStore, T> work) {
        return work.apply(new ConversationStore(em, ingestion, clock));
    }
}
