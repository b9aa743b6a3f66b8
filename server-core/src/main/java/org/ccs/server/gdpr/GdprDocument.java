package org.ccs.server.gdpr;

/** One row of {@code ccs_gdpr_export}: a database row about the subject as a JSON object (text). */
public record GdprDocument(int seq, String table, long rowId, String json) {
}
