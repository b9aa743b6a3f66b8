package org.ccs.server.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A login to the Manager or the Agent Portal. The password is kept only as a salted slow hash. */
@Entity
@Table(name = "app_user")
@NamedQuery(name = UserAccount.BY_USERNAME, query = "select u from UserAccount u where u.username = :username")
@NamedQuery(name = UserAccount.COUNT_BY_ROLE, query = "select count(u) from UserAccount u where u.role = :role")
public class UserAccount {

    public static final String BY_USERNAME = "UserAccount.byUsername";
    public static final String COUNT_BY_ROLE = "UserAccount.countByRole";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "username", nullable = false, length = 64, unique = true, updatable = false)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "role_name", nullable = false, length = 16)
    private Role role;

    @Column(name = "agent_id", unique = true)
    private Long agentId;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;

    protected UserAccount() {
        // for JPA
    }

    public UserAccount(String username, String passwordHash, Role role, Long agentId, Instant now) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("user name is required");
        }
        this.username = username;
        this.passwordHash = Objects.requireNonNull(passwordHash, "password hash is required");
        this.role = Objects.requireNonNull(role, "role is required");
        if (role == Role.AGENT && agentId == null) {
            throw new IllegalArgumentException("an agent login needs its agent");
        }
        this.agentId = agentId;
        this.enabled = true;
        this.createdAt = Objects.requireNonNull(now, "creation time is required");
        this.passwordChangedAt = now;
    }

    public Long id() { return id; }
    public String username() { return username; }
    public String passwordHash() { return passwordHash; }
    public Role role() { return role; }
    public Long agentId() { return agentId; }
    public boolean enabled() { return enabled; }
    public Instant createdAt() { return createdAt; }
    public Instant passwordChangedAt() { return passwordChangedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof UserAccount other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return UserAccount.class.hashCode();
    }
}
