package org.ccs.csta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.ccs.csta.message.AgentState;
import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.ConnectionListEntry;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaEvent.CallCleared;
import org.ccs.csta.message.CstaEvent.ConnectionCleared;
import org.ccs.csta.message.CstaEvent.Delivered;
import org.ccs.csta.message.CstaEvent.Diverted;
import org.ccs.csta.message.CstaEvent.Established;
import org.ccs.csta.message.CstaEvent.Queued;
import org.ccs.csta.message.DeviceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event sequences as a PBX reports them on the group's and the agent's monitors. */
class CallTrackerTest {

    static final String GROUP = "4000";
    static final String AGENT = "2001";
    static final String AGENT2 = "2002";
    static final String CALLER = "+442079460123";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    final List<CompletedCall> calls = new ArrayList<>();
    final List<AgentStateChange> states = new ArrayList<>();
    MutableClock clock;
    CallTracker tracker;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        tracker = new CallTracker(Set.of(GROUP), Set.of(AGENT, AGENT2), "GB", null, new ContactEventListener() {
            @Override
            public void onCompletedCall(CompletedCall call) {
                calls.add(call);
            }

            @Override
            public void onAgentStateChange(AgentStateChange change) {
                states.add(change);
            }
        }, clock);
    }

    private void at(long seconds, CstaEvent... events) {
        clock.advance(Duration.ofSeconds(seconds));
        for (CstaEvent e : events) {
            tracker.onEvent(e);
        }
    }

    static ConnectionId c(String call, String device) {
        return new ConnectionId(call, device);
    }

    static DeviceId d(String device) {
        return DeviceId.of(device);
    }

    static Delivered delivered(String xref, String call, String alerting, DeviceId calling, String called, String cause) {
        return new Delivered(xref, c(call, alerting), d(alerting), calling, d(called), null, "alerting", null, null, cause);
    }

    /** Delivered at the group, queued, distributed to the agent, ringing; seen on both monitors. */
    private void inboundUntilRinging(DeviceId calling) {
        at(0, delivered("M1", "C1", GROUP, calling, GROUP, "enteringDistribution"),
                new Queued("M1", c("C1", GROUP), d(GROUP), calling, d(GROUP), 1, "noAvailableAgents"));
        at(20, new Diverted("M1", c("C1", GROUP), d(GROUP), d(AGENT), "distributed"),
                delivered("M2", "C1", AGENT, calling, GROUP, "distributed"),
                delivered("M1", "C1", AGENT, calling, GROUP, "distributed")); // duplicate from the group monitor
    }

    @Test
    void inboundAnsweredGivesOneCompletedCall() {
        inboundUntilRinging(d("N<+44 20 7946 0123>"));
        at(5, new Established("M2", c("C1", AGENT), d(AGENT), d(CALLER), d(GROUP), d(GROUP), null, null, "distributed"));
        at(0, new Established("M1", c("C1", AGENT), d(AGENT), d(CALLER), d(GROUP), d(GROUP), null, null, "distributed"));
        at(90, new ConnectionCleared("M2", c("C1", CALLER), d(CALLER), "normalClearing"));
        at(0, new ConnectionCleared("M2", c("C1", AGENT), d(AGENT), "normalClearing"),
                new CallCleared("M2", c("C1", null), "normalClearing"),
                new CallCleared("M1", c("C1", null), "normalClearing"));

        assertEquals(1, calls.size());
        CompletedCall call = calls.get(0);
        assertEquals("csta:C1:" + T0.toEpochMilli(), call.sourceRef());
        assertEquals("N<+44 20 7946 0123>", call.callerRaw());
        assertEquals(CALLER, call.callerNormalized());
        assertEquals(Presentation.AVAILABLE, call.presentation());
        assertEquals(GROUP, call.designatedDevice());
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals(AGENT, call.answeringExtension());
        assertEquals(T0, call.startedAt());
        assertEquals(T0.plusSeconds(25), call.answeredAt());
        assertEquals(T0.plusSeconds(115), call.endedAt());
        assertEquals(20, call.queueSeconds());
        assertEquals(5, call.ringSeconds());
        assertEquals(90, call.talkSeconds());
        assertEquals(0, call.holdSeconds());
        assertEquals(List.of(LegType.QUEUE, LegType.RING, LegType.TALK),
                call.legs().stream().map(Leg::legType).toList());
        assertEquals(List.of(GROUP, AGENT, AGENT), call.legs().stream().map(Leg::device).toList());
        assertEquals(0, tracker.activeCalls());
    }

    @Test
    void holdIsCountedApartFromTalk() {
        inboundUntilRinging(d(CALLER));
        at(5, new Established("M2", c("C1", AGENT), d(AGENT), d(CALLER), d(GROUP), null, null, null, "distributed"));
        at(30, new CstaEvent.Held("M2", c("C1", AGENT), d(AGENT), "normal"));
        at(15, new CstaEvent.Retrieved("M2", c("C1", AGENT), d(AGENT), "normal"));
        at(10, new ConnectionCleared("M2", c("C1", AGENT), d(AGENT), "normalClearing"));
        CompletedCall call = calls.get(0);
        assertEquals(15, call.holdSeconds());
        assertEquals(40, call.talkSeconds());
        assertEquals(Outcome.ANSWERED, call.outcome());
    }

    @Test
    void abandonedInQueue() {
        at(0, delivered("M1", "C7", GROUP, DeviceId.RESTRICTED, GROUP, "enteringDistribution"),
                new Queued("M1", c("C7", GROUP), d(GROUP), DeviceId.RESTRICTED, d(GROUP), 3, "noAvailableAgents"));
        at(42, new ConnectionCleared("M1", c("C7", CALLER), null, "normalClearing"));
        assertTrue(calls.isEmpty(), "the group still holds the call until it is cleared");
        at(0, new CallCleared("M1", c("C7", null), "normalClearing"));

        assertEquals(1, calls.size());
        CompletedCall call = calls.get(0);
        assertEquals(Outcome.ABANDONED_QUEUE, call.outcome());
        assertEquals(Presentation.RESTRICTED, call.presentation());
        assertNull(call.callerRaw());
        assertNull(call.callerNormalized());
        assertNull(call.answeredAt());
        assertNull(call.answeringExtension());
        assertEquals(42, call.queueSeconds());
        assertEquals(0, call.ringSeconds());
        assertEquals(0, call.talkSeconds());
        assertEquals(T0.plusSeconds(42), call.endedAt());
    }

    @Test
    void abandonedWhileRinging() {
        inboundUntilRinging(d(CALLER));
        at(7, new ConnectionCleared("M2", c("C1", CALLER), d(CALLER), "normalClearing"),
                new ConnectionCleared("M2", c("C1", AGENT), d(AGENT), "normalClearing"));
        CompletedCall call = calls.get(0);
        assertEquals(Outcome.ABANDONED_RINGING, call.outcome());
        assertEquals(20, call.queueSeconds());
        assertEquals(7, call.ringSeconds());
    }

    @Test
    void directDialToAnAgentGivesNothing() {
        at(0, delivered("M2", "D1", AGENT, d(CALLER), AGENT, "newCall"));
        at(3, new Established("M2", c("D1", AGENT), d(AGENT), d(CALLER), d(AGENT), null, null, null, "newCall"));
        at(60, new ConnectionCleared("M2", c("D1", AGENT), d(AGENT), "normalClearing"),
                new ConnectionCleared("M2", c("D1", CALLER), d(CALLER), "normalClearing"),
                new CallCleared("M2", c("D1", null), "normalClearing"));
        assertTrue(calls.isEmpty());
        assertEquals(0, tracker.activeCalls());
    }

    @Test
    void internalCallGivesNothing() {
        at(0, new CstaEvent.ServiceInitiated("M2", c("I1", AGENT), d(AGENT), "newCall"),
                new CstaEvent.Originated("M2", c("I1", AGENT), d(AGENT), d(AGENT2), "newCall"),
                delivered("M2", "I1", AGENT2, d(AGENT), AGENT2, "newCall"),
                delivered("M3", "I1", AGENT2, d(AGENT), AGENT2, "newCall"));
        at(2, new Established("M3", c("I1", AGENT2), d(AGENT2), d(AGENT), d(AGENT2), null, null, null, "newCall"));
        at(30, new ConnectionCleared("M3", c("I1", AGENT2), d(AGENT2), "normalClearing"),
                new ConnectionCleared("M2", c("I1", AGENT), d(AGENT), "normalClearing"),
                new CallCleared("M2", c("I1", null), "normalClearing"));
        assertTrue(calls.isEmpty());
        assertEquals(0, tracker.activeCalls());
    }

    @Test
    void transferFollowsTheNewCallId() {
        inboundUntilRinging(d(CALLER));
        at(5, new Established("M2", c("C1", AGENT), d(AGENT), d(CALLER), d(GROUP), null, null, null, "distributed"));
        // consultation call from 2001 to 2002 (internal), then transfer: the customer's call becomes C3
        at(30, new CstaEvent.Held("M2", c("C1", AGENT), d(AGENT), "normal"),
                delivered("M3", "C2", AGENT2, d(AGENT), AGENT2, "newCall"));
        at(5, new Established("M3", c("C2", AGENT2), d(AGENT2), d(AGENT), d(AGENT2), null, null, null, "newCall"));
        at(10, new CstaEvent.Transferred("M2", c("C1", AGENT), c("C2", AGENT), d(AGENT), d(AGENT2),
                List.of(new ConnectionListEntry(c("C3", AGENT2), c("C2", AGENT2), d(AGENT2)),
                        new ConnectionListEntry(c("C3", CALLER), c("C1", CALLER), d(CALLER))), "transfer"));
        assertTrue(calls.isEmpty());
        at(60, new ConnectionCleared("M3", c("C3", CALLER), d(CALLER), "normalClearing"),
                new ConnectionCleared("M3", c("C3", AGENT2), d(AGENT2), "normalClearing"),
                new CallCleared("M3", c("C3", null), "normalClearing"));
        assertEquals(1, calls.size());
        CompletedCall call = calls.get(0);
        assertEquals(Outcome.TRANSFERRED, call.outcome());
        assertEquals("csta:C1:" + T0.toEpochMilli(), call.sourceRef());
        assertEquals(AGENT, call.answeringExtension());
        assertEquals(15, call.holdSeconds());
        assertTrue(call.legs().stream().anyMatch(l -> l.legType() == LegType.TALK && l.device().equals(AGENT2)));
        assertEquals(List.of(AGENT, AGENT2), call.agentExtensions());
        assertEquals(List.of(AGENT2), call.transferTargets());
        assertEquals(List.of(), call.conferenceTargets());
        assertEquals(Direction.INBOUND, call.direction());
        assertEquals(Resync.NONE, call.resync());
        // 30 s with 2001, 15 s on hold while 2001 consulted 2002, then 60 s with 2002
        assertEquals(90, call.talkSeconds());
        assertEquals(0, tracker.activeCalls());
        // late events of the old callIDs do not start new calls
        at(1, delivered("M2", "C1", AGENT, d(CALLER), GROUP, "distributed"),
                new ConnectionCleared("M2", c("C2", AGENT), d(AGENT), "normalClearing"));
        assertEquals(0, tracker.activeCalls());
    }

    @Test
    void blindTransferRingsTheTargetUntilItAnswers() {
        inboundUntilRinging(d(CALLER));
        at(5, new Established("M2", c("C1", AGENT), d(AGENT), d(CALLER), d(GROUP), null, null, null, "distributed"));
        at(30, new CstaEvent.Transferred("M2", c("C1", AGENT), null, d(AGENT), d(AGENT2),
                List.of(new ConnectionListEntry(c("C5", AGENT2), c("C1", AGENT2), d(AGENT2))), "singleStepTransfer"));
        at(4, new Established("M3", c("C5", AGENT2), d(AGENT2), d(CALLER), d(GROUP), null, null, null, "transfer"));
        at(20, new ConnectionCleared("M3", c("C5", AGENT2), d(AGENT2), "normalClearing"));
        CompletedCall call = calls.get(0);
        assertEquals(Outcome.TRANSFERRED, call.outcome());
        assertEquals(9, call.ringSeconds(), "5 s at 2001 before answer, 4 s at 2002 after the transfer");
        assertEquals(50, call.talkSeconds());
        assertEquals(List.of(AGENT, AGENT2), call.agentExtensions());
    }

    @Test
    void transferToAnOutsideNumberEndsTheCallForCcs() {
        inboundUntilRinging(d(CALLER));
        at(5, new Established("M2", c("C1", AGENT), d(AGENT), d(CALLER), d(GROUP), null, null, null, "distributed"));
        at(30, new CstaEvent.Transferred("M2", c("C1", AGENT), null, d(AGENT), d("+442079460999"), List.of(),
                "singleStepTransfer"));
        assertEquals(1, calls.size());
        assertEquals(List.of("+442079460999"), calls.get(0).transferTargets());
        assertEquals(Outcome.TRANSFERRED, calls.get(0).outcome());
        assertEquals(0, tracker.activeCalls());
    }

    @Test
    void conferenceKeepsTheCallWithEveryAgent() {
        inboundUntilRinging(d(CALLER));
        at(5, new Established("M2", c("C1", AGENT), d(AGENT), d(CALLER), d(GROUP), null, null, null, "distributed"));
        at(10, new CstaEvent.Held("M2", c("C1", AGENT), d(AGENT), "normal"),
                new CstaEvent.ServiceInitiated("M2", c("C2", AGENT), d(AGENT), "newCall"),
                delivered("M3", "C2", AGENT2, d(AGENT), AGENT2, "newCall"));
        at(4, new Established("M3", c("C2", AGENT2), d(AGENT2), d(AGENT), d(AGENT2), null, null, null, "newCall"));
        at(6, new CstaEvent.Conferenced("M2", c("C1", AGENT), c("C2", AGENT), d(AGENT), d(AGENT2), List.of(),
                "conference"));
        at(30, new ConnectionCleared("M2", c("C1", AGENT), d(AGENT), "normalClearing"));
        assertTrue(calls.isEmpty(), "2002 is still with the caller");
        at(40, new ConnectionCleared("M3", c("C1", CALLER), d(CALLER), "normalClearing"),
                new ConnectionCleared("M3", c("C1", AGENT2), d(AGENT2), "normalClearing"),
                new CallCleared("M3", c("C1", null), "normalClearing"));
        assertEquals(1, calls.size());
        CompletedCall call = calls.get(0);
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals(List.of(AGENT, AGENT2), call.agentExtensions());
        assertEquals(List.of(AGENT2), call.conferenceTargets());
        assertEquals(10, call.holdSeconds());
        // 10 s before the hold, then 30 s of conference and 40 s with 2002: wall-clock, not per agent
        assertEquals(80, call.talkSeconds());
        assertEquals(0, tracker.activeCalls());
    }

    @Test
    void failedDeliveryWithoutAnswerIsFailed() {
        at(0, delivered("M1", "C1", GROUP, d(CALLER), GROUP, "enteringDistribution"));
        at(3, new Diverted("M1", c("C1", GROUP), d(GROUP), d(AGENT), "distributed"),
                delivered("M2", "C1", AGENT, d(CALLER), GROUP, "distributed"));
        at(2, new CstaEvent.Failed("M2", c("C1", AGENT), d(AGENT), d(CALLER), d(AGENT), "busy"));
        at(1, new ConnectionCleared("M2", c("C1", CALLER), d(CALLER), "normalClearing"),
                new CallCleared("M2", c("C1", null), "normalClearing"));
        assertEquals(Outcome.FAILED, calls.get(0).outcome());
        assertEquals(2, calls.get(0).ringSeconds());
    }

    @Test
    void failedThenRedistributedAndAnsweredIsAnswered() {
        at(0, delivered("M1", "C1", GROUP, d(CALLER), GROUP, "enteringDistribution"));
        at(3, delivered("M2", "C1", AGENT, d(CALLER), GROUP, "distributed"));
        at(2, new CstaEvent.Failed("M2", c("C1", AGENT), d(AGENT), d(CALLER), d(AGENT), "busy"));
        at(1, delivered("M3", "C1", AGENT2, d(CALLER), GROUP, "distributed"));
        at(1, new Established("M3", c("C1", AGENT2), d(AGENT2), d(CALLER), d(GROUP), null, null, null, "distributed"));
        at(9, new CallCleared("M3", c("C1", null), "normalClearing"));
        assertEquals(Outcome.ANSWERED, calls.get(0).outcome());
        assertEquals(AGENT2, calls.get(0).answeringExtension());
    }

    // ---------------------------------------------------------------- outbound

    private void outboundCall(String call, String cause, String to) {
        at(0, new CstaEvent.ServiceInitiated("M2", c(call, AGENT), d(AGENT), cause),
                new CstaEvent.Originated("M2", c(call, AGENT), d(AGENT), d(to), cause));
        at(4, new Delivered("M2", c(call, to), d(to), d(AGENT), d(to), null, "alerting", null, null, "newCall"));
        at(6, new Established("M2", c(call, to), d(to), d(AGENT), d(to), null, null, null, "newCall"));
        at(50, new ConnectionCleared("M2", c(call, to), d(to), "normalClearing"),
                new ConnectionCleared("M2", c(call, AGENT), d(AGENT), "normalClearing"),
                new CallCleared("M2", c(call, null), "normalClearing"));
    }

    @Test
    void clickToDialToAnOutsideNumberIsAnOutboundContact() {
        outboundCall("M1", "makeCall", "0 020 7946 0456");
        assertEquals(1, calls.size());
        CompletedCall call = calls.get(0);
        assertEquals(Direction.OUTBOUND, call.direction());
        assertNull(call.designatedDevice());
        assertEquals("0 020 7946 0456", call.callerRaw());
        assertEquals("+442079460456", call.callerNormalized(), "the customer's number, access code removed");
        assertEquals(AGENT, call.answeringExtension());
        assertEquals(List.of(AGENT), call.agentExtensions());
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals(10, call.ringSeconds());
        assertEquals(50, call.talkSeconds());
        assertEquals(0, call.queueSeconds());
        assertEquals(T0.plusSeconds(10), call.answeredAt());
    }

    @Test
    void clickToDialByCcsIsOutboundEvenWithoutTheMakeCallCause() {
        tracker.clickToDial("M7", AGENT, "+442079460456");
        outboundCall("M7", "newCall", "+442079460456");
        assertEquals(Direction.OUTBOUND, calls.get(0).direction());
    }

    @Test
    void handDialledAndInternalCallsFromAnAgentGiveNothing() {
        outboundCall("H1", "newCall", "+442079460456"); // dialled on the phone, not click-to-dial
        outboundCall("H2", "makeCall", AGENT2);          // click-to-dial to a colleague
        outboundCall("H3", "makeCall", "9");             // not a public number
        assertTrue(calls.isEmpty());
        assertEquals(0, tracker.activeCalls());
    }

    @Test
    void unansweredClickToDial() {
        at(0, new CstaEvent.ServiceInitiated("M2", c("M1", AGENT), d(AGENT), "makeCall"),
                new CstaEvent.Originated("M2", c("M1", AGENT), d(AGENT), d(CALLER), "makeCall"));
        at(20, new ConnectionCleared("M2", c("M1", AGENT), d(AGENT), "normalClearing"));
        assertEquals(Outcome.ABANDONED_RINGING, calls.get(0).outcome());
        assertEquals(20, calls.get(0).ringSeconds());
        at(0, new CstaEvent.ServiceInitiated("M2", c("M2", AGENT), d(AGENT), "makeCall"),
                new CstaEvent.Originated("M2", c("M2", AGENT), d(AGENT), d(CALLER), "makeCall"));
        at(3, new CstaEvent.Failed("M2", c("M2", CALLER), d(CALLER), d(AGENT), d(CALLER), "busy"),
                new ConnectionCleared("M2", c("M2", AGENT), d(AGENT), "normalClearing"));
        assertEquals(Outcome.FAILED, calls.get(1).outcome());
    }

    @Test
    void makeCallThatFirstRingsTheAgentsOwnPhone() {
        tracker.clickToDial("M9", AGENT, CALLER);
        at(0, new Delivered("M2", c("M9", AGENT), d(AGENT), d(AGENT), d(CALLER), null, "alerting", null, null, "makeCall"));
        at(2, new Established("M2", c("M9", AGENT), d(AGENT), d(AGENT), d(CALLER), null, null, null, "makeCall"));
        at(1, new CstaEvent.Originated("M2", c("M9", AGENT), d(AGENT), d(CALLER), "makeCall"));
        at(5, new Established("M2", c("M9", CALLER), d(CALLER), d(AGENT), d(CALLER), null, null, null, "newCall"));
        at(30, new CallCleared("M2", c("M9", null), "normalClearing"));
        CompletedCall call = calls.get(0);
        assertEquals(Direction.OUTBOUND, call.direction());
        assertEquals(T0.plusSeconds(8), call.answeredAt(), "answered when the customer answered");
        assertEquals(5, call.ringSeconds());
        assertEquals(30, call.talkSeconds());
    }

    @Test
    void anAgentCallingTheContactCenterNumberIsInbound() {
        at(0, new CstaEvent.ServiceInitiated("M2", c("X1", AGENT2), d(AGENT2), "newCall"),
                delivered("M1", "X1", GROUP, d(AGENT2), GROUP, "enteringDistribution"));
        at(5, new CallCleared("M1", c("X1", null), "normalClearing"));
        assertEquals(Direction.INBOUND, calls.get(0).direction());
        assertEquals(GROUP, calls.get(0).designatedDevice());
    }

    @Test
    void completedCallsNeverShowNumbersOrDigits() {
        String s = new CompletedCall("csta:C1:1", "N<+442079460123>", "+442079460123", Presentation.AVAILABLE, GROUP,
                T0, null, T0, 0, 0, 0, 0, Outcome.ABANDONED_QUEUE, null, List.of(), "31", Direction.INBOUND, List.of(),
                List.of("+442079460999"), List.of(), "3132", "4711", Resync.NONE).toString();
        assertTrue(s.contains("***123"), s);
        for (String secret : List.of("7946", "4711", "3132", "0999")) {
            assertTrue(!s.contains(secret), s);
        }
    }

    @Test
    void agentStateEventsReachTheListener() {
        at(1, new CstaEvent.AgentStateEvent("M2", AgentState.READY, d(AGENT), "A17", d(GROUP), null),
                new CstaEvent.AgentStateEvent("M2", AgentState.WORKING_AFTER_CALL, d(AGENT), null, null, null));
        assertEquals(List.of(new AgentStateChange(AGENT, "A17", AgentState.READY, T0.plusSeconds(1)),
                new AgentStateChange(AGENT, null, AgentState.WORKING_AFTER_CALL, T0.plusSeconds(1))), states);
    }

    @Test
    void aFailingListenerDoesNotStopTracking() {
        CallTracker t = new CallTracker(Set.of(GROUP), Set.of(AGENT), "GB", null, call -> {
            throw new IllegalStateException("database down");
        }, clock);
        t.onEvent(delivered("M1", "C1", GROUP, d(CALLER), GROUP, "enteringDistribution"));
        t.onEvent(new CallCleared("M1", c("C1", null), "normalClearing"));
        assertEquals(0, t.activeCalls());
    }
}
