package org.ccs.server.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;

/**
 * A supervisor's charge of a group: the SUPERVISOR login ({@code app_user}) sees the group in the
 * Manager's real-time view and reports.
 */
@Entity
@Table(name = "group_supervisor", uniqueConstraints = @UniqueConstraint(name = "uq_group_supervisor",
        columnNames = {"group_id", "user_id"}))
@NamedQuery(name = GroupSupervisor.GROUPS_OF_USER,
        query = "select s.groupId from GroupSupervisor s where s.userId = :userId")
public class GroupSupervisor {

    public static final String GROUPS_OF_USER = "GroupSupervisor.groupsOfUser";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "group_id", nullable = false, updatable = false)
    private Long groupId;

    /** The supervisor's login ({@link org.ccs.server.security.UserAccount}). */
    @Column(name = "user_id", nullable = false, updatable = false)
    private Long userId;

    @Column(name = "added_at", nullable = false, updatable = false)
    private Instant addedAt;

    protected GroupSupervisor() {
        // for JPA
    }

    public GroupSupervisor(Long groupId, Long userId, Instant addedAt) {
        this.groupId = Objects.requireNonNull(groupId, "group is required");
        this.userId = Objects.requireNonNull(userId, "supervisor login is required");
        this.addedAt = Objects.requireNonNull(addedAt, "time of assignment is required");
    }

    public Long id() { return id; }
    public Long groupId() { return groupId; }
    public Long userId() { return userId; }
    public Instant addedAt() { return addedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof GroupSupervisor other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return GroupSupervisor.class.hashCode();
    }
}
