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
import org.ccs.csta.Outcome;
import org.ccs.csta.Resync;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The link drops in the middle of two calls (scenario link-drop) and comes back: it reconnects, monitors
 * again, takes a snapshot of every device and ends up with exactly one correct record per call.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LinkDropResyncTest {

    private final BlockingQueue<CompletedCall> calls = new LinkedBlockingQueue<>();
    private PbxSimulator sim;
    private CstaLink link;

    @BeforeEach
    void setUp() throws Exception {
        sim = PbxSimulator.start(0);
        link = new CstaLink(CstaLinkConfig.builder()
                .host("127.0.0.1").port(sim.port())
                .designatedDevices(List.of("4000"))
                .agentExtensions(List.of("2001", "2002"))
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(400))
                .requestTimeout(Duration.ofSeconds(3))
                .build(), calls::add);
        link.start();
        assertTrue(sim.awaitClient(Duration.ofSeconds(10)), "link up");
    }

    @AfterEach
    void tearDown() {
        link.stop();
        sim.close();
    }

    @Test
    void callsInProgressWhenTheLinkDropsGiveExactlyOneCorrectRecordEach() throws Exception {
        long resyncsBefore = link.counters().resynchronisations();
        PbxSimulator.Playback p = sim.play(Scenario.load("link-drop"));

        CompletedCall first = calls.poll(5, TimeUnit.SECONDS);
        CompletedCall second = calls.poll(5, TimeUnit.SECONDS);
        assertNotNull(first);
        assertNotNull(second);
        assertNull(calls.poll(500, TimeUnit.MILLISECONDS), "exactly two records");

        // C1 ended while the link was down: closed by the resynchronisation, at the loss
        assertEquals("csta:" + p.callIds().get("C1") + ":" + first.startedAt().toEpochMilli(), first.sourceRef());
        assertEquals(Resync.CLOSED_BY_RESYNC, first.resync());
        assertEquals(Outcome.ANSWERED, first.outcome());
        assertEquals("2001", first.answeringExtension());
        assertEquals(p.caller(), first.callerNormalized());
        long c1Millis = java.time.Duration.between(first.startedAt(), first.endedAt()).toMillis();
        assertTrue(c1Millis >= 400 && c1Millis < 1500, "ended when the link was lost, after " + c1Millis + " ms");

        // C2 was answered by 2002 while the link was down and ended after: resynchronised, one record
        assertEquals("csta:" + p.callIds().get("C2") + ":" + second.startedAt().toEpochMilli(), second.sourceRef());
        assertEquals(Resync.RESYNCHRONISED, second.resync());
        assertEquals(Outcome.ANSWERED, second.outcome());
        assertEquals("2002", second.answeringExtension());
        assertEquals(List.of("2002"), second.agentExtensions());
        assertTrue(second.answeredAt().isAfter(first.endedAt()), "dated at the resynchronisation");

        assertTrue(link.counters().reconnects() >= 1);
        assertEquals(resyncsBefore + 1, link.counters().resynchronisations());
        assertEquals(1, link.counters().callsClosedByResync());
        assertEquals(0, link.activeCalls());
        assertEquals(0, link.counters().badFrames());
    }
}
