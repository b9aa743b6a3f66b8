package org.ccs.csta.message;

/**
 * A frame body that is not acceptable CSTA XML (not well-formed, DTD present, too deep). The message
 * never contains body content, so it is safe to log.
 */
public class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
