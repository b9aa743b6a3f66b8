package org.ccs.server.retention;

import jakarta.ejb.ApplicationException;

/**
 * A retention change that is refused (days outside 1..3653); the message says why, for the manager.
 * The transaction is not rolled back: it holds the audit entry of the refused attempt and nothing else.
 */
@ApplicationException(rollback = false)
public class InvalidRetentionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRetentionException(String message) {
        super(message);
    }
}
