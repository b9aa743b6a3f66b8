/**
 * The bridge from the CSTA link (csta-adapter) into the server: designated contact center numbers,
 * the link's lifecycle and health, and the hand-over of completed calls to contact ingestion.
 */
package org.ccs.server.telephony;
