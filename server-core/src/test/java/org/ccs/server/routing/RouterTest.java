package org.ccs.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Offer, accept, timeout and re-offer, limits, longest-idle first, live queue counts. */
class RouterTest {

    private static final long SALES = 10L;
    private static final long SUPPORT = 20L;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final List<String> events = new ArrayList<>();
    private final Router router = new Router(clock, Duration.ofSeconds(30), new RoutingListener() {
        @Override public void offered(String ref, long agentId) { events.add("offered " + ref + " to " + agentId); }
        @Override public void requeued(String ref, long agentId) { events.add("requeued " + ref + " from " + agentId); }
        @Override public void accepted(String ref, long agentId) { events.add("accepted " + ref + " by " + agentId); }
        @Override public void agentMadeUnavailable(long agentId) { events.add("unavailable " + agentId); }
    });

    private void available(long agent, long group, int chats, int mails) {
        router.agentAvailable(agent, Set.of(group), Map.of(MediaType.CHAT, chats, MediaType.EMAIL, mails));
    }

    @Test
    void aWaitingContactIsOfferedAcceptedAndClosed() {
        available(1, SALES, 2, 1);
        router.enqueue("c1", MediaType.CHAT, SALES, null);
        assertEquals(List.of("offered c1 to 1"), events);
        assertEquals(Router.Assignment.State.OFFERED, router.workOf(1).get(0).state());
        assertTrue(router.accept(1, "c1").isPresent());
        assertEquals(Router.Assignment.State.ACCEPTED, router.workOf(1).get(0).state());
        assertTrue(router.close(1, "c1"));
        assertTrue(router.workOf(1).isEmpty());
        assertFalse(router.close(1, "c1"), "closing twice does nothing");
    }

    @Test
    void onlyTheAgentOfferedMayAccept() {
        available(1, SALES, 1, 1);
        available(2, SUPPORT, 1, 1);
        router.enqueue("c1", MediaType.CHAT, SALES, null);
        assertTrue(router.accept(2, "c1").isEmpty(), "not offered to agent 2");
        assertTrue(router.accept(1, "c1").isPresent());
        assertTrue(router.accept(1, "c1").isEmpty(), "already accepted");
    }

    @Test
    void theLongestIdleAgentGetsTheContact() {
        available(1, SALES, 3, 3);
        clock.advance(Duration.ofSeconds(10));
        available(2, SALES, 3, 3);
        clock.advance(Duration.ofSeconds(5));
        available(3, SALES, 3, 3);
        // idle since: 1 at 09:00:00, 2 at :10, 3 at :15; each offer restarts the agent's idle time
        for (String ref : List.of("c1", "c2", "c3", "c4")) {
            clock.advance(Duration.ofSeconds(5));
            router.enqueue(ref, MediaType.CHAT, SALES, null);
        }
        assertEquals(List.of("offered c1 to 1", "offered c2 to 2", "offered c3 to 3", "offered c4 to 1"), events);
    }

    @Test
    void closingAContactRestartsTheIdleTime() {
        available(1, SALES, 2, 0);
        clock.advance(Duration.ofSeconds(5));
        available(2, SALES, 2, 0);
        router.enqueue("c1", MediaType.CHAT, SALES, null);
        router.accept(1, "c1");
        clock.advance(Duration.ofSeconds(5));
        router.close(1, "c1");
        clock.advance(Duration.ofSeconds(5));
        router.enqueue("c2", MediaType.CHAT, SALES, null);
        assertEquals("offered c2 to 2", events.get(events.size() - 1), "agent 2 has been idle longer than agent 1");
    }

