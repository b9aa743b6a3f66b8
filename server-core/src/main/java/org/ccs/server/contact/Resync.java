package org.ccs.server.contact;

/**
 * Whether a voice record rests on the PBX's events alone or also on the resynchronisation after a
 * loss of the CSTA link (column contact_record.resync).
 */
public enum Resync {
    /** Every change of the call was seen as an event (also every non-voice contact). */
    NONE,
    /** The call was in progress across a link loss and continued afterwards. */
    RESYNCHRONISED,
    /** The call ended while the link was down: closed at the moment the link was lost, flagged. */
    CLOSED_BY_RESYNC
}
