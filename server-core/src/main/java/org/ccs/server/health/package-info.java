/** Start-up against the database and the health checks served on the management port. */
package org.ccs.server.health;
