package org.ccs.server.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Locale;
import java.util.Objects;

/**
 * A contact center mailbox: only mail arriving here becomes contact records. The IMAP password is
 * never stored in the database; {@link #credentialAlias()} names it in the server's credential store.
 */
@Entity
@Table(name = "mailbox")
@NamedQuery(name = Mailbox.ACTIVE, query = "select m from Mailbox m where m.active = true order by m.address")
public class Mailbox {

    public static final String ACTIVE = "Mailbox.active";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The mailbox's e-mail address, lower case. */
    @Column(name = "address", nullable = false, length = 254, unique = true)
    private String address;

    @Column(name = "display_name", length = 100)
    private String displayName;

    @Column(name = "imap_host", nullable = false, length = 255)
    private String imapHost;

    @Column(name = "imap_port", nullable = false)
    private int imapPort;

    @Column(name = "imap_folder", nullable = false, length = 200)
    private String imapFolder;

    @Column(name = "login_name", nullable = false, length = 128)
    private String loginName;

    @Column(name = "credential_alias", nullable = false, length = 64)
    private String credentialAlias;

    /** The SMTP server replies are sent through (implicit TLS); null: the IMAP host, port 465. */
    @Column(name = "smtp_host", length = 255)
    private String smtpHost;

    @Column(name = "smtp_port")
    private Integer smtpPort;

    /** The folder replies are filed in (IMAP APPEND); null: "Sent". */
    @Column(name = "sent_folder", length = 200)
    private String sentFolder;

    /** The folder mail that cannot be taken in is moved to; null: "CCS-Unparseable". */
    @Column(name = "error_folder", length = 200)
    private String errorFolder;

    /** The group whose agents handle this mailbox's mail. */
    @Column(name = "group_id")
    private Long groupId;

    @Column(name = "active", nullable = false)
    private boolean active;

    protected Mailbox() {
        // for JPA
    }

    public Mailbox(String address, String displayName, ImapAccount account, Long groupId) {
        this.address = requireText(address, "mailbox address is required").toLowerCase(Locale.ROOT);
        this.displayName = displayName;
        connectTo(account);
        this.groupId = groupId;
        this.active = true;
    }

    /** Where and as whom the server reads the mailbox. */
    public record ImapAccount(String host, int port, String folder, String loginName, String credentialAlias) {
        public ImapAccount {
            requireText(host, "IMAP host is required");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("IMAP port must be 1-65535");
            }
            folder = folder == null || folder.isBlank() ? "INBOX" : folder;
            requireText(loginName, "IMAP login is required");
            requireText(credentialAlias, "credential alias is required");
        }
    }

    /** Points the mailbox at another IMAP account (host, folder, login). */
    public void connectTo(ImapAccount account) {
        Objects.requireNonNull(account, "IMAP account is required");
        this.imapHost = account.host();
        this.imapPort = account.port();
        this.imapFolder = account.folder();
        this.loginName = account.loginName();
        this.credentialAlias = account.credentialAlias();
    }

    /** Where replies are sent from: host and port of the mailbox's SMTP server (implicit TLS). */
    public void sendVia(String host, int port) {
        this.smtpHost = requireText(host, "SMTP host is required");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port must be 1-65535");
        }
        this.smtpPort = port;
    }

    /** The folders for filed replies and for mail that cannot be taken in (null keeps the default). */
    public void useFolders(String sent, String unparseable) {
        this.sentFolder = sent == null || sent.isBlank() ? null : sent.strip();
        this.errorFolder = unparseable == null || unparseable.isBlank() ? null : unparseable.strip();
    }

    public void routeTo(Long newGroupId) {
        this.groupId = newGroupId;
    }

    public void activate() {
        this.active = true;
    }

    public void deactivate() {
        this.active = false;
    }

    private static String requireText(String s, String message) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return s.strip();
    }

    public Long id() { return id; }
    public String address() { return address; }
    public String displayName() { return displayName; }
    public ImapAccount imapAccount() { return new ImapAccount(imapHost, imapPort, imapFolder, loginName, credentialAlias); }
    public String credentialAlias() { return credentialAlias; }
    public String smtpHost() { return smtpHost != null ? smtpHost : imapHost; }
    public int smtpPort() { return smtpPort != null ? smtpPort : 465; }
    public String sentFolder() { return sentFolder != null ? sentFolder : "Sent"; }
    public String errorFolder() { return errorFolder != null ? errorFolder : "CCS-Unparseable"; }
    public Long groupId() { return groupId; }
    public boolean active() { return active; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Mailbox other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return Mailbox.class.hashCode();
    }
}
