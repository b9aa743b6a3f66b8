package org.ccs.csta;

import java.time.Instant;
import java.util.Objects;

import org.ccs.csta.message.AgentState;

/**
 * An ACD agent state change reported by the PBX.
 *
 * @param extension the agent's device (extension), or null when the PBX only named the agent
 * @param agentId   the ACD agent id, or null when the PBX did not give one
 */
public record AgentStateChange(String extension, String agentId, AgentState state, Instant at) {

    public AgentStateChange {
        Objects.requireNonNull(state, "state is required");
        Objects.requireNonNull(at, "at is required");
        if (extension == null && agentId == null) {
            throw new IllegalArgumentException("extension or agentId is required");
        }
    }
}
