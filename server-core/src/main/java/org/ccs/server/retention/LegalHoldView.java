package org.ccs.server.retention;

import java.time.Instant;

/**
 * A legal hold as the Manager shows it. {@code scope} is CUSTOMER (the subject: all its contacts and its
 * 360-degree data), CONTACT (one contact record and what hangs on it) or CATEGORY (a whole data
 * category); the matching id or category is set. A released hold keeps who released it, when and why;
 * once the purge has deleted the customer it named, its scope is SUBJECT_PURGED.
 */
public record LegalHoldView(long id, String matterRef, String reason, String scope, Long customerId, Long contactId,
                            RetentionCategory category, String placedBy, Instant placedAt, String releasedBy,
                            Instant releasedAt, String releaseReason, boolean active) {

    static LegalHoldView of(LegalHold h, String reason, String releaseReason) {
        String scope = h.customerId() != null ? "CUSTOMER" : h.contactId() != null ? "CONTACT" : h.category() != null
                ? "CATEGORY" : "SUBJECT_PURGED";
        return new LegalHoldView(h.id(), h.matterRef(), reason, scope, h.customerId(), h.contactId(), h.category(),
                h.placedBy(), h.placedAt(), h.releasedBy(), h.releasedAt(), releaseReason, h.isActive());
    }
}
