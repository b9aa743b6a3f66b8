package org.ccs.csta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaEvent.CallCleared;
import org.ccs.csta.message.CstaEvent.ConnectionCleared;
import org.ccs.csta.message.CstaEvent.Delivered;
import org.ccs.csta.message.CstaEvent.Established;
import org.ccs.csta.message.CstaEvent.Queued;
import org.ccs.csta.message.DeviceId;
import org.ccs.csta.message.SnapshotEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Link loss, SnapshotDevice and resynchronisation: one record per call, whatever happened while the link was down. */
class CallTrackerResyncTest {

    static final String GROUP = "4000";
    static final String AGENT = "2001";
    static final String AGENT2 = "2002";
    static final String CALLER = "+442079460123";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    final List<CompletedCall> calls = new ArrayList<>();
    MutableClock clock;
    CallTracker tracker;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        tracker = new CallTracker(Set.of(GROUP), Set.of(AGENT, AGENT2), "GB", null, calls::add, clock);
    }

    private void at(long seconds, CstaEvent... events) {
        clock.advance(Duration.ofSeconds(seconds));
        for (CstaEvent e : events) {
            tracker.onEvent(e);
        }
    }

    private static ConnectionId c(String call, String device) {
        return new ConnectionId(call, device);
    }

    private static DeviceId d(String device) {
        return DeviceId.of(device);
    }

    private void queued(String call) {
        tracker.onEvent(new Delivered("M1", c(call, GROUP), d(GROUP), d(CALLER), d(GROUP), null, "alerting", null, null,
                "enteringDistribution"));
        tracker.onEvent(new Queued("M1", c(call, GROUP), d(GROUP), d(CALLER), d(GROUP), 1, "noAvailableAgents"));
    }

    private void answeredBy(String call, String agent) {
        tracker.onEvent(new CstaEvent.Diverted("M1", c(call, GROUP), d(GROUP), d(agent), "distributed"));
        tracker.onEvent(new Delivered("M2", c(call, agent), d(agent), d(CALLER), d(GROUP), d(GROUP), "alerting", null,
                null, "distributed"));
        tracker.onEvent(new Established("M2", c(call, agent), d(agent), d(CALLER), d(GROUP), d(GROUP), null, null,
                "distributed"));
    }

    /** Snapshots of the three monitored devices, then the end of the resynchronisation. */
    private int resync(List<SnapshotEntry> group, List<SnapshotEntry> agent, List<SnapshotEntry> agent2) {
        tracker.onSnapshot(GROUP, group);
        tracker.onSnapshot(AGENT, agent);
        tracker.onSnapshot(AGENT2, agent2);
        return tracker.onResynchronised(Set.of());
    }

    private static SnapshotEntry at(String call, String device, String state) {
        return new SnapshotEntry(new ConnectionId(call, device), state);
    }

    @Test
    void aCallAnsweredWhileTheLinkWasDownContinuesAndGivesOneRecord() {
        queued("C1");
        at(10);
        tracker.onLinkLost();
        at(10);
        // the PBX distributed C1 to 2002, who answered, while the link was down
        assertEquals(0, resync(List.of(), List.of(), List.of(at("C1", AGENT2, "connected"))));
        assertTrue(calls.isEmpty());
        at(30, new ConnectionCleared("M3", c("C1", AGENT2), d(AGENT2), "normalClearing"),
                new CallCleared("M3", c("C1", null), "normalClearing"));

        assertEquals(1, calls.size());
        CompletedCall call = calls.get(0);
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals(AGENT2, call.answeringExtension());
        assertEquals(T0.plusSeconds(20), call.answeredAt(), "dated at the resynchronisation");
        assertEquals(20, call.queueSeconds());
        assertEquals(30, call.talkSeconds());
        assertEquals(Resync.RESYNCHRONISED, call.resync());
        assertFalse(call.closedByResync());
        assertEquals("csta:C1:" + T0.toEpochMilli(), call.sourceRef(), "the same key as without the outage");
        assertEquals(CALLER, call.callerNormalized());
    }

    @Test
    void aCallThatEndedWhileTheLinkWasDownIsClosedAtTheLossAndFlagged() {
        queued("C1");
        at(5);
        answeredBy("C1", AGENT);
        at(25);
        tracker.onLinkLost();
        at(40);
        assertEquals(1, resync(List.of(), List.of(), List.of()));

        assertEquals(1, calls.size());
        CompletedCall call = calls.get(0);
        assertTrue(call.closedByResync());
        assertEquals(Resync.CLOSED_BY_RESYNC, call.resync());
        assertEquals(Outcome.ANSWERED, call.outcome(), "as it stood when the link was lost");
        assertEquals(T0.plusSeconds(30), call.endedAt(), "the moment the link was lost");
        assertEquals(25, call.talkSeconds());
        assertTrue(call.legs().stream().noneMatch(l -> l.endedAt().isAfter(call.endedAt())));
        assertEquals(0, tracker.activeCalls());
        // the PBX's late clearing of that call (or a replay) gives nothing more
        at(1, new ConnectionCleared("M2", c("C1", AGENT), d(AGENT), "normalClearing"),
                new CallCleared("M2", c("C1", null), "normalClearing"));
        assertEquals(1, calls.size());
    }

    @Test
    void aSecondLossBeforeTheResynchronisationKeepsTheFirstLossTime() {
        queued("C1");
        at(10);
        tracker.onLinkLost();
        at(10);
        tracker.onLinkLost();
        at(10);
        resync(List.of(), List.of(), List.of());
        assertEquals(T0.plusSeconds(10), calls.get(0).endedAt());
        assertEquals(Outcome.ABANDONED_QUEUE, calls.get(0).outcome());
    }

    @Test
    void aCallSeenOnlyByTheSnapshotsIsTrackedFromThen() {
        at(100);
        resync(List.of(at("C9", GROUP, "queued")), List.of(), List.of());
        assertEquals(1, tracker.activeCalls());
        at(5);
        answeredBy("C9", AGENT);
        at(20, new ConnectionCleared("M2", c("C9", AGENT), d(AGENT), "normalClearing"));

        CompletedCall call = calls.get(0);
        assertEquals(GROUP, call.designatedDevice());
        assertEquals(T0.plusSeconds(100), call.startedAt());
        assertEquals(CALLER, call.callerNormalized(), "learnt from a later event");
        assertEquals(5, call.queueSeconds());
        assertEquals(Resync.RESYNCHRONISED, call.resync());
    }

    @Test
    void eventsAfterTheReconnectConfirmACallBeforeTheSnapshots() {
        queued("C1");
        at(5);
        answeredBy("C1", AGENT);
        at(5);
        tracker.onLinkLost();
        at(5, new ConnectionCleared("M2", c("C1", CALLER), d(CALLER), "normalClearing"),
                new ConnectionCleared("M2", c("C1", AGENT), d(AGENT), "normalClearing"));
        assertEquals(0, resync(List.of(), List.of(), List.of()));
        assertEquals(1, calls.size());
        assertEquals(T0.plusSeconds(15), calls.get(0).endedAt());
        assertEquals(Resync.RESYNCHRONISED, calls.get(0).resync());
    }

    @Test
    void aCallOnADeviceWhoseSnapshotFailedIsKept() {
        queued("C1");
        answeredBy("C1", AGENT);
        at(5);
        tracker.onLinkLost();
        at(5);
        tracker.onSnapshot(GROUP, List.of());
        tracker.onSnapshot(AGENT2, List.of());
        assertEquals(0, tracker.onResynchronised(Set.of(AGENT)));
        assertEquals(1, tracker.activeCalls());
        at(5, new ConnectionCleared("M2", c("C1", AGENT), d(AGENT), "normalClearing"));
        assertEquals(1, calls.size());
        assertEquals(15, calls.get(0).talkSeconds());
    }

    @Test
    void ringingThenHeldStatesFromTheSnapshots() {
        queued("C1");
        at(10);
        tracker.onLinkLost();
        at(10);
        resync(List.of(), List.of(at("C1", AGENT, "hold")), List.of());
        at(10, new CstaEvent.Retrieved("M2", c("C1", AGENT), d(AGENT), "normal"));
        at(10, new ConnectionCleared("M2", c("C1", AGENT), d(AGENT), "normalClearing"));
        CompletedCall call = calls.get(0);
        assertEquals(AGENT, call.answeringExtension());
        assertEquals(10, call.holdSeconds());
        assertEquals(10, call.talkSeconds());
    }

    @Test
    void staleCallsBecomeFlaggedRecordsAtTheirLastEvent() {
        queued("C1");
        at(7);
        answeredBy("C1", AGENT);
        clock.advance(Duration.ofHours(13));
        assertEquals(1, tracker.sweep(Duration.ofHours(12)));
        CompletedCall call = calls.get(0);
        assertTrue(call.closedByResync());
        assertEquals(T0.plusSeconds(7), call.endedAt());
        assertEquals(0, tracker.activeCalls());
    }
}
