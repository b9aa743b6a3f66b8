package org.ccs.csta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.ConnectionListEntry;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaEvent.AgentStateEvent;
import org.ccs.csta.message.CstaEvent.CallCleared;
import org.ccs.csta.message.CstaEvent.CallInformation;
import org.ccs.csta.message.CstaEvent.Conferenced;
import org.ccs.csta.message.CstaEvent.ConnectionCleared;
import org.ccs.csta.message.CstaEvent.Delivered;
import org.ccs.csta.message.CstaEvent.DigitsDialed;
import org.ccs.csta.message.CstaEvent.Diverted;
import org.ccs.csta.message.CstaEvent.DtmfDetected;
import org.ccs.csta.message.CstaEvent.Established;
import org.ccs.csta.message.CstaEvent.Failed;
import org.ccs.csta.message.CstaEvent.Held;
import org.ccs.csta.message.CstaEvent.Originated;
import org.ccs.csta.message.CstaEvent.Queued;
import org.ccs.csta.message.CstaEvent.Retrieved;
import org.ccs.csta.message.CstaEvent.ServiceInitiated;
import org.ccs.csta.message.CstaEvent.Transferred;
import org.ccs.csta.message.DeviceId;
import org.ccs.csta.message.Sensitive;
import org.ccs.csta.message.SnapshotEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns CSTA call events into one {@link CompletedCall} per customer call, and agent state events into
 * {@link AgentStateChange}s.
 *
 * <p>Which calls become records:
 * <ul>
 * <li>INBOUND: a call that touched a designated device (ACD group, routing point, pilot number), whoever
 * called;</li>
 * <li>OUTBOUND: a click-to-dial call, i.e. made with CSTA MakeCall (by CCS, {@link #clickToDial}, or by
 * another CTI application, cause {@code makeCall}) from an agent extension to a number that normalises to
 * a public (E.164) number. Calls an agent dials by hand on the phone, and click-to-dial calls to internal
 * extensions, give nothing, like direct-dial and internal calls: they are not contact-center contacts.</li>
 * </ul>
 *
 * <p>Calls are tracked by callID; a transfer or conference that gives the call a new callID re-keys it, and
 * the consultation call merged into it is dropped. The same event usually arrives more than once (from the
 * monitor on the ACD group and from the one on the agent's extension), so every step is idempotent: a leg
 * is opened only if none of that type is open at that device, a cleared connection is cleared once, and a
 * call is completed once (late events for a completed callID are ignored for a minute). A call is complete
 * on CallCleared, or when the last designated device or agent extension leaves it.
 *
 * <p>After a link loss ({@link #onLinkLost()}) the link takes a SnapshotDevice of every monitored device
 * ({@link #onSnapshot}, in event order) and then calls {@link #onResynchronised}: calls still at the PBX
 * continue (their state brought up to date, flagged {@link Resync#RESYNCHRONISED}); calls gone from every
 * snapshot ended while the link was down and are closed (flagged {@link Resync#CLOSED_BY_RESYNC}); calls
 * the snapshots show that were never seen are tracked from then on. Either way each call gives exactly one
 * record.
 *
 * <p>One handler per event type, in one table. Thread-safe (methods are synchronised); the link calls it on
 * its ordered event thread. Time comes from the injected {@link Clock}.
 */
public final class CallTracker {

    private static final Logger LOG = LoggerFactory.getLogger(CallTracker.class);

    /** How long creation events for a completed callID are taken as late duplicates. */
    private static final Duration COMPLETED_MEMORY = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 4096;
    private static final String MAKE_CALL = "makeCall";

    private final Set<String> designated;
    private final Set<String> agents;
    private final String region;
    private final String accessCode;
    private final DigitsSource digitsSource;
    private final ContactEventListener listener;
    private final Clock clock;
    private final Map<Class<? extends CstaEvent>, BiConsumer<CstaEvent, Instant>> handlers = new HashMap<>();

    private final Map<String, TrackedCall> calls = new HashMap<>();
    private final Map<String, Instant> completed = bounded();
    /** callID -> click-to-dial request, from MakeCall responses. */
    private final Map<String, ClickToDial> clickToDials = bounded();

    /** When the link was lost (the first loss since the last resynchronisation), or null. */
    private Instant linkLostAt;
    /** Calls in progress at the link loss that no event or snapshot has confirmed since. */
    private final Set<String> unconfirmed = new HashSet<>();

    public CallTracker(CstaLinkConfig config, ContactEventListener listener, Clock clock) {
        this(Set.copyOf(config.designatedDevices()), Set.copyOf(config.agentExtensions()), config.region(),
                config.accessCode(), config.digitsSource(), listener, clock);
    }

    /** A tracker without IVR digits. */
    public CallTracker(Set<String> designatedDevices, Set<String> agentExtensions, String region, String accessCode,
                       ContactEventListener listener, Clock clock) {
        this(designatedDevices, agentExtensions, region, accessCode, DigitsSource.NONE, listener, clock);
    }

    public CallTracker(Set<String> designatedDevices, Set<String> agentExtensions, String region, String accessCode,
                       DigitsSource digitsSource, ContactEventListener listener, Clock clock) {
        this.designated = keys(designatedDevices);
        this.agents = keys(agentExtensions);
        this.region = region;
        this.accessCode = accessCode;
        this.digitsSource = Objects.requireNonNull(digitsSource, "digitsSource is required");
        this.listener = Objects.requireNonNull(listener, "listener is required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
        // ECMA-269 call control events
        on(ServiceInitiated.class, this::serviceInitiated);
        on(Originated.class, this::originated);
        on(Delivered.class, this::delivered);
        on(Queued.class, this::queued);
        on(Diverted.class, this::diverted);
        on(Established.class, this::established);
        on(Held.class, this::held);
        on(Retrieved.class, this::retrieved);
        on(Transferred.class, this::transferred);
        on(Conferenced.class, this::conferenced);
        on(Failed.class, this::failed);
        on(ConnectionCleared.class, this::connectionCleared);
        on(CallCleared.class, this::callCleared);
        on(DigitsDialed.class, this::digitsDialed);
        // ECMA-269 call associated and media events
        on(CallInformation.class, this::callInformation);
        on(DtmfDetected.class, this::dtmfDetected);
        // ECMA-269 logical device features: agent states
        on(AgentStateEvent.class, this::agentState);
    }

    private <E extends CstaEvent> void on(Class<E> type, BiConsumer<E, Instant> handler) {
        handlers.put(type, (event, now) -> handler.accept(type.cast(event), now));
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_REMEMBERED;
            }
        };
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
        if (device == null) {
            return null;
        }
        if (isPlain(device)) {
            return device;
        }
        String s = PhoneNumbers.undecorate(device);
        return s == null ? null : s.replace(" ", "");
    }

    /** Most identifiers (extensions, group numbers) carry no decoration: no need to undecorate them. */
    private static boolean isPlain(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == ':' || c == '@' || c == ';') {
                return false;
            }
        }
        return true;
    }

    private static String key(DeviceId d) {
        return d == null || !d.isAvailable() ? null : key(d.raw());
    }

    // ---------------------------------------------------------------- public operations

    /** Calls in progress (for health). */
    public synchronized int activeCalls() {
        return calls.size();
    }

    /** Feeds one event, in the order the link received it. */
    public synchronized void onEvent(CstaEvent event) {
        BiConsumer<CstaEvent, Instant> handler = handlers.get(event.getClass());
        if (handler == null) {
            return;
        }
        Instant now = clock.instant();
        String callId = event.callId();
        if (callId != null && unconfirmed.remove(callId)) {
            TrackedCall c = calls.get(callId);
            if (c != null) {
                c.resync = Resync.RESYNCHRONISED; // in progress across the link loss
                c.confirmed(now);
            }
        }
        handler.accept(event, now);
        TrackedCall c = callId == null ? null : calls.get(callId);
        if (c != null) {
            c.lastAt = now;
        }
    }

    /**
     * A click-to-dial call CCS asked for (MakeCall) got its callID: the call is an outbound customer call
     * from {@code fromExtension} to {@code toNumber} (if that is a public number).
     */
    public synchronized void clickToDial(String callId, String fromExtension, String toNumber) {
        if (callId == null) {
            return;
        }
        ClickToDial ctd = new ClickToDial(key(fromExtension), DeviceId.of(toNumber));
        TrackedCall c = calls.get(callId);
        if (c != null) {
            c.clickToDial(ctd);
        } else {
            clickToDials.put(callId, ctd);
        }
    }

    /** The link is down: the calls in progress wait for the resynchronisation. */
    public synchronized void onLinkLost() {
        if (linkLostAt == null) {
            linkLostAt = clock.instant();
            unconfirmed.addAll(calls.keySet());
            LOG.info("CSTA link lost with {} call(s) in progress; they are resynchronised when it is back",
                    calls.size());
        }
    }

    /**
     * The snapshot of one monitored device (SnapshotDevice), in event order: its calls and its connection
     * state in each. Calls it shows are brought up to date (or, when never seen, tracked from now); calls
     * that had a connection at the device and are not shown lost it.
     */
    public synchronized void onSnapshot(String device, List<SnapshotEntry> entries) {
        Instant now = clock.instant();
        String snapshotted = key(device);
        Map<String, String> states = new LinkedHashMap<>();
        for (SnapshotEntry en : entries) {
            // every entry is a call at the snapshotted device, whatever form of its number the PBX gives
            if (en.connection() != null && en.connection().callId() != null) {
                states.put(en.connection().callId(), en.localCallState());
            }
        }
        for (TrackedCall c : List.copyOf(calls.values())) {
            if (c.connected.contains(snapshotted) && !states.containsKey(c.callId)) {
                c.disconnect(snapshotted);
                if (unconfirmed.contains(c.callId)) {
                    c.vanished.add(snapshotted); // its legs end at the loss if the call is gone, now if not
                } else {
                    c.closeDevice(snapshotted, now);
                }
            }
        }
        states.forEach((callId, state) -> {
            TrackedCall c = calls.get(callId);
            if (c == null) {
                c = callFor(callId, now);
                if (c == null) {
                    return; // completed a moment ago
                }
                c.resync = Resync.RESYNCHRONISED;
                LOG.debug("call {} found by the snapshot of {}", callId, snapshotted);
            } else if (unconfirmed.remove(callId)) {
                c.confirmed(now);
            }
            if (linkLostAt != null && c.firstAt.isBefore(linkLostAt)) {
                c.resync = Resync.RESYNCHRONISED;
            }
            applyState(c, snapshotted, state, now);
        });
    }

    /**
     * Every snapshot is in (or failed): calls in progress at the link loss that no snapshot or event has
     * shown since ended while the link was down; they are closed at the moment of the loss and flagged.
     * Calls with a connection at a device whose snapshot failed ({@code unknownDevices}) are kept.
     *
     * @return how many calls were closed
     */
    public synchronized int onResynchronised(Set<String> unknownDevices) {
        Instant now = clock.instant();
        Set<String> unknown = keys(unknownDevices);
        int closed = 0;
        int kept = 0;
        for (String callId : List.copyOf(unconfirmed)) {
            TrackedCall c = calls.get(callId);
            if (c == null) {
                continue;
            }
            if (c.connected.stream().anyMatch(unknown::contains)) {
                c.resync = Resync.RESYNCHRONISED;
                c.confirmed(now);
                kept++;
                continue;
            }
            c.resync = Resync.CLOSED_BY_RESYNC;
            finish(c, linkLostAt != null ? linkLostAt : now);
            closed++;
        }
        // calls the snapshots left without any monitored connection (and no event cleared)
        for (TrackedCall c : List.copyOf(calls.values())) {
            if (c.resync == Resync.RESYNCHRONISED && c.internalConnections() == 0) {
                finish(c, now);
            }
        }
        unconfirmed.clear();
        if (linkLostAt != null || closed > 0) {
            LOG.info("CSTA calls resynchronised: {} in progress, {} closed as ended while the link was down{}",
                    calls.size(), closed, kept == 0 ? "" : ", " + kept + " kept without a snapshot of their devices");
        }
        linkLostAt = null;
        return closed;
    }

    /**
     * Closes calls without an event for {@code maxAge} (their events were lost): those that touched a
     * designated device become records flagged {@link Resync#CLOSED_BY_RESYNC}, ended at their last event.
     *
     * @return how many calls were closed
     */
    public synchronized int sweep(Duration maxAge) {
        Instant limit = clock.instant().minus(maxAge);
        List<TrackedCall> stale = new ArrayList<>();
        for (TrackedCall c : calls.values()) {
            if (c.lastAt.isBefore(limit)) {
                stale.add(c);
            }
        }
        for (TrackedCall c : stale) {
            c.resync = Resync.CLOSED_BY_RESYNC;
            finish(c, c.lastAt);
        }
        if (!stale.isEmpty()) {
            LOG.warn("{} call(s) without an event for {} closed (events lost)", stale.size(), maxAge);
        }
        return stale.size();
    }

    // ---------------------------------------------------------------- event handlers

    private void serviceInitiated(ServiceInitiated e, Instant now) {
        String dev = device(e.initiatedConnection(), e.initiatingDevice());
        if (dev == null || !agents.contains(dev)) {
            return;
        }
        TrackedCall c = callFor(e.callId(), now);
        if (c != null) {
            c.originatedBy(dev, MAKE_CALL.equals(e.cause()));
            c.connect(dev);
        }
    }

    private void originated(Originated e, Instant now) {
        String dev = device(e.originatedConnection(), e.callingDevice());
        TrackedCall c = callFor(e.callId(), now);
        if (c == null || dev == null) {
            return;
        }
        if (agents.contains(dev)) {
            c.originatedBy(dev, MAKE_CALL.equals(e.cause()));
            c.connect(dev);
        }
        c.dialled(e.calledDevice());
        if (c.outboundFrom != null && key(e.calledDevice()) != null && !isInternal(key(e.calledDevice()))) {
            c.open(LegType.RING, c.outboundFrom, now); // the customer's phone is being called
        }
    }

    private void delivered(Delivered e, Instant now) {
        String alerting = device(e.connection(), e.alertingDevice());
        TrackedCall c = callFor(e.callId(), now);
        if (c == null || alerting == null) {
            return;
        }
        c.data(e.correlatorData(), e.userData());
        if (MAKE_CALL.equals(e.cause()) && agents.contains(alerting)) {
            c.originatedBy(alerting, true); // some PBXs first ring the agent's own phone for a MakeCall
        }
        if (alerting.equals(c.outboundFrom)) {
            c.connect(alerting);
            return;
        }
        if (c.outboundFrom != null && !isInternal(alerting)) {
            c.dialled(e.alertingDevice());
            c.open(LegType.RING, c.outboundFrom, now);
            return;
        }
        c.caller(e.callingDevice());
        c.touch(firstDesignated(alerting, key(e.calledDevice()), key(e.lastRedirectionDevice())));
        c.connect(alerting);
        c.failed = false;
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
        c.failed = false;
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
        c.data(e.correlatorData(), e.userData());
        if (c.outboundFrom != null) {
            c.connect(answering);
            if (answering.equals(c.outboundFrom)) {
                return; // the agent's own phone going off-hook for the MakeCall
            }
            if (!isInternal(answering)) {
                c.dialled(e.answeringDevice());
                answered(c, c.outboundFrom, now); // the customer answered the agent's call
                return;
            }
            // an internal party answered the agent's call (a consultation, an internal call): as below
        }
        c.caller(e.callingDevice());
        c.touch(firstDesignated(answering, key(e.calledDevice()), key(e.lastRedirectionDevice())));
        c.connect(answering);
        if (designated.contains(answering)) {
            c.open(LegType.QUEUE, answering, now); // answered by an IVR/announcement at the designated device
            return;
        }
        answered(c, answering, now);
    }

    private void held(Held e, Instant now) {
        TrackedCall c = calls.get(e.callId());
        String dev = device(e.heldConnection(), e.holdingDevice());
        if (c != null && dev != null) {
            c.open(LegType.HOLD, dev, now);
        }
    }

    private void retrieved(Retrieved e, Instant now) {
        TrackedCall c = calls.get(e.callId());
        String dev = device(e.retrievedConnection(), e.retrievingDevice());
        if (c != null && dev != null) {
            c.close(LegType.HOLD, dev, now);
        }
    }

    private void transferred(Transferred e, Instant now) {
        TrackedCall c = merge(e.primaryOldCall(), e.secondaryOldCall());
        if (c == null) {
            return;
        }
        TrackedCall consultation = c.mergedFrom;
        c.mergedFrom = null;
        String transferring = key(e.transferringDevice());
        if (transferring != null) {
            c.closeDevice(transferring, now);
            c.disconnect(transferring);
        }
        c.transferred = true;
        String to = key(e.transferredToDevice());
        if (to != null && !c.connected.contains(to)) { // the same event comes once per monitor
            c.transferTargets.add(to);
            if (isInternal(to)) {
                c.connect(to);
                if (designated.contains(to)) {
                    c.open(LegType.QUEUE, to, now);
                } else if (consultation != null && consultation.answeredAt != null && consultation.connected.contains(to)) {
                    c.open(LegType.TALK, to, now); // consultative transfer: the target was already talking
                } else {
                    c.open(LegType.RING, to, now); // blind transfer: the target is ringing
                }
            }
        }
        rekey(c, newCallId(e.transferredConnections()), now);
        if (c.internalConnections() == 0) {
            finish(c, now); // transferred out of the monitored devices (e.g. to an outside number)
        }
    }

    private void conferenced(Conferenced e, Instant now) {
        TrackedCall c = merge(e.primaryOldCall(), e.secondaryOldCall());
        if (c == null) {
            return;
        }
        c.mergedFrom = null;
        String conferencing = key(e.conferencingDevice());
        if (conferencing != null) {
            c.close(LegType.HOLD, conferencing, now);
        }
        String added = key(e.addedParty());
        if (added != null && !c.connected.contains(added)) { // the same event comes once per monitor
            c.conferenceTargets.add(added);
            if (isInternal(added) && !designated.contains(added)) {
                c.connect(added);
                c.close(LegType.RING, added, now);
                c.open(LegType.TALK, added, now);
            }
        }
        rekey(c, newCallId(e.conferenceConnections()), now);
    }

    private void failed(Failed e, Instant now) {
        TrackedCall c = calls.get(e.callId());
        if (c == null) {
            return;
        }
        c.failed = true;
        String dev = device(e.failedConnection(), e.failingDevice());
        if (dev != null) {
            c.close(LegType.RING, dev, now);
        }
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

    private void callCleared(CallCleared e, Instant now) {
        TrackedCall c = calls.get(e.callId());
        if (c != null) {
            finish(c, now);
        }
    }

    private void digitsDialed(DigitsDialed e, Instant now) {
        TrackedCall c = calls.get(e.callId());
        if (c != null && digitsSource == DigitsSource.DTMF && c.answeredAt == null) {
            c.keyed(e.dialingSequence());
        }
    }

    private void callInformation(CallInformation e, Instant now) {
        TrackedCall c = calls.get(e.callId());
        if (c == null) {
            return;
        }
        c.data(e.correlatorData(), e.userData());
        if (digitsSource == DigitsSource.CALL_INFORMATION) {
            String digits = e.accountInfo() != null ? IvrDigits.keep(e.accountInfo().value())
                    : e.userData() != null ? IvrDigits.fromOctets(e.userData().value()) : null;
            if (digits != null) {
                c.digits = digits;
            }
        }
    }

    private void dtmfDetected(DtmfDetected e, Instant now) {
        TrackedCall c = calls.get(e.callId());
        if (c != null && digitsSource == DigitsSource.DTMF && c.answeredAt == null) {
            c.keyed(e.dtmfChar());
        }
    }

    private void agentState(AgentStateEvent e, Instant now) {
        String ext = key(e.agentDevice());
        if (ext == null && e.agentId() == null) {
            return;
        }
        deliver(() -> listener.onAgentStateChange(new AgentStateChange(ext, e.agentId(), e.state(), now)));
    }

    // ---------------------------------------------------------------- helpers

    /** An agent (or the customer, for outbound) answered at {@code dev}: queue and ringing end, talk starts. */
    private static void answered(TrackedCall c, String dev, Instant now) {
        c.failed = false;
        c.closeAll(LegType.QUEUE, now);
        c.close(LegType.RING, dev, now);
        if (c.answeredAt == null) {
            c.answeredAt = now;
            c.answeringExtension = dev;
        }
        c.open(LegType.TALK, dev, now);
    }

    /** A device's connection state from a snapshot (ECMA-285 LocalConnectionState), dated now. */
    private void applyState(TrackedCall c, String dev, String state, Instant now) {
        if (state == null || state.equals("null") || state.equals("fail")) {
            c.closeDevice(dev, now);
            c.disconnect(dev);
            return;
        }
        c.connect(dev);
        if (designated.contains(dev)) {
            c.touch(dev);
            c.open(LegType.QUEUE, dev, now);
            return;
        }
        switch (state) {
            case "alerting", "queued" -> {
                if (!dev.equals(c.outboundFrom)) {
                    c.closeAll(LegType.QUEUE, now);
                    c.open(LegType.RING, dev, now);
                }
            }
            case "connected", "hold" -> {
                if (!dev.equals(c.outboundFrom) || c.answeredAt != null) {
                    answered(c, dev, now);
                }
                if (state.equals("hold")) {
                    c.open(LegType.HOLD, dev, now);
                } else {
                    c.close(LegType.HOLD, dev, now);
                }
            }
            case "initiated" -> {
                if (agents.contains(dev)) {
                    c.originatedBy(dev, false);
                }
            }
            default -> {
                // a state this adapter does not know: the connection is there, nothing more
            }
        }
    }

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
        ClickToDial ctd = clickToDials.remove(callId);
        if (ctd != null) {
            c.clickToDial(ctd);
        }
        return c;
    }

    /**
     * The call that carries on after a transfer or conference merges the primary and the secondary
     * (consultation) call: the one that touched a designated device, or the one CCS dialled, or the
     * primary. The other one is dropped (and kept in {@code mergedFrom} for the handler).
     */
    private TrackedCall merge(ConnectionId primaryOld, ConnectionId secondaryOld) {
        TrackedCall primary = primaryOld == null ? null : calls.get(primaryOld.callId());
        TrackedCall secondary = secondaryOld == null ? null : calls.get(secondaryOld.callId());
        TrackedCall c = primary;
        if (primary == null || secondary != null && secondary.isCustomerCall() && !primary.isCustomerCall()) {
            c = secondary;
        }
        if (c == null) {
            return null;
        }
        TrackedCall other = c == primary ? secondary : primary;
        if (other != null && other != c) {
            calls.remove(other.callId);
            remember(other, clock.instant());
            c.mergedFrom = other;
        }
        return c;
    }

    private static String newCallId(List<ConnectionListEntry> list) {
        for (ConnectionListEntry en : list) {
            if (en.newConnection() != null && en.newConnection().callId() != null) {
                return en.newConnection().callId();
            }
        }
        return null;
    }

    private void rekey(TrackedCall c, String newCallId, Instant now) {
        if (newCallId == null || newCallId.equals(c.callId)) {
            return;
        }
        calls.remove(c.callId);
        completed.put(c.callId, now);
        if (unconfirmed.remove(c.callId)) {
            unconfirmed.add(newCallId);
        }
        c.callId = newCallId;
        c.callIds.add(newCallId);
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

    private void remember(TrackedCall c, Instant now) {
        for (String id : c.callIds) {
            completed.put(id, now);
        }
        unconfirmed.removeAll(c.callIds);
    }

    private void finish(TrackedCall c, Instant now) {
        calls.remove(c.callId);
        remember(c, clock.instant());
        Instant ended = c.callerClearedAt != null && !c.callerClearedAt.isAfter(now) ? c.callerClearedAt : now;
        c.closeEverything(ended);
        Direction direction = c.direction(region, accessCode);
        if (direction == null) {
            LOG.debug("call {} ended without touching a designated device: no record", c.firstCallId);
            return;
        }
        CompletedCall done = c.complete(direction, ended, region, accessCode);
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

    /** A MakeCall CCS sent: from the agent's extension to the customer's number. */
    private record ClickToDial(String fromExtension, DeviceId to) {
    }

    /** The state of one call in progress. */
    private final class TrackedCall {
        final String firstCallId;
        final Instant firstAt;
        final List<String> callIds = new ArrayList<>(2);
        Instant lastAt;
        String callId;
        DeviceId caller;
        String callerKey;
        String correlatorData;
        String userData;
        String digits;
        StringBuilder keyed;
        String designatedDevice;
        Instant answeredAt;
        String answeringExtension;
        Instant callerClearedAt;
        LegType abandonedFrom;
        boolean transferred;
        boolean failed;
        /** The agent extension that placed this call, or null (an inbound call). */
        String outboundFrom;
        /** Placed by CSTA MakeCall (click-to-dial). */
        boolean madeByMakeCall;
        /** The number the agent's call went to. */
        DeviceId dialled;
        Resync resync = Resync.NONE;
        TrackedCall mergedFrom;
        /** Monitored devices a snapshot no longer showed the call at, while it was not yet confirmed. */
        final Set<String> vanished = new LinkedHashSet<>(1);
        final List<String> transferTargets = new ArrayList<>(1);
        final List<String> conferenceTargets = new ArrayList<>(1);
        final List<Leg> legs = new ArrayList<>();
        final List<OpenLeg> open = new ArrayList<>();
        final Set<String> connected = new LinkedHashSet<>();

        TrackedCall(String callId, Instant at) {
            this.firstCallId = callId;
            this.callId = callId;
            this.callIds.add(callId);
            this.firstAt = at;
            this.lastAt = at;
        }

        /** Shown to be in progress after a link loss: connections the snapshots did not show end now. */
        void confirmed(Instant now) {
            for (String dev : vanished) {
                closeDevice(dev, now);
            }
            vanished.clear();
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

        void originatedBy(String extension, boolean makeCall) {
            if (outboundFrom == null) {
                outboundFrom = extension;
            }
            madeByMakeCall |= makeCall;
        }

        void dialled(DeviceId d) {
            if (dialled == null && d != null && d.isAvailable()) {
                dialled = d;
            }
        }

        void clickToDial(ClickToDial ctd) {
            originatedBy(ctd.fromExtension(), true);
            dialled(ctd.to());
        }

        void data(Sensitive correlator, Sensitive user) {
            if (correlatorData == null && correlator != null) {
                correlatorData = correlator.value();
            }
            if (user != null) {
                userData = user.value();
            }
            String fromData = switch (digitsSource) {
                case USER_DATA -> user == null ? null : IvrDigits.fromOctets(user.value());
                case CORRELATOR_DATA -> correlator == null ? null : IvrDigits.fromOctets(correlator.value());
                default -> null;
            };
            if (fromData != null) {
                digits = fromData;
            }
        }

        void keyed(Sensitive chars) {
            String d = chars == null ? null : IvrDigits.keep(chars.value());
            if (d == null) {
                return;
            }
            if (keyed == null) {
                keyed = new StringBuilder();
            }
            if (keyed.length() + d.length() <= IvrDigits.MAX_DIGITS) {
                keyed.append(d);
            }
            digits = keyed.toString();
        }

        /** Touched a designated device, or was placed by click-to-dial from an agent. */
        boolean isCustomerCall() {
            return designatedDevice != null || outboundFrom != null && madeByMakeCall;
        }

        /** Which record the call gives: inbound, outbound, or none (null). */
        Direction direction(String region, String accessCode) {
            if (designatedDevice != null) {
                return Direction.INBOUND;
            }
            if (outboundFrom != null && madeByMakeCall && dialled != null
                    && PhoneNumbers.normalize(dialled.raw(), region, accessCode) != null) {
                return Direction.OUTBOUND;
            }
            return null;
        }

        void connect(String device) {
            connected.add(device);
        }

        void disconnect(String device) {
            connected.remove(device);
        }

        int internalConnections() {
            int n = 0;
            for (String d : connected) {
                if (isInternal(d)) {
                    n++;
                }
            }
            return n;
        }

        boolean isOpen(LegType type) {
            for (OpenLeg l : open) {
                if (l.type == type) {
                    return true;
                }
            }
            return false;
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

        private void closeIf(Predicate<OpenLeg> which, Instant at) {
            for (Iterator<OpenLeg> it = open.iterator(); it.hasNext(); ) {
                OpenLeg l = it.next();
                if (which.test(l)) {
                    it.remove();
                    legs.add(new Leg(l.type, l.device, l.startedAt, at));
                }
            }
        }

        CompletedCall complete(Direction direction, Instant ended, String region, String accessCode) {
            CallTimes times = CallTimes.of(legs);
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
                outcome = direction == Direction.OUTBOUND ? Outcome.ABANDONED_RINGING : Outcome.ABANDONED_QUEUE;
            }
            DeviceId customer = direction == Direction.OUTBOUND ? dialled : caller;
            Presentation presentation = customer == null ? Presentation.NOT_KNOWN : customer.presentation();
            String raw = customer == null ? null : customer.raw();
            List<Leg> sorted = new ArrayList<>(legs);
            sorted.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
            Set<String> handledBy = new LinkedHashSet<>();
            for (Leg l : sorted) {
                if (l.legType() == LegType.TALK && agents.contains(l.device())) {
                    handledBy.add(l.device());
                }
            }
            return new CompletedCall("csta:" + firstCallId + ":" + firstAt.toEpochMilli(), raw,
                    PhoneNumbers.normalize(raw, region, accessCode), presentation, designatedDevice, firstAt,
                    answeredAt, ended, seconds(times.queueMillis()), seconds(times.ringMillis()),
                    seconds(times.talkMillis()), seconds(times.holdMillis()), outcome, answeringExtension, sorted,
                    correlatorData, direction, List.copyOf(handledBy), transferTargets, conferenceTargets, userData,
                    digits, resync);
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
