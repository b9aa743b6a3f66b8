package org.ccs.server.telephony;

import jakarta.ejb.ApplicationException;

/** Click-to-dial could not start the call; the message is safe to show the agent (no number in it). */
@ApplicationException
public class DialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the call did not start. */
    public enum Reason { INVALID_NUMBER, LINK_DOWN, PBX_REFUSED }

    private final Reason reason;

    public DialException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
