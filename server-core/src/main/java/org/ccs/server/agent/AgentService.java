package org.ccs.server.agent;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ccs.server.security.UserAccountService;

/** Agents: who is logged in, their state, look-up by extension for the PBX link. */
@Stateless
public class AgentService {

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    @Inject
    UserAccountService accounts;

    /** The agent behind a login, if the login is an agent's. */
    public Optional<AgentView> forLogin(String username) {
        return accounts.findByUsername(username)
                .filter(u -> u.agentId() != null)
                .map(u -> em.find(Agent.class, u.agentId()))
                .map(AgentView::of);
    }

    public Optional<Long> idForExtension(String extension) {
        if (extension == null) {
            return Optional.empty();
        }
        return em.createNamedQuery(Agent.BY_EXTENSION, Agent.class).setParameter("extension", extension)
                .getResultStream().findFirst().map(Agent::id);
    }

    public List<String> extensions() {
        return em.createNamedQuery(Agent.WITH_EXTENSION, Agent.class).getResultList().stream()
                .map(Agent::extension).toList();
    }

    /** Applies a state the PBX reported for an extension; unknown extensions are ignored. */
    public void stateReported(String extension, AgentState state, Instant at) {
        em.createNamedQuery(Agent.BY_EXTENSION, Agent.class).setParameter("extension", extension)
                .getResultStream().findFirst().ifPresent(a -> a.changeState(state, at));
    }
}
