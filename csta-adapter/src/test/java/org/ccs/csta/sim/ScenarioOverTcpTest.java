package org.ccs.csta.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.ccs.csta.CompletedCall;
import org.ccs.csta.CstaLink;
import org.ccs.csta.CstaLinkConfig;
import org.ccs.csta.DigitsSource;
import org.ccs.csta.Direction;
import org.ccs.csta.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Each shipped call scenario over loopback TCP: the simulator plays it to a {@link CstaLink} monitoring
 * 4000, 2001 and 2002, and the link hands over exactly the record(s) the scenario should give. One
 * simulator and one link for the class; every test leaves no call behind. The scenarios play {@value #SPEED}
 * times faster than written (their timing is checked without sockets in {@link ScenarioTrackingTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ScenarioOverTcpTest {

    static final double SPEED = 4;

    private final BlockingQueue<CompletedCall> calls = new LinkedBlockingQueue<>();
    private PbxSimulator sim;
    private CstaLink link;

    @BeforeAll
    void start() throws Exception {
        sim = PbxSimulator.start(0, PbxSimulator.Options.defaults().withSpeed(SPEED));
        link = new CstaLink(CstaLinkConfig.builder()
                .host("127.0.0.1").port(sim.port())
                .designatedDevices(List.of("4000"))
                .agentExtensions(List.of("2001", "2002"))
                .digitsSource(DigitsSource.DTMF)
                .initialBackoff(Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(3))
                .build(), calls::add);
        link.start();
        assertTrue(sim.awaitClient(Duration.ofSeconds(10)), "link up");
    }

    @AfterAll
    void stop() {
        link.stop();
        sim.close();
    }

    @AfterEach
    void nothingLeft() throws Exception {
        assertNull(calls.poll(200, TimeUnit.MILLISECONDS), "no further record");
        assertEquals(0, link.activeCalls());
        assertEquals(0, link.counters().badFrames());
        assertEquals(0, link.counters().unknownMessages());
    }

    private CompletedCall record(PbxSimulator.Playback playback, String callName) throws InterruptedException {
        CompletedCall call = calls.poll(5, TimeUnit.SECONDS);
        assertNotNull(call, "a record");
        assertEquals("csta:" + playback.callIds().get(callName) + ":" + call.startedAt().toEpochMilli(), call.sourceRef());
        return call;
    }

    @Test
    void inboundAnswered() throws Exception {
        PbxSimulator.Playback p = sim.play(Scenario.load("inbound-answered"));
        CompletedCall call = record(p, "C1");
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals(p.caller(), call.callerNormalized());
        assertEquals(List.of("2001"), call.agentExtensions());
    }

    @Test
    void abandonedInQueue() throws Exception {
        CompletedCall call = record(sim.play(Scenario.load("abandoned-queue")), "C1");
        assertEquals(Outcome.ABANDONED_QUEUE, call.outcome());
        assertTrue(call.agentExtensions().isEmpty());
    }

    @Test
    void abandonedWhileRinging() throws Exception {
        CompletedCall call = record(sim.play(Scenario.load("abandoned-ringing")), "C1");
        assertEquals(Outcome.ABANDONED_RINGING, call.outcome());
        assertNull(call.answeredAt());
    }

    @Test
    void directDialAndInternalGiveNothing() throws Exception {
        sim.play(Scenario.load("direct-dial"));
        sim.play(Scenario.load("internal"));
        // a designated call after them: once it is through, the two before it were handled (one ordered link)
        CompletedCall call = record(sim.play(Scenario.load("abandoned-queue")), "C1");
        assertEquals("4000", call.designatedDevice());
    }

    @Test
    void holdAndRetrieve() throws Exception {
        CompletedCall call = record(sim.play(Scenario.load("hold-retrieve")), "C1");
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertTrue(call.legs().stream().anyMatch(l -> l.legType() == org.ccs.csta.LegType.HOLD));
    }

    @Test
    void transfer() throws Exception {
        CompletedCall call = record(sim.play(Scenario.load("transfer")), "C1");
        assertEquals(Outcome.TRANSFERRED, call.outcome());
        assertEquals(List.of("2001", "2002"), call.agentExtensions());
        assertEquals(List.of("2002"), call.transferTargets());
    }

    @Test
    void conference() throws Exception {
        CompletedCall call = record(sim.play(Scenario.load("conference")), "C1");
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals(List.of("2001", "2002"), call.agentExtensions());
        assertEquals(List.of("2002"), call.conferenceTargets());
    }

    @Test
    void outboundClickToDialWithMakeCall() throws Exception {
        String callId = link.makeCall("2002", "+442079460777").get(3, TimeUnit.SECONDS);
        CompletedCall call = calls.poll(5, TimeUnit.SECONDS);
        assertNotNull(call, "the simulator plays the call MakeCall made");
        assertTrue(call.sourceRef().startsWith("csta:" + callId + ":"), call.sourceRef());
        assertEquals(Direction.OUTBOUND, call.direction());
        assertEquals("+442079460777", call.callerNormalized());
        assertEquals("2002", call.answeringExtension());
        assertEquals(Outcome.ANSWERED, call.outcome());
    }

    @Test
    void outboundClickToDialScenario() throws Exception {
        PbxSimulator.Playback p = sim.play(Scenario.load("outbound-click-to-dial"));
        CompletedCall call = record(p, PbxSimulator.MAKE_CALL_NAME);
        assertEquals(Direction.OUTBOUND, call.direction());
        assertEquals("2001", call.answeringExtension());
    }

    @Test
    void ivrDigits() throws Exception {
        CompletedCall call = record(sim.play(Scenario.load("ivr-digits")), "C1");
        assertEquals("4711", call.ivrDigits());
        assertEquals("34373131", call.userData());
    }
}
