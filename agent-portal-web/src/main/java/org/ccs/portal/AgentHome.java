package org.ccs.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.util.Optional;
import org.ccs.server.agent.AgentService;
import org.ccs.server.agent.AgentView;

/** The signed-in agent, for the portal's pages. */
@Named
@RequestScoped
public class AgentHome {

    @Inject
    SecurityContext security;

    @Inject
    AgentService agents;

    private Optional<AgentView> me;

    public AgentView getMe() {
        if (me == null) {
            me = agents.forLogin(security.getCallerPrincipal().getName());
        }
        return me.orElse(null);
    }
}
