package org.ccs.server.contact;

/** The kind of stretch a contact leg is. */
public enum LegType {
    QUEUE, RING, TALK, HOLD, TRANSFER, CONFERENCE
}
