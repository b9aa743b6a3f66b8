package org.ccs.csta.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.ccs.csta.CallTracker;
import org.ccs.csta.CompletedCall;
import org.ccs.csta.DigitsSource;
import org.ccs.csta.Direction;
import org.ccs.csta.Leg;
import org.ccs.csta.LegType;
import org.ccs.csta.MutableClock;
import org.ccs.csta.Outcome;
import org.ccs.csta.Resync;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Call tracking per shipped scenario, without sockets: the scenario's events, as each monitor of 4000, 2001
 * and 2002 would get them from the simulator, go straight into a {@link CallTracker} on a clock that the
 * scenario's delays move. Link steps drop the events while the link is down and resynchronise with the
 * simulator's snapshots when it is back.
 */
class ScenarioTrackingTest {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final Set<String> MONITORED = Set.of("4000", "2001", "2002");

    private final List<CompletedCall> calls = new ArrayList<>();
    private final MutableClock clock = new MutableClock(T0);
    private final CallModel model = new CallModel();
    private CallTracker tracker = tracker(DigitsSource.NONE);

    private CallTracker tracker(DigitsSource digits) {
        return new CallTracker(Set.of("4000"), Set.of("2001", "2002"), "GB", null, digits, calls::add, clock);
    }

    /** Plays a shipped scenario into the tracker; returns the play's callIDs and variables. */
    private CallModel.Play play(String name) throws Exception {
        CallModel.Play play = model.new Play(Map.of("caller", "+442079460123", "called", "+442079460456", "agent", "2002"));
        boolean linkUp = true;
        for (Scenario.Step step : Scenario.load(name).steps()) {
            if (step instanceof Scenario.Delay d) {
                clock.advance(d.duration());
            } else if (step instanceof Scenario.Link l) {
                linkUp = l.up();
                if (!linkUp) {
                    tracker.onLinkLost();
                } else {
                    for (String device : List.of("4000", "2001", "2002")) {
                        tracker.onSnapshot(device, model.snapshot(device));
                    }
                    tracker.onResynchronised(Set.of());
                }
            } else {
                CallModel.Delivery delivery = model.apply((Scenario.Event) step, play);
                for (String device : delivery.devices()) {
                    if (linkUp && MONITORED.contains(device)) {
                        tracker.onEvent(delivery.event().withMonitorCrossRefId("M" + device));
                    }
                }
            }
        }
        return play;
    }

    private CompletedCall onlyCall() {
        assertEquals(1, calls.size(), calls.toString());
        assertEquals(0, tracker.activeCalls());
        assertEquals(0, model.activeCalls(), "the scenario clears its calls");
        return calls.get(0);
    }

    private static Map<LegType, Long> millis(CompletedCall call) {
        return call.legs().stream().collect(Collectors.groupingBy(Leg::legType,
                Collectors.summingLong(l -> l.duration().toMillis())));
    }

    @Test
    void inboundAnswered() throws Exception {
        CallModel.Play play = play("inbound-answered");
        CompletedCall call = onlyCall();
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals("csta:" + play.callIds().get("C1") + ":" + T0.toEpochMilli(), call.sourceRef());
        assertEquals("N<+442079460123>", call.callerRaw());
        assertEquals("+442079460123", call.callerNormalized());
        assertEquals("4000", call.designatedDevice());
        assertEquals(List.of("2001"), call.agentExtensions());
        assertEquals(Map.of(LegType.QUEUE, 600L, LegType.RING, 600L, LegType.TALK, 1200L), millis(call));
    }

    @Test
    void abandonedInQueue() throws Exception {
        play("abandoned-queue");
        CompletedCall call = onlyCall();
        assertEquals(Outcome.ABANDONED_QUEUE, call.outcome());
        assertEquals(Map.of(LegType.QUEUE, 1500L), millis(call));
    }

    @Test
    void abandonedWhileRinging() throws Exception {
        play("abandoned-ringing");
        CompletedCall call = onlyCall();
        assertEquals(Outcome.ABANDONED_RINGING, call.outcome());
        assertEquals(Map.of(LegType.QUEUE, 300L, LegType.RING, 800L), millis(call));
        assertNull(call.answeredAt());
    }

    @Test
    void directDialAndInternalGiveNothing() throws Exception {
        play("direct-dial");
        play("internal");
        assertTrue(calls.isEmpty());
        assertEquals(0, tracker.activeCalls());
    }