    @Test
    void limitsPerMediumAreRespected() {
        available(1, SALES, 2, 1);
        router.enqueue("c1", MediaType.CHAT, SALES, null);
        router.enqueue("c2", MediaType.CHAT, SALES, null);
        router.enqueue("c3", MediaType.CHAT, SALES, null);
        router.enqueue("m1", MediaType.EMAIL, SALES, null);
        router.enqueue("m2", MediaType.EMAIL, SALES, null);
        router.enqueue("o1", MediaType.OPEN_MEDIA, SALES, null);
        assertEquals(3, router.workOf(1).size(), "two chats and one e-mail: " + router.workOf(1));
        assertTrue(router.isWaiting("c3"));
        assertTrue(router.isWaiting("m2"));
        assertTrue(router.isWaiting("o1"), "the agent may not handle open media");
        assertEquals(Map.of(SALES, 3), router.waitingPerGroup());
        router.accept(1, "c1");
        router.close(1, "c1");
        assertTrue(router.agentOf("c3").isPresent(), "a free chat slot takes the next chat");
        assertEquals(Map.of(SALES, 2), router.waitingPerGroup());
    }

    @Test
    void contactsGoOnlyToMembersOfTheirGroup() {
        available(1, SUPPORT, 5, 5);
        router.enqueue("c1", MediaType.CHAT, SALES, null);
        assertTrue(router.isWaiting("c1"));
        router.enqueue("c2", MediaType.CHAT, null, null);
        assertEquals(1L, router.agentOf("c2").orElseThrow(), "a contact without a group goes to anyone allowed the medium");
        available(2, SALES, 1, 0);
        assertEquals(2L, router.agentOf("c1").orElseThrow(), "a member of the group becoming available takes it");
    }

    @Test
    void anOfferNotAcceptedInTimeReturnsToTheQueueAndGoesToTheNextAgent() {
        available(1, SALES, 1, 1);
        clock.advance(Duration.ofSeconds(1));
        available(2, SALES, 1, 1);
        router.agentUnavailable(2);
        router.enqueue("c1", MediaType.CHAT, SALES, null);
        clock.advance(Duration.ofSeconds(10));
        router.enqueue("c2", MediaType.CHAT, SALES, null);
        assertEquals(List.of("offered c1 to 1"), events, "agent 1 is full, agent 2 is away");

        clock.advance(Duration.ofSeconds(19)); // 29 s after the offer
        router.tick();
        assertEquals(1, events.size(), "not yet expired");
        clock.advance(Duration.ofSeconds(1));
        router.tick();
        assertEquals(List.of("offered c1 to 1", "requeued c1 from 1", "unavailable 1"), events);
        assertFalse(router.isAvailable(1), "an agent who lets an offer expire stops being available");
        assertEquals(Map.of(SALES, 2), router.waitingPerGroup());

        available(2, SALES, 1, 1);
        assertEquals("offered c1 to 2", events.get(events.size() - 1), "the returned contact keeps its place at the front");
        assertTrue(router.isWaiting("c2"));
    }

    @Test
    void aContactThatEndsWhileWaitingOrOfferedIsRemoved() {
        available(1, SALES, 1, 1);
        router.enqueue("c1", MediaType.CHAT, SALES, null);
        router.enqueue("c2", MediaType.CHAT, SALES, null);
        router.remove("c1");
        assertTrue(router.workOf(1).isEmpty() || router.workOf(1).get(0).ref().equals("c2"));
        assertEquals("c2", router.workOf(1).get(0).ref(), "the freed slot takes the next contact");
        router.remove("c2");
        assertTrue(router.workOf(1).isEmpty());
        assertTrue(router.waitingPerGroup().isEmpty());
    }

    @Test
    void acceptedWorkSurvivesARestartAndCountsAgainstTheLimit() {
        router.restoreAccepted("m1", MediaType.EMAIL, SALES, 1, clock.instant());
        router.enqueue("m2", MediaType.EMAIL, SALES, null);
        available(1, SALES, 0, 1);
        assertTrue(router.isWaiting("m2"), "the restored e-mail fills the agent's only e-mail slot");
        router.close(1, "m1");
        assertEquals(1L, router.agentOf("m2").orElseThrow());
    }
}
