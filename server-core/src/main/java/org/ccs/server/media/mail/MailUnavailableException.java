package org.ccs.server.media.mail;

/** The mail server cannot be reached or the message is no longer there; the message says which, without addresses. */
public class MailUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the mail could not be read or sent. */
    public enum Reason { SERVER_UNREACHABLE, NOT_FOUND, REFUSED }

    private final Reason reason;

    public MailUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
