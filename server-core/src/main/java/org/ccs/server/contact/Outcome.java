package org.ccs.server.contact;

/** How a contact ended. */
public enum Outcome {
    ANSWERED, ABANDONED_QUEUE, ABANDONED_RINGING, TRANSFERRED, FAILED, HANDLED
}
