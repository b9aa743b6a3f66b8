package org.ccs.server.retention;

import jakarta.ejb.ApplicationException;

/** The purge could not be read or started now; the message says so for the manager, without the driver's text. */
@ApplicationException(rollback = false)
public class PurgeUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PurgeUnavailableException(String message) {
        super(message);
    }
}
