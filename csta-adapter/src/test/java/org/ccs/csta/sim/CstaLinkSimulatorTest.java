package org.ccs.csta.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.ccs.csta.CompletedCall;
import org.ccs.csta.ContactEventListener;
import org.ccs.csta.CstaLink;
import org.ccs.csta.CstaLinkConfig;
import org.ccs.csta.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The link and the simulator over loopback TCP: session start-up, a call in real time, reconnect, MakeCall.
 * Every other scenario is in {@link ScenarioOverTcpTest}.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class CstaLinkSimulatorTest {

    private final BlockingQueue<CompletedCall> calls = new LinkedBlockingQueue<>();
    private PbxSimulator sim;
    private CstaLink link;

    @BeforeEach
    void setUp() throws Exception {
        sim = PbxSimulator.start(0, PbxSimulator.Options.defaults().withMakeCallScenario(null));
        CstaLinkConfig config = CstaLinkConfig.builder()
                .host("127.0.0.1").port(sim.port())
                .designatedDevices(List.of("4000"))
                .agentExtensions(List.of("2001", "2002"))
                .region("GB")
                .initialBackoff(Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(3))
                .build();
        ContactEventListener listener = calls::add;
        link = new CstaLink(config, listener);
        link.start();
        await(link::isConnected, "link up");
    }

    @AfterEach
    void tearDown() {
        if (link != null) {
            link.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void sessionStartsWithRegisterAndMonitorsEveryDevice() {
        assertEquals(Set.of("2001", "2002", "4000"), sim.monitoredDevices());
        assertEquals(Set.of("2001", "2002", "4000"), link.monitoredDevices().keySet());
        assertEquals(0, link.counters().badFrames());
        assertTrue(link.counters().framesIn() >= 8,
                "SystemStatus, SystemRegisterResponse, 3 MonitorStartResponses, 3 SnapshotDeviceResponses");
        assertEquals(1, link.counters().resynchronisations());
        assertEquals(0, link.counters().callsClosedByResync());
    }

    @Test
    void inboundAnsweredGivesExactlyOneCompletedCall() throws Exception {
        PbxSimulator.Playback playback = sim.play(Scenario.load("inbound-answered"));
        CompletedCall call = calls.poll(3, TimeUnit.SECONDS);
        assertNotNull(call, "a completed call");
        assertNull(calls.poll(300, TimeUnit.MILLISECONDS), "exactly one");

        assertTrue(playback.caller().matches("\\+442079460\\d{3}"), "reserved range");
        assertEquals(playback.caller(), call.callerNormalized());
        assertEquals("N<" + playback.caller() + ">", call.callerRaw());
        assertEquals("4000", call.designatedDevice());
        assertEquals("2001", call.answeringExtension());
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals("csta:" + playback.callIds().get("C1") + ":" + call.startedAt().toEpochMilli(), call.sourceRef());
        assertNotNull(call.answeredAt());
        assertTrue(call.startedAt().isBefore(call.answeredAt()) && call.answeredAt().isBefore(call.endedAt()));
        // the scenario waits 0.6 s queued, 0.6 s ringing, 1.2 s talking
        assertTrue(call.queueSeconds() <= 2, "queue " + call.queueSeconds());
        assertTrue(call.ringSeconds() <= 2, "ring " + call.ringSeconds());
        assertTrue(call.talkSeconds() >= 1 && call.talkSeconds() <= 3, "talk " + call.talkSeconds());
        assertEquals(0, call.holdSeconds());
        long total = Duration.between(call.startedAt(), call.endedAt()).toMillis();
        assertTrue(total >= 2300 && total < 4000, "duration " + total);
        assertEquals(0, link.counters().badFrames());
        assertEquals(0, link.counters().unknownMessages());
        assertEquals(0, link.activeCalls());
    }

    @Test
    void reconnectsAndMonitorsAgainAfterTheLinkDrops() throws Exception {
        Map<String, String> before = link.monitoredDevices();
        sim.disconnectClients();
        await(() -> !link.isConnected(), "link down");
        await(link::isConnected, "link up again");
        assertTrue(link.counters().reconnects() >= 1);
        assertEquals(before.keySet(), link.monitoredDevices().keySet());
        assertFalse(before.equals(link.monitoredDevices()), "new monitorCrossRefIDs");
        assertEquals(Set.of("2001", "2002", "4000"), sim.monitoredDevices());

        sim.play(Scenario.load("abandoned-queue"));
        CompletedCall call = calls.poll(3, TimeUnit.SECONDS);
        assertNotNull(call, "events reach the link over the new monitors");
    }

    @Test
    void makeCallReturnsTheNewCallId() throws Exception {
        String callId = link.makeCall("2001", "+442079460123").get(3, TimeUnit.SECONDS);
        assertTrue(callId.matches("[0-9A-F]{6}"), callId);
    }

    @Test
    void makeCallFailsWhenTheLinkIsDown() throws Exception {
        link.stop();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> link.makeCall("2001", "+442079460123").get(1, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException);
    }
}
