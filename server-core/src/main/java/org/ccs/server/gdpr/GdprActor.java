package org.ccs.server.gdpr;

import java.util.Objects;
import org.ccs.server.security.Role;

/** Who asks (for the audit trail): the login, its role, and the client address when known. */
public record GdprActor(String login, Role role, String sourceAddress) {

    public GdprActor {
        if (login == null || login.isBlank()) {
            throw new IllegalArgumentException("login is required");
        }
        Objects.requireNonNull(role, "role is required");
    }
}
