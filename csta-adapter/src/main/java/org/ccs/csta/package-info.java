/**
 * CSTA link to the PBX: {@link org.ccs.csta.CstaLink} and its configuration, call tracking into
 * {@link org.ccs.csta.CompletedCall}s handed to a {@link org.ccs.csta.ContactEventListener}, caller number
 * normalisation. Plain Java; the server bridges it to its ingestion port.
 */
package org.ccs.csta;
