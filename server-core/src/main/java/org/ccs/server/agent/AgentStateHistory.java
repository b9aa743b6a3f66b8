package org.ccs.server.agent;

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

/**
 * One entry of the agent availability history: the agent entered {@code state} at {@code enteredAt}
 * (it lasts until the agent's next entry). Append-only; the retention purge of the category
 * AVAILABILITY_HISTORY deletes old entries.
 */
@Entity
@Table(name = "agent_state_history")
@NamedQuery(name = AgentStateHistory.OF_AGENT_BETWEEN, query = "select h from AgentStateHistory h"
        + " where h.agentId = :agentId and h.enteredAt >= :from and h.enteredAt < :to order by h.enteredAt, h.id")
public class AgentStateHistory {

    public static final String OF_AGENT_BETWEEN = "AgentStateHistory.ofAgentBetween";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agent_id", nullable = false, updatable = false)
    private Long agentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 24, updatable = false)
    private AgentState state;

    /** The not-ready or logout reason code the PBX reported, if any. */
    @Column(name = "reason_code", length = 32, updatable = false)
    private String reasonCode;

    @Column(name = "entered_at", nullable = false, updatable = false)
    private Instant enteredAt;

    protected AgentStateHistory() {
        // for JPA
    }

    public AgentStateHistory(Long agentId, AgentState state, String reasonCode, Instant enteredAt) {
        this.agentId = Objects.requireNonNull(agentId, "agent is required");
        this.state = Objects.requireNonNull(state, "state is required");
        this.reasonCode = Names.optional(reasonCode, "reason code", 32);
        this.enteredAt = Objects.requireNonNull(enteredAt, "time of the change is required");
    }

    public Long id() { return id; }
    public Long agentId() { return agentId; }
    public AgentState state() { return state; }
    public String reasonCode() { return reasonCode; }
    public Instant enteredAt() { return enteredAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof AgentStateHistory other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return AgentStateHistory.class.hashCode();
    }
}
