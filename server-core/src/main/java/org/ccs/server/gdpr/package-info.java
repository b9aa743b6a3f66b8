/**
 * GDPR: data-subject requests answered through the stored procedures that ship with db-scripts (the
 * Manager calls the same procedures a DBA runs), the request log that holds the subject only as a
 * keyed hash, and the site secret of that hash.
 */
package org.ccs.server.gdpr;
