package org.ccs.server.media.mail;

import java.util.Optional;

/**
 * Where a {@link MailboxWatcher} hands what it finds: the application side of the mail channel (in
 * the server the contact ingestion and the routing, in tests whatever they need). Every method is its
 * own unit of work; {@link #take} is idempotent on the mail's source reference.
 */
public interface MailSink {

    /** Where the mailbox's folder was read up to. */
    record Cursor(long uidValidity, long lastUid) {
    }

    Optional<Cursor> cursor(long mailboxId);

    /** Records that every mail up to {@code lastUid} has been taken in or moved aside. */
    void advance(long mailboxId, String folder, Cursor cursor, int unparseableMoved);

    /** Stores the mail as a contact; false when it was already stored (a replay after a restart). */
    boolean take(IncomingMail mail);
}
