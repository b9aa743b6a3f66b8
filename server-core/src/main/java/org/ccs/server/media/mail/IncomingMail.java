package org.ccs.server.media.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What the server takes from a new mail in a contact center mailbox: the sender (raw and lower case),
 * subject, reception time and where the message lives (folder, UIDVALIDITY, UID, Message-ID), and the
 * Message-IDs it answers (In-Reply-To, References) to find its conversation. No body.
 */
public record IncomingMail(long mailboxId, String mailboxAddress, String folder, long uidValidity, long uid,
                           String messageId, boolean messageIdGiven, String senderRaw, String senderNormalized,
                           String subject, Instant receivedAt, List<String> answers) {

    public IncomingMail {
        Objects.requireNonNull(mailboxAddress, "mailbox is required");
        Objects.requireNonNull(folder, "folder is required");
        Objects.requireNonNull(messageId, "Message-ID is required");
        Objects.requireNonNull(senderRaw, "sender is required");
        Objects.requireNonNull(senderNormalized, "sender is required");
        Objects.requireNonNull(receivedAt, "reception time is required");
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    /**
     * The contact's source reference, which makes ingestion idempotent: the mailbox and the
     * Message-ID (so that a changed UIDVALIDITY does not bring the same mail in twice), or the
     * UIDVALIDITY and UID for a mail without a Message-ID. Hashed to stay short and free of personal data.
     */
    public String sourceRef() {
        return messageIdGiven ? "mail:" + mailboxId + ":m:" + sha256(messageId)
                : "mail:" + mailboxId + ":u:" + uidValidity + ":" + uid;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "IncomingMail[mailbox " + mailboxId + ", uid " + uidValidity + "/" + uid + "]";
    }
}
