package org.ccs.server.contact;

/** Whether the caller's identification was delivered, unknown or withheld. */
public enum CallerPresentation {
    AVAILABLE, NOT_KNOWN, RESTRICTED
}
