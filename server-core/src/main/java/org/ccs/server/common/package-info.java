/** What every feature package shares: the clock and run-time settings. */
package org.ccs.server.common;
