package org.ccs.server.gdpr;

/**
 * One row of {@code ccs_gdpr_find}: a database row about the subject and what erasure does with it
 * (DELETE, ANONYMISE, BLANK, KEEP, HOLD); see docs/dba-gdpr.md.
 */
public record GdprHit(String table, long rowId, Long contactId, String matchedBy, String eraseAction) {
}
