package org.ccs.server.media.mail;

import jakarta.mail.Session;
import java.util.Properties;

/**
 * Jakarta Mail sessions for a mailbox: IMAP over TLS ("imaps") and SMTP over TLS ("smtps"), the
 * server's certificate and host name checked (unless ccs.mail.ssl.trust names hosts to take as they
 * are), time-outs set, and BODY.PEEK so that reading a
 * message does not mark it as seen (the mailbox stays as the site left it).
 */
final class MailSessions {

    static final String IMAP = "imaps";
    static final String SMTP = "smtps";

    private MailSessions() {
    }

    static Session session(MailSettings settings) {
        Properties p = new Properties();
        String timeout = Long.toString(settings.timeout().toMillis());
        for (String proto : new String[] {IMAP, SMTP}) {
            p.setProperty("mail." + proto + ".ssl.enable", "true");
            // a host named in ccs.mail.ssl.trust is taken as it is (test servers, self-signed site servers)
            p.setProperty("mail." + proto + ".ssl.checkserveridentity", Boolean.toString(settings.sslTrust().isEmpty()));
            p.setProperty("mail." + proto + ".connectiontimeout", timeout);
            p.setProperty("mail." + proto + ".timeout", timeout);
            p.setProperty("mail." + proto + ".writetimeout", timeout);
            settings.sslTrust().ifPresent(hosts -> p.setProperty("mail." + proto + ".ssl.trust", hosts));
        }
        p.setProperty("mail.imaps.peek", "true");
        p.setProperty("mail.imaps.partialfetch", "true");
        p.setProperty("mail.smtps.auth", "true");
        p.setProperty("mail.mime.address.strict", "true");
        return Session.getInstance(p);
    }
}
