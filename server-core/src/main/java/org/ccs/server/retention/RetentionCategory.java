package org.ccs.server.retention;

/** The data categories that have their own retention period (rows of {@code retention_policy}). */
public enum RetentionCategory {
    /** contact records with their caller identification, legs and contact data */
    CONTACT_RECORD,
    TRANSCRIPT,
    EMAIL_REFERENCE,
    AVAILABILITY_HISTORY,
    AUDIT_TRAIL,
    GDPR_REQUEST_LOG
}
