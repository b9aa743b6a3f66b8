package org.ccs.csta.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.ccs.csta.CompletedCall;
import org.ccs.csta.CstaLink;
import org.ccs.csta.CstaLinkConfig;
import org.ccs.csta.Outcome;
import org.ccs.csta.SessionStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ECMA-354 application sessions: start, timer resets at half the granted duration, stop. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ApplicationSessionTest {

    private final BlockingQueue<CompletedCall> calls = new LinkedBlockingQueue<>();
    private PbxSimulator sim;
    private CstaLink link;

    @AfterEach
    void tearDown() {
        if (link != null) {
            link.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private void start(SessionStyle simulatorStyle) throws Exception {
        sim = PbxSimulator.start(0, PbxSimulator.Options.defaults().withSessionStyle(simulatorStyle)
                .withSessionDuration(Duration.ofSeconds(2)).withSpeed(4));
        link = new CstaLink(CstaLinkConfig.builder()
                .host("127.0.0.1").port(sim.port())
                .sessionStyle(SessionStyle.APPLICATION_SESSION)
                .sessionDuration(Duration.ofSeconds(60)) // the simulator grants 2 s
                .sessionLogin("ccs", "not-a-real-password")
                .designatedDevices(List.of("4000"))
                .agentExtensions(List.of("2001", "2002"))
                .initialBackoff(Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(2))
                .build(), calls::add);
        link.start();
        assertTrue(sim.awaitMonitored(Set.of("4000", "2001", "2002"), Duration.ofSeconds(10)), "monitored");
        assertTrue(sim.awaitClient(Duration.ofSeconds(5)));
    }

    @Test
    void sessionIsKeptAliveBeyondItsDurationAndStoppedAtTheEnd() throws Exception {
        start(SessionStyle.APPLICATION_SESSION);
        assertNotNull(link.applicationSessionId());
        Thread.sleep(3000); // longer than the 2 s the simulator grants: only the resets keep the session
        assertTrue(link.isConnected());
        assertTrue(sim.sessionTimerResets() >= 2, "resets every second: " + sim.sessionTimerResets());
        assertEquals(0, link.counters().reconnects(), "the session never expired");

        PbxSimulator.Playback p = sim.play(Scenario.load("inbound-answered"));
        CompletedCall call = calls.poll(5, TimeUnit.SECONDS);
        assertNotNull(call);
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertEquals(p.caller(), call.callerNormalized());

        link.stop();
        assertEquals(1, sim.applicationSessionsStopped());
        assertNull(link.applicationSessionId());
    }

    @Test
    void aSessionThePbxStopsIsStartedAfresh() throws Exception {
        start(SessionStyle.APPLICATION_SESSION);
        String first = link.applicationSessionId();
        assertEquals(1, sim.stopApplicationSessions());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((link.applicationSessionId() == null || first.equals(link.applicationSessionId()) || !link.isConnected())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(link.isConnected());
        assertNotNull(link.applicationSessionId());
        assertTrue(!first.equals(link.applicationSessionId()), "a new session");
        assertTrue(sim.awaitMonitored(Set.of("4000", "2001", "2002"), Duration.ofSeconds(5)), "monitored again");
    }

    @Test
    void aPbxFirstPbxAcceptsApplicationSessionsToo() throws Exception {
        start(SessionStyle.PBX_FIRST);
        assertNotNull(link.applicationSessionId());
        assertTrue(link.isConnected());
        assertEquals(Set.of("2001", "2002", "4000"), link.monitoredDevices().keySet());
    }
}
