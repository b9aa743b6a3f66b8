package org.ccs.csta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.ConnectionListEntry;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaEvent.AgentStateEvent;
import org.ccs.csta.message.CstaEvent.CallCleared;
import org.ccs.csta.message.CstaEvent.Conferenced;
import org.ccs.csta.message.CstaEvent.ConnectionCleared;
import org.ccs.csta.message.CstaEvent.Delivered;
import org.ccs.csta.message.CstaEvent.Diverted;
import org.ccs.csta.message.CstaEvent.Established;
import org.ccs.csta.message.CstaEvent.Failed;
import org.ccs.csta.message.CstaEvent.Held;
import org.ccs.csta.message.CstaEvent.Queued;
import org.ccs.csta.message.CstaEvent.Retrieved;
import org.ccs.csta.message.CstaEvent.Transferred;
import org.ccs.csta.message.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns CSTA call events into one {@link CompletedCall} per customer call that touched a designated
 * device, and agent state events into {@link AgentStateChange}s.
 *
 * <p>Calls are tracked by callID. The same event usually arrives more than once (from the monitor on
 * the ACD group and from the one on the agent's extension), so every step is idempotent: a leg is opened
 * only if none of that type is open at that device, a cleared connection is cleared once, and a call is
 * completed once (late events for a completed call are ignored). A call is complete on CallCleared, or
 * when the last designated device or agent extension leaves it. Calls that never touched a designated
 * device (direct-dial, internal) are dropped silently when they end.
 *
 * <p>Thread-safe (methods are synchronised); time comes from the injected {@link Clock}.
 */
public final class CallTracker {

    private static final Logger LOG = LoggerFactory.getLogger(CallTracker.class);

    /** How long creation events for a completed callID are taken as late duplicates. */
    private static final Duration COMPLETED_MEMORY = Duration.ofSeconds(60);
    private static final int MAX_COMPLETED_REMEMBERED = 4096;

    private final Set<String> designated;
    private final Set<String> agents;
    private final String region;
    private final String accessCode;
    private final ContactEventListener listener;
    private final Clock clock;

    private final Map<String, TrackedCall> calls = new HashMap<>();
    private final LinkedHashMap<String, Instant> completed = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_COMPLETED_REMEMBERED;
        }
    };

    public CallTracker(Set<String> designatedDevices, Set<String> agentExtensions, String region, String accessCode,
                       ContactEventListener listener, Clock clock) {
        this.designated = keys(designatedDevices);
        this.agents = keys(agentExtensions);
        this.region = region;
        this.accessCode = accessCode;
        this.listener = Objects.requireNonNull(listener, "listener is required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
    }

    /** Builds a tracker from a link configuration. */
    public CallTracker(CstaLinkConfig config, ContactEventListener listener, Clock clock) {
        this(Set.copyOf(config.designatedDevices()), Set.copyOf(config.agentExtensions()), config.region(),
                config.accessCode(), listener, clock);
    }

    private static Set<String> keys(Set<String> devices) {
        Set<String> out = new LinkedHashSet<>();
        for (String d : devices) {
            String k = key(d);
            if (k != null) {
                out.add(k);
            }
        }
        return Set.copyOf(out);
    }

    /** Device identity for comparisons: decorations and spaces removed. */
    static String key(String device) {
        String s = PhoneNumbers.undecorate(device);
        return s == null ? null : s.replace(" ", "");
    }

    private static String key(DeviceId d) {
        return d == null || !d.isAvailable() ? null : key(d.raw());
    }

    /** Calls in progress (for health). */
    public synchronized int activeCalls() {
        return calls.size();
    }

    /**
     * Hook for the link after a reconnect and re-monitor. The calls tracked so far are kept: events of
     * calls that continued during the outage complete them. Resynchronising with SnapshotDevice (dropping
     * calls the PBX no longer has) comes with the full CSTA capability.
     */
    public synchronized void onLinkRestored() {
        LOG.info("CSTA link restored with {} call(s) in progress", calls.size());
    }

    /** Drops calls older than {@code maxAge} that never ended (events lost); returns how many. */
    public synchronized int sweep(Duration maxAge) {
        Instant limit = clock.instant().minus(maxAge);
        int n = 0;
        for (Iterator<TrackedCall> it = calls.values().iterator(); it.hasNext(); ) {
            TrackedCall c = it.next();
            if (c.firstAt.isBefore(limit)) {
                it.remove();
                n++;
            }
        }
        if (n > 0) {
            LOG.warn("{} stale call(s) dropped without a record (events lost)", n);
        }
        return n;
    }

    /** Feeds one event, in the order the link received it. */
    public synchronized void onEvent(CstaEvent event) {
        Instant now = clock.instant();
        if (event instanceof Delivered e) {
            delivered(e, now);
        } else if (event instanceof Queued e) {
            queued(e, now);
        } else if (event instanceof Diverted e) {
            diverted(e, now);
        } else if (event instanceof Established e) {
            established(e, now);
        } else if (event instanceof Held e) {
            TrackedCall c = calls.get(e.callId());
            String dev = device(e.heldConnection(), e.holdingDevice());
            if (c != null && dev != null) {
                c.open(LegType.HOLD, dev, now);
            }
        } else if (event instanceof Retrieved e) {
            TrackedCall c = calls.get(e.callId());
            String dev = device(e.retrievedConnection(), e.retrievingDevice());
            if (c != null && dev != null) {
                c.close(LegType.HOLD, dev, now);
            }
        } else if (event instanceof ConnectionCleared e) {
            connectionCleared(e, now);
        } else if (event instanceof CallCleared e) {
            TrackedCall c = calls.get(e.callId());
            if (c != null) {
                finish(c, now);
            }
        } else if (event instanceof Failed e) {
            TrackedCall c = calls.get(e.callId());
            if (c != null) {
                c.failed = true;
            }
        } else if (event instanceof Transferred e) {
            transferred(e, now);
        } else if (event instanceof Conferenced e) {
            conferenced(e, now);
        } else if (event instanceof AgentStateEvent e) {
            agentState(e, now);
        }
        // ServiceInitiated, Originated: calls made by agents; a call becomes tracked when delivered.
    }

    // ---------------------------------------------------------------- event handlers

    private void delivered(Delivered e, Instant now) {
        String alerting = device(e.connection(), e.alertingDevice());
        TrackedCall c = callFor(e.callId(), now);
        if (c == null || alerting == null) {
            return;
        }
        c.caller(e.callingDevice());
        if (c.correlatorData == null) {
            c.correlatorData = e.correlatorData();
        }
        c.touch(firstDesignated(alerting, key(e.calledDevice()), key(e.lastRedirectionDevice())));
        c.connect(alerting);
        if (designated.contains(alerting)) {
            c.open(LegType.QUEUE, alerting, now);
        } else if (!alerting.equals(c.callerKey)) {
            c.closeAll(LegType.QUEUE, now);
            c.open(LegType.RING, alerting, now);
        }
    }

    private void queued(Queued e, Instant now) {
        String queue = device(e.queuedConnection(), e.queue());
        TrackedCall c = callFor(e.callId(), now);
        if (c == null || queue == null) {
            return;
        }
        c.caller(e.callingDevice());
        c.touch(firstDesignated(queue, key(e.calledDevice())));
        c.connect(queue);
        if (designated.contains(queue)) {
            c.open(LegType.QUEUE, queue, now);
        }
    }

    private void diverted(Diverted e, Instant now) {
        TrackedCall c = calls.get(e.callId());
        if (c == null) {
            return;
        }
        String from = device(e.connection(), e.divertingDevice());
        String to = key(e.newDestination());
        c.touch(firstDesignated(from, to));
        if (from != null) {
            c.disconnect(from);
            boolean distributing = designated.contains(from) && (to == null || !designated.contains(to));
            if (!distributing) {
                // ringing at an agent ended (no answer), or moved between designated devices;
                // a distributing queue stays open until the call reaches the agent
                c.closeDevice(from, now);
            }
        }
        if (to != null && designated.contains(to)) {
            c.open(LegType.QUEUE, to, now);
        }
    }

    private void established(Established e, Instant now) {
        String answering = device(e.establishedConnection(), e.answeringDevice());
        TrackedCall c = callFor(e.callId(), now);
        if (c == null || answering == null) {
            return;
        }
        c.caller(e.callingDevice());
        c.touch(firstDesignated(answering, key(e.calledDevice()), key(e.lastRedirectionDevice())));
        c.connect(answering);
        if (designated.contains(answering)) {
            c.open(LegType.QUEUE, answering, now); // answered by an IVR/announcement at the designated device
            return;
        }
        c.closeAll(LegType.QUEUE, now);
        c.close(LegType.RING, answering, now);
        if (c.answeredAt == null) {
            c.answeredAt = now;
            c.answeringExtension = answering;
        }
        c.open(LegType.TALK, answering, now);
    }

    private void connectionCleared(ConnectionCleared e, Instant now) {
        TrackedCall c = calls.get(e.callId());
        String dev = device(e.droppedConnection(), e.releasingDevice());
        if (c == null || dev == null) {
            return;
        }
        if (isInternal(dev)) {
            c.closeDevice(dev, now);
            c.disconnect(dev);
        } else {
            // the caller (or another outside party) left
            if (c.answeredAt == null && c.abandonedFrom == null) {
                c.abandonedFrom = c.isOpen(LegType.RING) ? LegType.RING : LegType.QUEUE;
            }
            if (c.callerClearedAt == null) {
                c.callerClearedAt = now;
            }
            c.closeEverything(now);
            c.disconnect(dev);
        }
        if (c.internalConnections() == 0) {
            finish(c, now);
        }
    }

    private void transferred(Transferred e, Instant now) {
        TrackedCall primary = e.primaryOldCall() == null ? null : calls.get(e.primaryOldCall().callId());
        TrackedCall secondary = e.secondaryOldCall() == null ? null : calls.get(e.secondaryOldCall().callId());
        TrackedCall c = pick(primary, secondary);
        if (c == null) {
            return;
        }
        TrackedCall other = c == primary ? secondary : primary;
        if (other != null) {
            calls.remove(other.callId);
        }
        String transferring = key(e.transferringDevice());
        if (transferring != null) {
            c.closeDevice(transferring, now);
            c.disconnect(transferring);
        }
        c.transferred = true;
        String to = key(e.transferredToDevice());
        if (to != null && isInternal(to)) {
            c.connect(to);
            c.open(LegType.TALK, to, now);
        }
        rekey(c, newCallId(e.transferredConnections()));
    }

    private void conferenced(Conferenced e, Instant now) {
        TrackedCall primary = e.primaryOldCall() == null ? null : calls.get(e.primaryOldCall().callId());
        TrackedCall secondary = e.secondaryOldCall() == null ? null : calls.get(e.secondaryOldCall().callId());
        TrackedCall c = pick(primary, secondary);
        if (c == null) {
            return;
        }
        TrackedCall other = c == primary ? secondary : primary;
        if (other != null) {
            calls.remove(other.callId);
        }
        String added = key(e.addedParty());
        if (added != null && isInternal(added)) {
            c.connect(added);
            c.open(LegType.TALK, added, now);
        }
        rekey(c, newCallId(e.conferenceConnections()));
    }

    private void agentState(AgentStateEvent e, Instant now) {
        String ext = key(e.agentDevice());
        if (ext == null && e.agentId() == null) {
            return;
        }
        deliver(() -> listener.onAgentStateChange(new AgentStateChange(ext, e.agentId(), e.state(), now)));
    }

    // ---------------------------------------------------------------- helpers

    private TrackedCall callFor(String callId, Instant now) {
        if (callId == null) {
            return null;
        }
        TrackedCall c = calls.get(callId);
        if (c != null) {
            return c;
        }
        Instant done = completed.get(callId);
        if (done != null && Duration.between(done, now).compareTo(COMPLETED_MEMORY) < 0) {
            return null; // a late duplicate of a completed call
        }
        c = new TrackedCall(callId, now);
        calls.put(callId, c);
        return c;
    }

    private static TrackedCall pick(TrackedCall primary, TrackedCall secondary) {
        if (primary != null && primary.designatedDevice != null) {
            return primary;
        }
        if (secondary != null && secondary.designatedDevice != null) {
            return secondary;
        }
        return primary != null ? primary : secondary;
    }

    private static String newCallId(List<ConnectionListEntry> list) {
        for (ConnectionListEntry en : list) {
            if (en.newConnection() != null && en.newConnection().callId() != null) {
                return en.newConnection().callId();
            }
        }
        return null;
    }

    private void rekey(TrackedCall c, String newCallId) {
        if (newCallId == null || newCallId.equals(c.callId)) {
            return;
        }
        calls.remove(c.callId);
        c.callId = newCallId;
        calls.put(newCallId, c);
    }

    private String device(ConnectionId connection, DeviceId fallback) {
        String d = connection == null ? null : key(connection.deviceId());
        return d != null ? d : key(fallback);
    }

    private String firstDesignated(String... devices) {
        for (String d : devices) {
            if (d != null && designated.contains(d)) {
                return d;
            }
        }
        return null;
    }

    private boolean isInternal(String device) {
        return designated.contains(device) || agents.contains(device);
    }

    private void finish(TrackedCall c, Instant now) {
        calls.remove(c.callId);
        completed.put(c.callId, now);
        completed.put(c.firstCallId, now);
        Instant ended = c.callerClearedAt != null ? c.callerClearedAt : now;
        c.closeEverything(ended);
        if (c.designatedDevice == null) {
            LOG.debug("call {} ended without touching a designated device: no record", c.firstCallId);
            return;
        }
        CompletedCall done = c.complete(ended, region, accessCode);
        LOG.debug("call completed: {}", done);
        deliver(() -> listener.onCompletedCall(done));
    }

    private void deliver(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // the listener's own message may hold personal data: log the type, the stack only at debug
            LOG.error("contact event listener failed: {}", e.getClass().getName());
            LOG.debug("contact event listener failure", e);
        }
    }

    /** The state of one call in progress. */
    private final class TrackedCall {
        final String firstCallId;
        final Instant firstAt;
        String callId;
        DeviceId caller;
        String callerKey;
        String correlatorData;
        String designatedDevice;
        Instant answeredAt;
        String answeringExtension;
        Instant callerClearedAt;
        LegType abandonedFrom;
        boolean transferred;
        boolean failed;
        final List<Leg> legs = new ArrayList<>();
        final List<OpenLeg> open = new ArrayList<>();
        final Set<String> connected = new LinkedHashSet<>();

        TrackedCall(String callId, Instant at) {
            this.firstCallId = callId;
            this.callId = callId;
            this.firstAt = at;
        }

        void caller(DeviceId d) {
            if (caller == null && d != null) {
                caller = d;
                callerKey = key(d);
            }
        }

        void touch(String designatedDevice) {
            if (this.designatedDevice == null && designatedDevice != null) {
                this.designatedDevice = designatedDevice;
            }
        }

        void connect(String device) {
            connected.add(device);
        }

        void disconnect(String device) {
            connected.remove(device);
        }

        long internalConnections() {
            return connected.stream().filter(CallTracker.this::isInternal).count();
        }

        boolean isOpen(LegType type) {
            return open.stream().anyMatch(l -> l.type == type);
        }

        void open(LegType type, String device, Instant at) {
            for (OpenLeg l : open) {
                if (l.type == type && l.device.equals(device)) {
                    return;
                }
            }
            open.add(new OpenLeg(type, device, at));
        }

        void close(LegType type, String device, Instant at) {
            closeIf(l -> l.type == type && l.device.equals(device), at);
        }

        void closeAll(LegType type, Instant at) {
            closeIf(l -> l.type == type, at);
        }

        void closeDevice(String device, Instant at) {
            closeIf(l -> l.device.equals(device), at);
        }

        void closeEverything(Instant at) {
            closeIf(l -> true, at);
        }

        private void closeIf(java.util.function.Predicate<OpenLeg> which, Instant at) {
            for (Iterator<OpenLeg> it = open.iterator(); it.hasNext(); ) {
                OpenLeg l = it.next();
                if (which.test(l)) {
                    it.remove();
                    legs.add(new Leg(l.type, l.device, l.startedAt, at));
                }
            }
        }

        CompletedCall complete(Instant ended, String region, String accessCode) {
            long queue = 0;
            long ring = 0;
            long talk = 0;
            long hold = 0;
            for (Leg l : legs) {
                long ms = l.duration().toMillis();
                switch (l.legType()) {
                    case QUEUE -> queue += ms;
                    case RING -> ring += ms;
                    case TALK -> talk += ms;
                    case HOLD -> hold += ms;
                }
            }
            Outcome outcome;
            if (transferred) {
                outcome = Outcome.TRANSFERRED;
            } else if (answeredAt != null) {
                outcome = Outcome.ANSWERED;
            } else if (failed) {
                outcome = Outcome.FAILED;
            } else if (abandonedFrom == LegType.RING
                    || (abandonedFrom == null && !legs.isEmpty() && lastLegType() == LegType.RING)) {
                outcome = Outcome.ABANDONED_RINGING;
            } else {
                outcome = Outcome.ABANDONED_QUEUE;
            }
            Presentation presentation = caller == null ? Presentation.NOT_KNOWN : caller.presentation();
            String raw = caller == null ? null : caller.raw();
            List<Leg> sorted = new ArrayList<>(legs);
            sorted.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
            return new CompletedCall("csta:" + firstCallId + ":" + firstAt.toEpochMilli(), raw,
                    PhoneNumbers.normalize(raw, region, accessCode), presentation, designatedDevice, firstAt,
                    answeredAt, ended, seconds(queue), seconds(ring), seconds(Math.max(0, talk - hold)),
                    seconds(hold), outcome, answeringExtension, sorted, correlatorData);
        }

        private LegType lastLegType() {
            Leg last = legs.get(0);
            for (Leg l : legs) {
                if (!l.endedAt().isBefore(last.endedAt())) {
                    last = l;
                }
            }
            return last.legType();
        }
    }

    private static int seconds(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, (millis + 500) / 1000);
    }

    private record OpenLeg(LegType type, String device, Instant startedAt) {
    }
}
