/** The 360° customer view: customers, their identifiers (raw and normalised) and consent records. */
package org.ccs.server.customer;