    @Test
    void holdAndRetrieve() throws Exception {
        play("hold-retrieve");
        CompletedCall call = onlyCall();
        assertEquals(Outcome.ANSWERED, call.outcome());
        // the queue leg at 4000 lasts 0 ms: the call is distributed at once
        assertEquals(Map.of(LegType.QUEUE, 0L, LegType.RING, 200L, LegType.TALK, 1400L, LegType.HOLD, 600L), millis(call));
        assertEquals(1, call.holdSeconds());
    }

    @Test
    void transferFollowsTheNewCallId() throws Exception {
        CallModel.Play play = play("transfer");
        CompletedCall call = onlyCall();
        assertEquals(Outcome.TRANSFERRED, call.outcome());
        assertEquals("csta:" + play.callIds().get("C1") + ":" + T0.toEpochMilli(), call.sourceRef());
        assertEquals(List.of("2001", "2002"), call.agentExtensions());
        assertEquals(List.of("2002"), call.transferTargets());
        assertEquals("2001", call.answeringExtension());
        assertEquals(1700, Duration.between(call.startedAt(), call.endedAt()).toMillis());
        // 400 ms with 2001, 500 ms on hold while 2001 consulted, 600 ms with 2002
        assertEquals(500, millis(call).get(LegType.HOLD));
        assertEquals(1000, call.legs().stream().filter(l -> l.legType() == LegType.TALK)
                .mapToLong(l -> l.duration().toMillis()).sum() - 500);
    }

    @Test
    void conference() throws Exception {
        play("conference");
        CompletedCall call = onlyCall();
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals(List.of("2001", "2002"), call.agentExtensions());
        assertEquals(List.of("2002"), call.conferenceTargets());
        // 2001: 400 ms, 500 ms on hold while consulting, 500 ms of conference; 2002: 500 ms of conference and
        // 500 ms alone with the caller
        List<Leg> talk = call.legs().stream().filter(l -> l.legType() == LegType.TALK).toList();
        assertEquals(List.of("2001", "2002"), talk.stream().map(Leg::device).toList());
        assertEquals(List.of(1400L, 1000L), talk.stream().map(l -> l.duration().toMillis()).toList());
        assertEquals(500, millis(call).get(LegType.HOLD));
    }

    @Test
    void outboundClickToDial() throws Exception {
        play("outbound-click-to-dial");
        CompletedCall call = onlyCall();
        assertEquals(Direction.OUTBOUND, call.direction());
        assertEquals("+442079460456", call.callerNormalized(), "the customer the agent called");
        assertEquals("2002", call.answeringExtension());
        assertNull(call.designatedDevice());
        assertEquals(Map.of(LegType.RING, 800L, LegType.TALK, 800L), millis(call));
    }

    @Test
    void linkDropInTheMiddleOfCalls() throws Exception {
        CallModel.Play play = play("link-drop");
        assertEquals(2, calls.size(), calls.toString());
        assertEquals(0, tracker.activeCalls());
        CompletedCall c1 = calls.get(0);
        CompletedCall c2 = calls.get(1);
        assertTrue(c1.sourceRef().startsWith("csta:" + play.callIds().get("C1") + ":"));
        assertEquals(Resync.CLOSED_BY_RESYNC, c1.resync());
        assertEquals(Outcome.ANSWERED, c1.outcome());
        assertEquals(T0.plusMillis(500), c1.endedAt(), "closed when the link was lost");
        assertTrue(c2.sourceRef().startsWith("csta:" + play.callIds().get("C2") + ":"));
        assertEquals(Resync.RESYNCHRONISED, c2.resync());
        assertEquals(Outcome.ANSWERED, c2.outcome());
        assertEquals("2002", c2.answeringExtension());
        assertEquals("+442079460456", c2.callerNormalized());
        assertEquals(T0.plusMillis(900), c2.answeredAt(), "answered while down, dated at the resynchronisation");
        assertEquals(Map.of(LegType.QUEUE, 700L, LegType.TALK, 500L), millis(c2));
    }

    @ParameterizedTest
    @EnumSource(value = DigitsSource.class, names = {"USER_DATA", "CORRELATOR_DATA", "CALL_INFORMATION", "DTMF"})
    void ivrDigits(DigitsSource source) throws Exception {
        tracker = tracker(source);
        play("ivr-digits");
        CompletedCall call = onlyCall();
        assertEquals("4711", call.ivrDigits());
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals(Map.of(LegType.QUEUE, 500L, LegType.RING, 200L, LegType.TALK, 500L), millis(call));
    }

    @Test
    void loadCall() throws Exception {
        play("load-call");
        CompletedCall call = onlyCall();
        assertEquals("2002", call.answeringExtension(), "$agent");
        assertEquals(Map.of(LegType.QUEUE, 500L, LegType.RING, 500L, LegType.TALK, 2000L), millis(call));
    }
}
