package org.ccs.server.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A connector that brings other text media in (an SMS gateway, a social-media bridge): it posts
 * contacts and messages over the open-media REST interface, named by {@link #name()} and
 * authenticated by a key of which only the hash is stored. Its conversations go to its group.
 */
@Entity
@Table(name = "open_media_connector")
@NamedQuery(name = OpenMediaConnector.BY_NAME,
        query = "select c from OpenMediaConnector c where c.name = :name and c.active = true")
@NamedQuery(name = OpenMediaConnector.ALL, query = "select c from OpenMediaConnector c order by c.name")
public class OpenMediaConnector {

    public static final String BY_NAME = "OpenMediaConnector.byName";
    public static final String ALL = "OpenMediaConnector.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 64, unique = true, updatable = false)
    private String name;

    @Column(name = "key_hash", length = 512)
    private String keyHash;

    @Column(name = "group_id")
    private Long groupId;

    @Column(name = "active", nullable = false)
    private boolean active;

    protected OpenMediaConnector() {
        // for JPA
    }

    public OpenMediaConnector(String name, Long groupId) {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("connector name is required: 1-64 letters, digits, '-' or '_'");
        }
        this.name = name;
        this.groupId = groupId;
        this.active = true;
    }

    /** Replaces the access key by the hash of a new one; the old key stops working. */
    public void changeKey(String newKeyHash) {
        if (newKeyHash == null || newKeyHash.isBlank()) {
            throw new IllegalArgumentException("key hash is required");
        }
        this.keyHash = newKeyHash;
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

    public Long id() { return id; }
    public String name() { return name; }
    public String keyHash() { return keyHash; }
    public Long groupId() { return groupId; }
    public boolean active() { return active; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof OpenMediaConnector other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return OpenMediaConnector.class.hashCode();
    }
}
