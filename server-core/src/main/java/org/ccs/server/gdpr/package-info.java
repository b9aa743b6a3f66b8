/**
 * GDPR: data-subject requests answered through the stored procedures that ship with db-scripts (the
 * Manager calls the same procedures a DBA runs: {@link org.ccs.server.gdpr.GdprService} over a
 * datasource whose login is a member of {@code ccs_gdpr}), the audit entry of every call, the request
 * log that holds the subject only as a keyed hash, and the site secret of that hash.
 */
package org.ccs.server.gdpr;
