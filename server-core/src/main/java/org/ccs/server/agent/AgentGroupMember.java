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

/** An agent's membership of a group; removing the membership deletes the row. */
@Entity
@Table(name = "agent_group_member", uniqueConstraints = @UniqueConstraint(name = "uq_agent_group_member",
        columnNames = {"group_id", "agent_id"}))
@NamedQuery(name = AgentGroupMember.OF_GROUP, query = "select m from AgentGroupMember m where m.groupId = :groupId")
@NamedQuery(name = AgentGroupMember.OF_AGENT, query = "select m from AgentGroupMember m where m.agentId = :agentId")
public class AgentGroupMember {

    public static final String OF_GROUP = "AgentGroupMember.ofGroup";
    public static final String OF_AGENT = "AgentGroupMember.ofAgent";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "group_id", nullable = false, updatable = false)
    private Long groupId;

    @Column(name = "agent_id", nullable = false, updatable = false)
    private Long agentId;

    @Column(name = "added_at", nullable = false, updatable = false)
    private Instant addedAt;

    protected AgentGroupMember() {
        // for JPA
    }

    public AgentGroupMember(Long groupId, Long agentId, Instant addedAt) {
        this.groupId = Objects.requireNonNull(groupId, "group is required");
        this.agentId = Objects.requireNonNull(agentId, "agent is required");
        this.addedAt = Objects.requireNonNull(addedAt, "time of joining is required");
    }

    public Long id() { return id; }
    public Long groupId() { return groupId; }
    public Long agentId() { return agentId; }
    public Instant addedAt() { return addedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof AgentGroupMember other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return AgentGroupMember.class.hashCode();
    }
}
