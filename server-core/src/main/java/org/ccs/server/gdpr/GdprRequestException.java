package org.ccs.server.gdpr;

import jakarta.ejb.ApplicationException;

/**
 * A GDPR request that cannot be run as given (an unknown identifier type, a name alone for an
 * erasure, a request reference that looks like personal data, an unknown login). The message names
 * what is wrong, never the identifier itself, and can be shown to the client.
 */
@ApplicationException
public class GdprRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GdprRequestException(String message) {
        super(message);
    }
}
