package org.ccs.server.media.mail;

import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.search.MessageIDTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a mail from the mail server by its reference, for the agent who handles it: the body and the
 * attachments never leave the mail server except towards that agent. Opens the folder read-only, finds
 * the message by UID (while UIDVALIDITY is the same) or else by Message-ID, and closes the connection.
 */
public final class MailReader {

    /** The largest attachment handed out (bytes). */
    public static final int MAX_ATTACHMENT = 25 * 1024 * 1024;
    private static final int MAX_BODY = 1024 * 1024;
    private static final int MAX_DEPTH = 20;

    private final MailSettings settings;

    public MailReader(MailSettings settings) {
        this.settings = settings;
    }

    public MailContent read(MailAccount account, MailReference ref) throws MailUnavailableException {
        return withMessage(account, ref, m -> {
            Walk walk = new Walk();
            walk.visit(m, 0);
            return new MailContent(MailParser.firstId(MailParser.header(m, "Message-ID")), first(m.getFrom()),
                    addresses(m.getRecipients(Message.RecipientType.TO)), addresses(m.getRecipients(Message.RecipientType.CC)),
                    m.getSubject(), m.getSentDate() == null ? null : m.getSentDate().toInstant(), walk.text, walk.html,
                    walk.attachments);
        });
    }

    public MailContent.AttachmentData attachment(MailAccount account, MailReference ref, int number)
            throws MailUnavailableException {
        return withMessage(account, ref, m -> {
            Walk walk = new Walk();
            walk.wanted = number;
            walk.visit(m, 0);
            if (walk.found == null) {
                throw new NotFound();
            }
            Part p = walk.found;
            return new MailContent.AttachmentData(fileName(p), baseType(p), readBounded(p, MAX_ATTACHMENT));
        });
    }

    private interface MessageFunction<T> {
        T apply(Message m) throws MessagingException, IOException;
    }

    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private <T> T withMessage(MailAccount account, MailReference ref, MessageFunction<T> fn) throws MailUnavailableException {
        Session session = MailSessions.session(settings);
        Store store = null;
        Folder folder = null;
        try {
            store = session.getStore(MailSessions.IMAP);
            store.connect(account.imapHost(), account.imapPort(), account.login(), account.password());
            folder = store.getFolder(ref.folder());
            if (!folder.exists()) {
                throw new MailUnavailableException(MailUnavailableException.Reason.NOT_FOUND, "the mail's folder is gone", null);
            }
            folder.open(Folder.READ_ONLY);
            Message m = find((UIDFolder) folder, folder, ref);
            if (m == null) {
                throw new MailUnavailableException(MailUnavailableException.Reason.NOT_FOUND,
                        "the mail is no longer on the mail server", null);
            }
            return fn.apply(m);
        } catch (NotFound e) {
            throw new MailUnavailableException(MailUnavailableException.Reason.NOT_FOUND, "no such attachment", null);
        } catch (MessagingException | IOException e) {
            throw new MailUnavailableException(MailUnavailableException.Reason.SERVER_UNREACHABLE,
                    "the mail server cannot be reached", e);
        } finally {
            try {
                if (folder != null && folder.isOpen()) {
                    folder.close(false);
                }
                if (store != null) {
                    store.close();
                }
            } catch (MessagingException e) {
                // closing
            }
        }
    }

    static Message find(UIDFolder uf, Folder folder, MailReference ref) throws MessagingException {
        if (ref.uid() > 0 && uf.getUIDValidity() == ref.uidValidity()) {
            Message m = uf.getMessageByUID(ref.uid());
            if (m != null) {
                return m;
            }
        }
        Message[] byId = folder.search(new MessageIDTerm(ref.messageId()));
        return byId.length == 0 ? null : byId[0];
    }

    /** Collects the first text and HTML bodies and the attachments, numbered in document order. */
    private static final class Walk {
        String text;
        String html;
        final List<MailContent.Attachment> attachments = new ArrayList<>();
        int wanted = -1;
        Part found;

        void visit(Part p, int depth) throws MessagingException, IOException {
            if (depth > MAX_DEPTH) {
                return;
            }
            if (p.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) p.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    visit(mp.getBodyPart(i), depth + 1);
                }
                return;
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()) || fileName(p) != null;
            if (!attachment && p.isMimeType("text/plain") && text == null) {
                text = textOf(p);
            } else if (!attachment && p.isMimeType("text/html") && html == null) {
                html = textOf(p);
            } else if (attachment || !p.isMimeType("text/*")) {
                int number = attachments.size() + 1;
                attachments.add(new MailContent.Attachment(number, fileName(p), baseType(p), p.getSize()));
                if (number == wanted) {
                    found = p;
                }
            }
        }
    }

    /** A text part decoded with its charset, cut at {@value #MAX_BODY} characters. */
    private static String textOf(Part p) throws MessagingException, IOException {
        Object content = p.getContent();
        String t = content instanceof String s ? s : new String(readBounded(p, MAX_BODY), java.nio.charset.StandardCharsets.UTF_8);
        return t.length() <= MAX_BODY ? t : t.substring(0, MAX_BODY);
    }

    private static String fileName(Part p) throws MessagingException {
        String name = p.getFileName();
        if (name == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException e) {
            return name;
        }
    }

    private static String baseType(Part p) throws MessagingException {
        String type = p.getContentType();
        int semi = type == null ? -1 : type.indexOf(';');
        return (semi < 0 ? String.valueOf(type) : type.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static byte[] readBounded(Part p, int max) throws MessagingException, IOException {
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > max) {
                    throw new IOException("part larger than " + max + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static String first(Address[] a) {
        return a == null || a.length == 0 ? null : a[0] instanceof InternetAddress ia ? MailParser.display(ia) : a[0].toString();
    }

    private static List<String> addresses(Address[] a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            for (Address x : a) {
                out.add(x instanceof InternetAddress ia ? MailParser.display(ia) : x.toString());
            }
        }
        return out;
    }
}
