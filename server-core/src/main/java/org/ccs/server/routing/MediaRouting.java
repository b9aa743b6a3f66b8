package org.ccs.server.routing;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccs.server.agent.AgentGroupMember;
import org.ccs.server.common.Settings;
import org.ccs.server.contact.Channel;
import org.ccs.server.media.Conversation;
import org.ccs.server.media.MediaException;
import org.ccs.server.media.MediaTx;
import org.ccs.server.media.WorkQueue;
import org.ccs.server.security.UserAccount;

/**
 * The text-media router of the server: holds the {@link Router}, feeds it the conversations that wait
 * (and, at start-up, those still open in the database), keeps each conversation's routing state in the
 * database as offers are made, returned and accepted, expires offers every second, and serves the
 * agent's side (become available, accept, close). Offer timeout: ccs.routing.offer.timeout.seconds (30).
 */
@Singleton
@jakarta.ejb.LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaRouting implements WorkQueue {

    private static final Logger LOG = Logger.getLogger(MediaRouting.class.getName());

    @EJB
    MediaTx tx;

    @Inject
    Clock clock;

    @Resource
    TimerService timers;

    private volatile Router router;

    /** Builds the router from the open conversations and starts expiring offers; called once the database is ready. */
    public synchronized void start() {
        if (router != null) {
            return;
        }
        Router r = new Router(clock, Duration.ofSeconds(Settings.getInt("ccs.routing.offer.timeout.seconds", 30)),
                new Persisting());
        int restored = tx.call(store -> {
            int n = 0;
            for (Conversation c : store.open()) {
                MediaType media = MediaType.of(c.channel());
                if (c.state() == Conversation.State.ACTIVE && c.agentId() != null) {
                    r.restoreAccepted(c.ref(), media, c.groupId(), c.agentId(), c.acceptedAt());
                } else {
                    if (c.state() == Conversation.State.OFFERED) {
                        c.requeued();
                    }
                    r.enqueue(c.ref(), media, c.groupId(), c.queuedAt());
                }
                n++;
            }
            return n;
        });
        router = r;
        timers.createIntervalTimer(1_000, 1_000, new TimerConfig("media-routing-tick", false));
        LOG.info("Text-media routing started: " + restored + " open conversation(s) restored");
    }

    @PreDestroy
    void stop() {
        router = null;
    }

    @Timeout
    void tick(Timer timer) {
        Router r = router;
        if (r != null) {
            try {
                r.tick();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "routing tick failed: " + e.getClass().getSimpleName());
            }
        }
    }

    private Router router() {
        Router r = router;
        if (r == null) {
            throw new MediaException(MediaException.Reason.UNAVAILABLE, "text-media routing is not running yet");
        }
        return r;
    }

    @Override
    public void waiting(String ref, Channel channel, Long groupId, Instant since) {
        Router r = router;
        if (r != null) {
            r.enqueue(ref, MediaType.of(channel), groupId, since);
        }
    }

    @Override
    public void gone(String ref) {
        Router r = router;
        if (r != null) {
            r.remove(ref);
        }
    }

    /** The agent behind a login; empty for logins that are not an agent's. */
    public Optional<Long> agentOf(String login) {
        return tx.call(store -> store.em().createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
                .setParameter("username", login).getResultStream().findFirst().map(UserAccount::agentId));
    }

    /** The agent takes text media now, with their groups and media limits from the configuration. */
    public boolean makeAvailable(long agentId) {
        record Config(Set<Long> groups, Map<MediaType, Integer> limits) { }
        Config config = tx.call(store -> {
            Set<Long> groups = new HashSet<>();
            store.em().createNamedQuery(AgentGroupMember.OF_AGENT, AgentGroupMember.class).setParameter("agentId", agentId)
                    .getResultStream().forEach(m -> groups.add(m.groupId()));
            Map<MediaType, Integer> limits = new EnumMap<>(MediaType.class);
            store.em().createNamedQuery(AgentMediaSkill.OF_AGENT, AgentMediaSkill.class).setParameter("agentId", agentId)
                    .getResultStream().forEach(s -> limits.put(s.media(), s.maxParallel()));
            return new Config(groups, limits);
        });
        router().agentAvailable(agentId, config.groups(), config.limits());
        return !config.limits().isEmpty();
    }

    public void makeUnavailable(long agentId) {
        router().agentUnavailable(agentId);
    }

    public boolean isAvailable(long agentId) {
        Router r = router;
        return r != null && r.isAvailable(agentId);
    }

    /** What the agent has been offered and is handling, with who the customer is. */
    public List<AgentWork> workOf(long agentId) {
        List<Router.Assignment> work = router().workOf(agentId);
        return tx.call(store -> work.stream().map(a -> {
            Conversation c = store.byRef(a.ref()).orElse(null);
            Conversation.Party p = c == null ? new Conversation.Party(null, null, null) : c.party();
            return new AgentWork(a.ref(), a.media().name(), a.state().name(), a.since(), a.deadline(), p.raw(), p.name(),
                    null);
        }).toList());
    }

    /** The agent accepts an offer; false when it is not (or no longer) offered to them. */
    public boolean accept(long agentId, String ref) {
        return router().accept(agentId, ref).isPresent();
    }

    /** Frees the agent's slot once the contact is closed. */
    public boolean release(long agentId, String ref) {
        return router().close(agentId, ref);
    }

    /** Whether the contact is accepted by this agent (the portal may read and answer it). */
    public boolean handles(long agentId, String ref) {
        return router().workOf(agentId).stream()
                .anyMatch(a -> a.ref().equals(ref) && a.state() == Router.Assignment.State.ACCEPTED);
    }

    /** Contacts waiting per group (key null: no group), live. */
    public Map<Long, Integer> waitingPerGroup() {
        Router r = router;
        return r == null ? Map.of() : r.waitingPerGroup();
    }

    /** Keeps the database's view of each conversation in step with the router. */
    private final class Persisting implements RoutingListener {
        @Override
        public void offered(String ref, long agentId) {
            update(ref, c -> c.offeredTo(agentId));
        }

        @Override
        public void requeued(String ref, long agentId) {
            update(ref, Conversation::requeued);
        }

        @Override
        public void accepted(String ref, long agentId) {
            Instant now = clock.instant();
            update(ref, c -> c.acceptedBy(agentId, now));
        }

        @Override
        public void agentMadeUnavailable(long agentId) {
            LOG.info("agent " + agentId + " did not accept a text contact in time and is no longer available for text media");
        }

        private void update(String ref, java.util.function.Consumer<Conversation> change) {
            try {
                tx.call(store -> {
                    store.byRef(ref).filter(Conversation::isOpen).ifPresent(change);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warning("routing state of a conversation could not be saved: " + e.getClass().getSimpleName());
            }
        }
    }
}
