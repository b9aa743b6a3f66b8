package org.ccs.server.media.mail;

import java.time.Instant;

/**
 * What a mailbox watcher is doing, for the health check and the Manager: no address or password.
 * {@code lastError} names the kind of failure only (e.g. "ConnectException"), the server log says more.
 */
public record MailboxStatus(long mailboxId, State state, boolean idle, long taken, long duplicates, long unparseable,
                            int consecutiveFailures, String lastError, Instant lastSync) {

    /** Where the watcher stands. */
    public enum State { STARTING, CONNECTED, RETRYING, NO_CREDENTIAL, STOPPED }

    public boolean up() {
        return state == State.CONNECTED || state == State.STARTING;
    }
}
