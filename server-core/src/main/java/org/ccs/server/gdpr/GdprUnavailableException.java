package org.ccs.server.gdpr;

import jakarta.ejb.ApplicationException;

/**
 * The GDPR procedures cannot be reached: the GDPR datasource is not configured, the database does not
 * answer, or the site has not created its GDPR secret yet. The message says which, without detail.
 */
@ApplicationException
public class GdprUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GdprUnavailableException(String message) {
        super(message);
    }

    public GdprUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
