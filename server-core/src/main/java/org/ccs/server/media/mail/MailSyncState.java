package org.ccs.server.media.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** How far a mailbox's folder has been read: UIDVALIDITY and the last UID taken in, and the mail moved aside. */
@Entity
@Table(name = "mail_sync_state")
@NamedQuery(name = MailSyncState.OF_MAILBOX, query = "select s from MailSyncState s where s.mailboxId = :mailboxId")
public class MailSyncState {

    public static final String OF_MAILBOX = "MailSyncState.ofMailbox";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "mailbox_id", nullable = false, unique = true, updatable = false)
    private Long mailboxId;

    @Column(name = "folder", nullable = false, length = 200)
    private String folder;

    @Column(name = "uid_validity", nullable = false)
    private long uidValidity;

    @Column(name = "last_uid", nullable = false)
    private long lastUid;

    @Column(name = "unparseable", nullable = false)
    private int unparseable;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected MailSyncState() {
        // for JPA
    }

    public MailSyncState(Long mailboxId, String folder, Instant now) {
        this.mailboxId = Objects.requireNonNull(mailboxId, "mailbox is required");
        this.folder = Objects.requireNonNull(folder, "folder is required");
        this.updatedAt = Objects.requireNonNull(now, "time is required");
    }

    /** Read up to {@code uid} of the folder with this UIDVALIDITY; a new UIDVALIDITY starts again. */
    public void readUpTo(String inFolder, long newUidValidity, long uid, int movedAside, Instant now) {
        if (newUidValidity != uidValidity || !inFolder.equals(folder)) {
            this.folder = inFolder;
            this.uidValidity = newUidValidity;
            this.lastUid = 0;
        }
        this.lastUid = Math.max(lastUid, uid);
        this.unparseable += Math.max(0, movedAside);
        this.updatedAt = now;
    }

    public Long mailboxId() { return mailboxId; }
    public String folder() { return folder; }
    public long uidValidity() { return uidValidity; }
    public long lastUid() { return lastUid; }
    public int unparseable() { return unparseable; }
    public Instant updatedAt() { return updatedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof MailSyncState other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return MailSyncState.class.hashCode();
    }
}
