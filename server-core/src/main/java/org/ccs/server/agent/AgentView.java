package org.ccs.server.agent;

import java.time.Instant;

/** An agent as the Agent Portal shows it to the agent (a transfer object). */
public record AgentView(String login, String displayName, String firstName, String lastName, String extension,
                        String state, Instant stateSince) {

    static AgentView of(Agent a) {
        return new AgentView(a.loginName(), a.displayName(), a.firstName(), a.lastName(), a.extension(),
                a.state().name(), a.stateSince());
    }
}
