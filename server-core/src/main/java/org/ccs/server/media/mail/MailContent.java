package org.ccs.server.media.mail;

import java.time.Instant;
import java.util.List;

/**
 * A mail as the agent reads it, fetched from the mail server by its reference: headers, the text and
 * HTML bodies (as sent; the portal must render HTML safely), and the list of attachments, which are
 * fetched one by one with {@link MailReader#attachment}.
 */
public record MailContent(String messageId, String from, List<String> to, List<String> cc, String subject,
                          Instant sentAt, String text, String html, List<Attachment> attachments) {

    /** An attachment: its number in this mail (from 1), file name, type and size in bytes (-1 unknown). */
    public record Attachment(int number, String fileName, String contentType, int size) {
    }

    /** An attachment's bytes. */
    public record AttachmentData(String fileName, String contentType, byte[] bytes) {
    }
}
