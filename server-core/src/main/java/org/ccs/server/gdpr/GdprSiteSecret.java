package org.ccs.server.gdpr;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * The site's key for the subject hash of the GDPR request log. Created once per installation (never
 * shipped, never logged); a new one can replace it, the old one is kept inactive so that old hashes
 * still match.
 */
@Entity
@Table(name = "gdpr_site_secret")
@NamedQuery(name = GdprSiteSecret.ACTIVE, query = "select s from GdprSiteSecret s where s.active = true order by s.createdAt desc")
public class GdprSiteSecret {

    public static final String ACTIVE = "GdprSiteSecret.active";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "secret_hex", nullable = false, length = 128, updatable = false)
    private String secretHex;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected GdprSiteSecret() {
        // for JPA
    }

    /** A new secret of at least 32 random bytes, hex-encoded; the caller draws it from SecureRandom. */
    public GdprSiteSecret(String secretHex, Instant now) {
        if (secretHex == null || !secretHex.matches("[0-9a-f]{64,128}")) {
            throw new IllegalArgumentException("secret must be 32-64 bytes, lower-case hex");
        }
        this.secretHex = secretHex;
        this.active = true;
        this.createdAt = Objects.requireNonNull(now, "creation time is required");
    }

    /** Takes the secret out of use (after a new one is created). */
    public void retire() {
        this.active = false;
    }

    public Long id() { return id; }
    public String secretHex() { return secretHex; }
    public boolean active() { return active; }
    public Instant createdAt() { return createdAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof GdprSiteSecret other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return GdprSiteSecret.class.hashCode();
    }

    @Override
    public String toString() {
        return "GdprSiteSecret[" + id + (active ? ", active" : "") + "]"; // never the value
    }
}
