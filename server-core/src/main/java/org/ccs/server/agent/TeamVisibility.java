package org.ccs.server.agent;

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
 * One line of "who sees whom" in the team list, set by a manager: the viewing agent sees either one
 * other agent or every member of one group (exactly one of the two; the database checks it too).
 */
@Entity
@Table(name = "team_visibility")
@NamedQuery(name = TeamVisibility.OF_VIEWER,
        query = "select v from TeamVisibility v where v.viewerAgentId = :viewerAgentId")
public class TeamVisibility {

    public static final String OF_VIEWER = "TeamVisibility.ofViewer";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "viewer_agent_id", nullable = false, updatable = false)
    private Long viewerAgentId;

    @Column(name = "visible_agent_id", updatable = false)
    private Long visibleAgentId;

    @Column(name = "visible_group_id", updatable = false)
    private Long visibleGroupId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected TeamVisibility() {
        // for JPA
    }

    private TeamVisibility(Long viewerAgentId, Long visibleAgentId, Long visibleGroupId, Instant createdAt) {
        this.viewerAgentId = Objects.requireNonNull(viewerAgentId, "viewing agent is required");
        this.visibleAgentId = visibleAgentId;
        this.visibleGroupId = visibleGroupId;
        this.createdAt = Objects.requireNonNull(createdAt, "creation time is required");
    }

    /** The viewer sees one agent. */
    public static TeamVisibility ofAgent(Long viewerAgentId, Long visibleAgentId, Instant now) {
        Objects.requireNonNull(visibleAgentId, "visible agent is required");
        if (visibleAgentId.equals(viewerAgentId)) {
            throw new IllegalArgumentException("an agent always sees itself");
        }
        return new TeamVisibility(viewerAgentId, visibleAgentId, null, now);
    }

    /** The viewer sees every member of a group. */
    public static TeamVisibility ofGroup(Long viewerAgentId, Long visibleGroupId, Instant now) {
        return new TeamVisibility(viewerAgentId, null,
                Objects.requireNonNull(visibleGroupId, "visible group is required"), now);
    }

    public Long id() { return id; }
    public Long viewerAgentId() { return viewerAgentId; }
    /** The agent seen, or null when this line shows a group. */
    public Long visibleAgentId() { return visibleAgentId; }
    /** The group seen, or null when this line shows one agent. */
    public Long visibleGroupId() { return visibleGroupId; }
    public Instant createdAt() { return createdAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof TeamVisibility other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return TeamVisibility.class.hashCode();
    }
}
