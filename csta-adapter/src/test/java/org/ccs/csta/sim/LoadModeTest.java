package org.ccs.csta.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.ccs.csta.CompletedCall;
import org.ccs.csta.CstaLink;
import org.ccs.csta.CstaLinkConfig;
import org.ccs.csta.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator's load mode: N calls/s for T seconds across many agents, every call one record. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LoadModeTest {

    @Test
    void everyCallOfTheLoadGivesOneRecord() throws Exception {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            agents.add(String.valueOf(2001 + i));
        }
        ConcurrentLinkedQueue<CompletedCall> calls = new ConcurrentLinkedQueue<>();
        try (PbxSimulator sim = PbxSimulator.start(0, PbxSimulator.Options.defaults().withSpeed(10));
             CstaLink link = new CstaLink(CstaLinkConfig.builder().host("127.0.0.1").port(sim.port())
                     .designatedDevices(List.of("4000")).agentExtensions(agents).build(), calls::add)) {
            link.start();
            assertTrue(sim.awaitClient(Duration.ofSeconds(10)));

            PbxSimulator.LoadReport report = sim.load(Scenario.load("load-call"), 100, Duration.ofSeconds(1), agents);

            assertEquals(100, report.calls());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (calls.size() < 100 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(100, calls.size());
            assertEquals(100, calls.stream().map(CompletedCall::sourceRef).distinct().count());
            assertTrue(calls.stream().allMatch(c -> c.outcome() == Outcome.ANSWERED));
            assertEquals(Set.copyOf(agents), calls.stream().map(CompletedCall::answeringExtension).collect(Collectors.toSet()));
            assertEquals(0, link.activeCalls());
            assertEquals(0, sim.model().activeCalls());
            assertTrue(report.eventsSent() >= 100 * 7, "events sent " + report.eventsSent());
        }
    }

    @Test
    void ratesAndDurationsOnTheCommandLine() {
        assertEquals(20.0, PbxSimulator.rate("20/s"));
        assertEquals(20.0, PbxSimulator.rate("20"));
        assertEquals(0.5, PbxSimulator.rate("30/m"));
        assertEquals(Duration.ofSeconds(60), PbxSimulator.duration("60s"));
    }
}
