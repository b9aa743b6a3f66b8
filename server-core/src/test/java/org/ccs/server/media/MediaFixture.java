package org.ccs.server.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.ccs.server.agent.Agent;
import org.ccs.server.agent.AgentGroup;
import org.ccs.server.agent.AgentGroupMember;
import org.ccs.server.contact.Channel;
import org.ccs.server.contact.TestIngestion;
import org.ccs.server.routing.MediaType;
import org.ccs.server.routing.Router;
import org.ccs.server.routing.RoutingListener;
import org.ccs.server.testing.TestDatabase;

/**
 * A group, an agent in it, a chat entry point and an open-media connector with their keys, in a test
 * database, and {@link TextChannels} over it with a real {@link Router} (offers kept in the database
 * as the server does): the text channels as the server runs them, outside the container.
 */
public final class MediaFixture {

    public static final String ENTRY_POINT = "web-shop";
    public static final String CONNECTOR = "sms-gateway";

    public final TestDatabase db;
    public final Clock clock;
    public final long groupId;
    public final long agentId;
    public final String agentLogin = "agent-text";
    public final String chatKey = AccessKeys.newKey();
    public final String connectorKey = AccessKeys.newKey();
    public final Router router;
    public final TextChannels channels;
    public final StoreTx tx;

    public MediaFixture(TestDatabase db, Clock clock, TextChannels.Limits limits) {
        this.db = db;
        this.clock = clock;
        this.groupId = db.inTransaction(em -> {
            AgentGroup g = new AgentGroup("Web team " + System.nanoTime(), null);
            em.persist(g);
            em.flush();
            return g.id();
        });
        this.agentId = db.inTransaction(em -> {
            Agent a = new Agent(agentLogin + System.nanoTime(), "Sam", "Example", null, Instant.now());
            em.persist(a);
            em.flush();
            em.persist(new AgentGroupMember(groupId, a.id(), Instant.now()));
            return a.id();
        });
        db.inTransaction(em -> {
            if (em.createNamedQuery(ChatEntryPoint.BY_KEY, ChatEntryPoint.class).setParameter("entryKey", ENTRY_POINT)
                    .getResultList().isEmpty()) {
                ChatEntryPoint e = new ChatEntryPoint(ENTRY_POINT, "Web shop", "https://www.example.com", groupId);
                e.changeKey(AccessKeys.hash(chatKey));
                em.persist(e);
                OpenMediaConnector c = new OpenMediaConnector(CONNECTOR, groupId);
                c.changeKey(AccessKeys.hash(connectorKey));
                em.persist(c);
            } else {
                em.createNamedQuery(ChatEntryPoint.BY_KEY, ChatEntryPoint.class).setParameter("entryKey", ENTRY_POINT)
                        .getSingleResult().changeKey(AccessKeys.hash(chatKey));
                OpenMediaConnector c = em.createNamedQuery(OpenMediaConnector.BY_NAME, OpenMediaConnector.class)
                        .setParameter("name", CONNECTOR).getSingleResult();
                c.changeKey(AccessKeys.hash(connectorKey));
                c.routeTo(groupId);
                em.createNamedQuery(ChatEntryPoint.BY_KEY, ChatEntryPoint.class).setParameter("entryKey", ENTRY_POINT)
                        .getSingleResult().routeTo(groupId);
            }
            return null;
        });
        this.tx = new StoreTx() {
            @Override
            public <T> T call(java.util.function.Function<ConversationStore, T> work) {
                return db.inTransaction(em -> work.apply(new ConversationStore(em, TestIngestion.over(em), clock)));
            }
        };
        this.router = new Router(clock, Duration.ofSeconds(30), new RoutingListener() {
            @Override
            public void offered(String ref, long agent) {
                update(ref, c -> c.offeredTo(agent));
            }

            @Override
            public void requeued(String ref, long agent) {
                update(ref, Conversation::requeued);
            }

            @Override
            public void accepted(String ref, long agent) {
                update(ref, c -> c.acceptedBy(agent, clock.instant()));
            }
        });
        WorkQueue queue = new WorkQueue() {
            @Override
            public void waiting(String ref, Channel channel, Long group, Instant since) {
                router.enqueue(ref, MediaType.of(channel), group, since);
            }

            @Override
            public void gone(String ref) {
                router.remove(ref);
            }
        };
        this.channels = new TextChannels(tx, queue, new ConversationHub(), new AccessKeys(), clock, limits);
    }

    private void update(String ref, java.util.function.Consumer<Conversation> change) {
        tx.call(store -> {
            store.byRef(ref).ifPresent(change);
            return null;
        });
    }

    /** The agent becomes available for chats and open media (2 each). */
    public void agentAvailable() {
        router.agentAvailable(agentId, Set.of(groupId), Map.of(MediaType.CHAT, 2, MediaType.OPEN_MEDIA, 2));
    }

    /** The agent accepts the contact offered to them. */
    public void accept(String ref) {
        if (router.accept(agentId, ref).isEmpty()) {
            throw new IllegalStateException("not offered to the agent: " + ref);
        }
    }
}
