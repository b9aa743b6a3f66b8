package org.ccs.csta;

/** What a stretch of a call was: waiting at a designated device, ringing an agent, talk, hold. */
public enum LegType {
    QUEUE, RING, TALK, HOLD
}
