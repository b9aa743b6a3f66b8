/**
 * Logins, roles and password hashing, the identity store the web modules authenticate against,
 * the first-start creation of the manager account (no default password), and the audit trail.
 */
package org.ccs.server.security;
