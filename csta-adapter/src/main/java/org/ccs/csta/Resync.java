package org.ccs.csta;

/**
 * Whether a call's record rests on events alone or also on the resynchronisation after a loss of the
 * CSTA link (SnapshotDevice on every monitored device once the link is back).
 */
public enum Resync {
    /** Every change of the call was seen as an event. */
    NONE,
    /**
     * The call was in progress across a link loss (or was found by the snapshots when the link came up)
     * and continued afterwards. What changed while the link was down is dated at the resynchronisation;
     * a call found only by the snapshots starts then, without the caller's number unless a later event
     * gives it.
     */
    RESYNCHRONISED,
    /**
     * The call was in progress when the link was lost and was gone when it came back: it ended while the
     * link was down (or its events were lost for 12 hours). It is closed at the moment the link was lost
     * (the last moment it was known to be in progress), with the outcome it had then.
     */
    CLOSED_BY_RESYNC
}
