package org.ccs.server.contact;

import jakarta.persistence.EntityManager;

/** The contact ingestion port over a test's own entity manager (outside the container). */
public final class TestIngestion {

    private TestIngestion() {
    }

    public static ContactIngestion over(EntityManager em) {
        ContactIngestion ingestion = new ContactIngestion();
        ingestion.em = em;
        return ingestion;
    }
}
