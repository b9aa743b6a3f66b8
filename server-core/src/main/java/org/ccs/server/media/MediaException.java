package org.ccs.server.media;

/**
 * A text-media request that cannot be served, with a reason the web modules map to a status code and
 * a message fit for the caller (no internals, no personal data).
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class MediaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why: maps to 401, 403, 404, 409, 413, 400, 429, 503. */
    public enum Reason {
        UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413), INVALID(400),
        RATE_LIMITED(429), UNAVAILABLE(503);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status every web module answers this refusal with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public MediaException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
