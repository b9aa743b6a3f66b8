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

    /**
     * Applies a state the PBX reported for an extension and appends it to the agent's availability
     * history; a repeated report of the same state changes nothing. Unknown extensions are ignored.
     * Returns whether the state changed.
     */
    public boolean stateReported(String extension, AgentState state, Instant at) {
        Optional<Agent> agent = em.createNamedQuery(Agent.BY_EXTENSION, Agent.class).setParameter("extension", extension)
                .getResultStream().findFirst();
        if (agent.isEmpty() || !agent.get().changeState(state, at)) {
            return false;
        }
        em.persist(new AgentStateHistory(agent.get().id(), state, null, at));
        return true;
    }

    /** The availability history of an agent in [from, to), oldest first. */
    public List<AgentStateHistory> history(long agentId, Instant from, Instant to) {
        return em.createNamedQuery(AgentStateHistory.OF_AGENT_BETWEEN, AgentStateHistory.class)
                .setParameter("agentId", agentId).setParameter("from", from).setParameter("to", to)
                .getResultList();
    }

    /** The extension of the agent behind a login, for click-to-dial. */
    public Optional<String> extensionForLogin(String username) {
        return forLogin(username).map(AgentView::extension);
    }
}
