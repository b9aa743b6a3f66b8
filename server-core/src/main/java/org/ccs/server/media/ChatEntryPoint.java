package org.ccs.server.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A web chat entry point: the site's chat widget names it by {@link #entryKey()}; chats started there
 * go to its group. {@link #allowedOrigin()} is the web origin the widget may be served from.
 */
@Entity
@Table(name = "chat_entry_point")
@NamedQuery(name = ChatEntryPoint.BY_KEY,
        query = "select c from ChatEntryPoint c where c.entryKey = :entryKey and c.active = true")
@NamedQuery(name = ChatEntryPoint.ALL, query = "select c from ChatEntryPoint c order by c.entryKey")
public class ChatEntryPoint {

    public static final String BY_KEY = "ChatEntryPoint.byKey";
    public static final String ALL = "ChatEntryPoint.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "entry_key", nullable = false, length = 64, unique = true, updatable = false)
    private String entryKey;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "allowed_origin", length = 255)
    private String allowedOrigin;

    @Column(name = "group_id")
    private Long groupId;

    @Column(name = "active", nullable = false)
    private boolean active;

    /** The PBKDF2 hash of the entry point's access key (the key itself is never stored); null: no key yet. */
    @Column(name = "key_hash", length = 512)
    private String keyHash;

    protected ChatEntryPoint() {
        // for JPA
    }

    public ChatEntryPoint(String entryKey, String name, String allowedOrigin, Long groupId) {
        if (entryKey == null || !entryKey.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("entry key is required: 1-64 letters, digits, '-' or '_'");
        }
        this.entryKey = entryKey;
        rename(name);
        this.allowedOrigin = allowedOrigin;
        this.groupId = groupId;
        this.active = true;
    }

    public void rename(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        this.name = newName.strip();
    }

    public void allowOrigin(String origin) {
        this.allowedOrigin = origin;
    }

    public void routeTo(Long newGroupId) {
        this.groupId = newGroupId;
    }

    /** Replaces the access key by the hash of a new one; the old key stops working. */
    public void changeKey(String newKeyHash) {
        if (newKeyHash == null || newKeyHash.isBlank()) {
            throw new IllegalArgumentException("key hash is required");
        }
        this.keyHash = newKeyHash;
    }

    public void activate() {
        this.active = true;
    }

    public void deactivate() {
        this.active = false;
    }

    public Long id() { return id; }
    public String entryKey() { return entryKey; }
    public String name() { return name; }
    public String allowedOrigin() { return allowedOrigin; }
    public Long groupId() { return groupId; }
    public boolean active() { return active; }
    public String keyHash() { return keyHash; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ChatEntryPoint other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return ChatEntryPoint.class.hashCode();
    }
}
