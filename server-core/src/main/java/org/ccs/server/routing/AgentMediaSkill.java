package org.ccs.server.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.util.Objects;

/** A text medium an agent may handle, and how many contacts of it in parallel (1-20). */
@Entity
@Table(name = "agent_media_skill", uniqueConstraints = @UniqueConstraint(name = "uq_agent_media_skill",
        columnNames = {"agent_id", "media"}))
@NamedQuery(name = AgentMediaSkill.OF_AGENT, query = "select s from AgentMediaSkill s where s.agentId = :agentId")
public class AgentMediaSkill {

    public static final String OF_AGENT = "AgentMediaSkill.ofAgent";
    public static final int MAX_PARALLEL = 20;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agent_id", nullable = false, updatable = false)
    private Long agentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "media", nullable = false, length = 12, updatable = false)
    private MediaType media;

    @Column(name = "max_parallel", nullable = false)
    private int maxParallel;

    protected AgentMediaSkill() {
        // for JPA
    }

    public AgentMediaSkill(Long agentId, MediaType media, int maxParallel) {
        this.agentId = Objects.requireNonNull(agentId, "agent is required");
        this.media = Objects.requireNonNull(media, "medium is required");
        limitTo(maxParallel);
    }

    public void limitTo(int newMax) {
        if (newMax < 1 || newMax > MAX_PARALLEL) {
            throw new IllegalArgumentException("an agent handles 1 to " + MAX_PARALLEL + " contacts of a medium in parallel");
        }
        this.maxParallel = newMax;
    }

    public Long id() { return id; }
    public Long agentId() { return agentId; }
    public MediaType media() { return media; }
    public int maxParallel() { return maxParallel; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof AgentMediaSkill other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return AgentMediaSkill.class.hashCode();
    }
}
