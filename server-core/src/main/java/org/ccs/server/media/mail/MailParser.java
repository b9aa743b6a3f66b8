package org.ccs.server.media.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message of the mailbox into an {@link IncomingMail}, or says why it cannot: a mail needs
 * one valid sender address and a MIME structure that can be read (checked on the server's
 * BODYSTRUCTURE, the body is not downloaded). Mail without a Message-ID gets one made from the
 * mailbox, UIDVALIDITY and UID.
 */
final class MailParser {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final int MAX_DEPTH = 20;

    private MailParser() {
    }

    static IncomingMail parse(MailAccount account, String folder, long uidValidity, long uid, Message m, Instant now)
            throws UnparseableMailException, MessagingException {
        InternetAddress sender = sender(m);
        String address = sender.getAddress();
        String subject = subject(m);
        Date received = m.getReceivedDate();
        Instant receivedAt = received != null ? received.toInstant()
                : m.getSentDate() != null ? m.getSentDate().toInstant() : now;
        checkStructure(m, 0);
        String messageId = firstId(header(m, "Message-ID"));
        boolean given = messageId != null && messageId.length() <= 250;
        if (!given) {
            messageId = "<ccs." + account.mailboxId() + "." + uidValidity + "." + uid + "@" + domain(account.address()) + ">";
        }
        List<String> answers = new ArrayList<>(ids(header(m, "In-Reply-To")));
        for (String id : ids(header(m, "References"))) {
            if (!answers.contains(id)) {
                answers.add(id);
            }
        }
        return new IncomingMail(account.mailboxId(), account.address(), folder, uidValidity, uid, messageId, given,
                clip(address, 128), clip(address.toLowerCase(Locale.ROOT), 64), subject, receivedAt, answers);
    }

    private static InternetAddress sender(Message m) throws UnparseableMailException {
        Address[] from;
        try {
            from = m.getFrom();
        } catch (MessagingException e) {
            throw new UnparseableMailException("the sender cannot be read");
        }
        if (from == null || from.length != 1 || !(from[0] instanceof InternetAddress ia) || ia.getAddress() == null) {
            throw new UnparseableMailException("no single sender address");
        }
        try {
            ia.validate();
        } catch (AddressException e) {
            throw new UnparseableMailException("the sender address is not valid");
        }
        if (ia.getAddress().length() > 254) {
            throw new UnparseableMailException("the sender address is too long");
        }
        return ia;
    }

    private static String subject(Message m) {
        try {
            String s = m.getSubject();
            return s == null ? null : clip(s, 255);
        } catch (MessagingException e) {
            // an undecodable subject is kept as sent, not a reason to refuse the mail
            try {
                String[] raw = m.getHeader("Subject");
                return raw == null || raw.length == 0 ? null : clip(MimeUtility.unfold(raw[0]), 255);
            } catch (MessagingException e2) {
                return null;
            }
        }
    }

    /** Walks the MIME structure (the server's BODYSTRUCTURE over IMAP) without fetching content. */
    private static void checkStructure(Part p, int depth) throws UnparseableMailException {
        if (depth > MAX_DEPTH) {
            throw new UnparseableMailException("MIME structure nested too deep");
        }
        try {
            p.getContentType();
            if (p.isMimeType("multipart/*")) {
                Object content = p.getContent();
                if (!(content instanceof Multipart mp)) {
                    throw new UnparseableMailException("multipart without parts");
                }
                for (int i = 0; i < mp.getCount(); i++) {
                    checkStructure(mp.getBodyPart(i), depth + 1);
                }
            }
        } catch (MessagingException | IOException e) {
            throw new UnparseableMailException("the MIME structure cannot be read");
        }
    }

    static String header(Message m, String name) throws MessagingException {
        String[] v = m.getHeader(name);
        if (v == null || v.length == 0) {
            return null;
        }
        return m instanceof MimeMessage mm ? mm.getHeader(name, " ") : v[0];
    }

    static String firstId(String header) {
        List<String> ids = ids(header);
        return ids.isEmpty() ? null : ids.get(0);
    }

    static List<String> ids(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        Matcher matcher = MESSAGE_ID.matcher(MimeUtility.unfold(header));
        while (matcher.find() && out.size() < 50) {
            String id = matcher.group();
            if (id.length() <= 250) {
                out.add(id);
            }
        }
        return out;
    }

    static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "ccs.invalid" : address.substring(at + 1);
    }

    static String display(InternetAddress a) {
        try {
            return a.getPersonal() == null ? a.getAddress() : MimeUtility.decodeText(a.getPersonal()) + " <" + a.getAddress() + ">";
        } catch (UnsupportedEncodingException e) {
            return a.getAddress();
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
