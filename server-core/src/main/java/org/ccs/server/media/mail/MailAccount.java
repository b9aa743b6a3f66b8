package org.ccs.server.media.mail;

import java.util.Objects;
import org.ccs.server.media.Mailbox;

/**
 * A contact center mailbox with its password resolved at run time (never from the database):
 * what the mail classes need to reach the IMAP and SMTP servers. {@link #toString()} leaves the
 * password out.
 */
public record MailAccount(long mailboxId, String address, String displayName, String imapHost, int imapPort,
                          String folder, String login, String password, String smtpHost, int smtpPort,
                          String sentFolder, String errorFolder, Long groupId) {

    public MailAccount {
        Objects.requireNonNull(address, "address is required");
        Objects.requireNonNull(imapHost, "IMAP host is required");
        Objects.requireNonNull(folder, "folder is required");
        Objects.requireNonNull(login, "login is required");
        Objects.requireNonNull(password, "password is required");
        Objects.requireNonNull(smtpHost, "SMTP host is required");
        Objects.requireNonNull(sentFolder, "sent folder is required");
        Objects.requireNonNull(errorFolder, "error folder is required");
    }

    /** The mailbox's account with the password its credential alias names. */
    public static MailAccount of(Mailbox m, String password) {
        Mailbox.ImapAccount imap = m.imapAccount();
        return new MailAccount(m.id(), m.address(), m.displayName(), imap.host(), imap.port(), imap.folder(),
                imap.loginName(), password, m.smtpHost(), m.smtpPort(), m.sentFolder(), m.errorFolder(), m.groupId());
    }

    @Override
    public String toString() {
        return "MailAccount[mailbox " + mailboxId + ", " + imapHost + ":" + imapPort + "/" + folder + "]";
    }
}
