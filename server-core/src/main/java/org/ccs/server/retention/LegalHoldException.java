package org.ccs.server.retention;

import jakarta.ejb.ApplicationException;
import java.util.Objects;

/** A legal hold request that cannot be carried out; {@link #kind()} says how the API answers. */
@ApplicationException(rollback = true)
public class LegalHoldException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** INVALID: the request is incomplete or wrong; NOT_FOUND: what it names does not exist; CONFLICT: already released. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;

    public LegalHoldException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind is required");
    }

    public Kind kind() {
        return kind;
    }
}
