package org.ccs.server.media.mail;

import java.util.Objects;

/** Where a mail lives on the mail server: folder, UIDVALIDITY and UID, and its Message-ID as a fall-back. */
public record MailReference(String folder, long uidValidity, long uid, String messageId) {

    public MailReference {
        Objects.requireNonNull(folder, "folder is required");
        Objects.requireNonNull(messageId, "Message-ID is required");
    }
}
