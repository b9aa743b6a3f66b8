package org.ccs.server.contact;

/** Whether the customer or the contact center started the contact. */
public enum Direction {
    INBOUND, OUTBOUND
}
