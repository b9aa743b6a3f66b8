package org.ccs.server.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Routes waiting text contacts to agents. A contact waits in the queue of its group (first come,
 * first served: a contact whose offer timed out keeps its place at the front). It is offered to the
 * available agent who may take it and has been idle longest: a member of the group (a contact without
 * a group may go to any agent), allowed the medium, and below their limit of parallel contacts of
 * that medium (offers count against the limit until they are accepted or returned). An agent's idle
 * time starts when they become available, receive an offer, or close a contact. An offer that is not
 * accepted within the offer timeout returns to the queue and the agent stops being available (as a
 * PBX makes a phone agent not ready after a ring-no-answer), so the contact goes to the next agent.
 * <p>
 * Plain Java, safe for concurrent use; time comes from the injected clock and offers expire when
 * {@link #tick()} runs. Listener calls happen after each change, outside the lock.
 */
public final class Router {

    /**
     * What an agent has been offered or is handling. {@code since}: for an offer, when the contact
     * started waiting (it keeps that place if it returns to the queue); once accepted, the acceptance.
     */
    public record Assignment(String ref, MediaType media, Long groupId, State state, Instant since, Instant deadline) {
        /** Offered (waiting for the agent's accept) or accepted. */
        public enum State { OFFERED, ACCEPTED }
    }

    private final Clock clock;
    private final Duration offerTimeout;
    private final RoutingListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Runnable> events = new ArrayList<>();

    /** Waiting contacts by reference, in arrival order per group. */
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private final Map<Long, AgentSlot> agents = new HashMap<>();
    /** Offered or accepted contacts: reference -> agent. */
    private final Map<String, Long> assignedTo = new HashMap<>();

    private record Waiting(String ref, MediaType media, Long groupId, Instant since) {
    }

    private static final class AgentSlot {
        final long id;
        boolean available;
        Set<Long> groups = Set.of();
        Map<MediaType, Integer> limits = new EnumMap<>(MediaType.class);
        Instant idleSince;
        final Map<String, Assignment> work = new LinkedHashMap<>();

        AgentSlot(long id) {
            this.id = id;
        }

        int load(MediaType media) {
            return (int) work.values().stream().filter(a -> a.media() == media).count();
        }

        boolean mayTake(Waiting w) {
            int limit = limits.getOrDefault(w.media(), 0);
            return available && limit > 0 && load(w.media()) < limit
                    && (w.groupId() == null || groups.contains(w.groupId()));
        }
    }

    public Router(Clock clock, Duration offerTimeout, RoutingListener listener) {
        this.clock = Objects.requireNonNull(clock, "clock is required");
        this.offerTimeout = Objects.requireNonNull(offerTimeout, "offer timeout is required");
        if (offerTimeout.isNegative() || offerTimeout.isZero()) {
            throw new IllegalArgumentException("the offer timeout must be positive");
        }
        this.listener = listener == null ? new RoutingListener() { } : listener;
    }

    /**
     * The agent is available for text media: member of {@code groups}, allowed each medium of
     * {@code limits} up to that many contacts in parallel. Calling it again updates groups and limits
     * (the idle time keeps running).
     */
    public void agentAvailable(long agentId, Set<Long> groups, Map<MediaType, Integer> limits) {
        Objects.requireNonNull(groups, "groups are required");
        Objects.requireNonNull(limits, "limits are required");
        change(() -> {
            AgentSlot a = agents.computeIfAbsent(agentId, AgentSlot::new);
            if (!a.available) {
                a.idleSince = clock.instant();
            }
            a.available = true;
            a.groups = Set.copyOf(groups);
            a.limits = limits.isEmpty() ? new EnumMap<>(MediaType.class) : new EnumMap<>(limits);
        });
    }

    /** The agent takes no new contacts; offers not yet accepted return to the queue; accepted ones stay. */
    public void agentUnavailable(long agentId) {
        change(() -> makeUnavailable(agentId));
    }

    /** A new contact waits in the queue of its group (null: any agent who may take the medium). */
    public void enqueue(String ref, MediaType media, Long groupId, Instant waitingSince) {
        Objects.requireNonNull(ref, "reference is required");
        Objects.requireNonNull(media, "medium is required");
        change(() -> {
            if (!waiting.containsKey(ref) && !assignedTo.containsKey(ref)) {
                waiting.put(ref, new Waiting(ref, media, groupId, waitingSince == null ? clock.instant() : waitingSince));
            }
        });
    }

    /** At start-up: a contact the agent had accepted before the restart is theirs again. */
    public void restoreAccepted(String ref, MediaType media, Long groupId, long agentId, Instant acceptedAt) {
        change(() -> {
            AgentSlot a = agents.computeIfAbsent(agentId, AgentSlot::new);
            a.work.put(ref, new Assignment(ref, media, groupId, Assignment.State.ACCEPTED, acceptedAt, null));
            assignedTo.put(ref, agentId);
        });
    }

    /** The agent accepts a contact offered to them; empty when it is not (or no longer) offered to them. */
    public Optional<Assignment> accept(long agentId, String ref) {
        Assignment[] out = new Assignment[1];
        change(() -> {
            AgentSlot a = agents.get(agentId);
            Assignment offer = a == null ? null : a.work.get(ref);
            if (offer == null || offer.state() != Assignment.State.OFFERED) {
                return;
            }
            Assignment accepted = new Assignment(ref, offer.media(), offer.groupId(), Assignment.State.ACCEPTED,
                    clock.instant(), null);
            a.work.put(ref, accepted);
            out[0] = accepted;
            events.add(() -> listener.accepted(ref, agentId));
        });
        return Optional.ofNullable(out[0]);
    }

    /** The agent closes a contact they accepted (wrap-up done): the slot is free, the idle time starts. */
    public boolean close(long agentId, String ref) {
        boolean[] out = new boolean[1];
        change(() -> {
            AgentSlot a = agents.get(agentId);
            Assignment w = a == null ? null : a.work.get(ref);
            if (w == null || w.state() != Assignment.State.ACCEPTED) {
                return;
            }
            a.work.remove(ref);
            assignedTo.remove(ref);
            a.idleSince = clock.instant();
            out[0] = true;
        });
        return out[0];
    }

    /** The contact is gone (the customer left, the conversation ended): out of the queue or off the agent. */
    public void remove(String ref) {
        change(() -> {
            waiting.remove(ref);
            Long agentId = assignedTo.remove(ref);
            if (agentId != null) {
                AgentSlot a = agents.get(agentId);
                if (a != null) {
                    a.work.remove(ref);
                }
            }
        });
    }

    /** Returns expired offers to the queue (their agents stop being available) and offers what waits. */
    public void tick() {
        change(() -> {
            Instant now = clock.instant();
            List<Long> missed = new ArrayList<>();
            for (AgentSlot a : agents.values()) {
                boolean expired = a.work.values().stream().anyMatch(w -> w.state() == Assignment.State.OFFERED
                        && !w.deadline().isAfter(now));
                if (expired) {
                    missed.add(a.id);
                }
            }
            for (long agentId : missed) {
                makeUnavailable(agentId);
                events.add(() -> listener.agentMadeUnavailable(agentId));
            }
        });
    }

    /** Contacts waiting (not yet offered) per group; the key null counts those without a group. */
    public Map<Long, Integer> waitingPerGroup() {
        lock.lock();
        try {
            Map<Long, Integer> out = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
            for (Waiting w : waiting.values()) {
                out.merge(w.groupId(), 1, Integer::sum);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** What the agent has been offered and has accepted, oldest first. */
    public List<Assignment> workOf(long agentId) {
        lock.lock();
        try {
            AgentSlot a = agents.get(agentId);
            return a == null ? List.of() : List.copyOf(a.work.values());
        } finally {
            lock.unlock();
        }
    }

    public boolean isAvailable(long agentId) {
        lock.lock();
        try {
            AgentSlot a = agents.get(agentId);
            return a != null && a.available;
        } finally {
            lock.unlock();
        }
    }

    /** The agent a contact is offered to or handled by. */
    public Optional<Long> agentOf(String ref) {
        lock.lock();
        try {
            return Optional.ofNullable(assignedTo.get(ref));
        } finally {
            lock.unlock();
        }
    }

    public boolean isWaiting(String ref) {
        lock.lock();
        try {
            return waiting.containsKey(ref);
        } finally {
            lock.unlock();
        }
    }

    private void makeUnavailable(long agentId) {
        AgentSlot a = agents.get(agentId);
        if (a == null) {
            return;
        }
        a.available = false;
        List<Assignment> offers = a.work.values().stream().filter(w -> w.state() == Assignment.State.OFFERED).toList();
        for (Assignment o : offers) {
            a.work.remove(o.ref());
            assignedTo.remove(o.ref());
            // back to its place in the queue: it keeps the time it started waiting
            waiting.put(o.ref(), new Waiting(o.ref(), o.media(), o.groupId(), o.since()));
            events.add(() -> listener.requeued(o.ref(), agentId));
        }
    }

    /** Offers every waiting contact, oldest first, to the longest-idle agent who may take it. */
    private void dispatch() {
        Instant now = clock.instant();
        List<Waiting> oldestFirst = new ArrayList<>(waiting.values());
        oldestFirst.sort(Comparator.comparing(Waiting::since));
        for (Waiting w : oldestFirst) {
            AgentSlot best = null;
            for (AgentSlot a : agents.values()) {
                if (a.mayTake(w) && (best == null || a.idleSince.isBefore(best.idleSince)
                        || a.idleSince.equals(best.idleSince) && a.id < best.id)) {
                    best = a;
                }
            }
            if (best == null) {
                continue;
            }
            waiting.remove(w.ref());
            // an offer keeps the time the contact started waiting, so that it keeps its place if it returns
            best.work.put(w.ref(), new Assignment(w.ref(), w.media(), w.groupId(), Assignment.State.OFFERED, w.since(),
                    now.plus(offerTimeout)));
            assignedTo.put(w.ref(), best.id);
            best.idleSince = now;
            long agentId = best.id;
            events.add(() -> listener.offered(w.ref(), agentId));
        }
    }

    private void change(Runnable mutation) {
        List<Runnable> toFire;
        lock.lock();
        try {
            mutation.run();
            dispatch();
            toFire = List.copyOf(events);
            events.clear();
        } finally {
            lock.unlock();
        }
        for (Runnable r : toFire) {
            try {
                r.run();
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(Router.class.getName()).warning(
                        "routing listener failed: " + e.getClass().getSimpleName());
            }
        }
    }
}
