/**
 * Retention: how many days each data category is kept (at most 3653, enforced here, in the API and by
 * a database constraint), legal holds that stop the purge, and the Quartz purge job.
 */
package org.ccs.server.retention;
