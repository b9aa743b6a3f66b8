package org.ccs.server.gdpr;

/** One row of {@code ccs_gdpr_erase} / {@code ccs_gdpr_erase_agent}: rows of a table and what was (or would be) done. */
public record GdprCount(String table, String action, int rows, String note) {
}
