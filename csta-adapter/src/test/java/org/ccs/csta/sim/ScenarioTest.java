package org.ccs.csta.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void shippedScenariosLoad() throws Exception {
        for (String name : PbxSimulator.builtInScenarios()) {
            Scenario s = Scenario.load(name);
            assertEquals(name, s.name());
            assertTrue(s.steps().size() >= 5, name);
        }
    }

    @Test
    void parsesDelaysEventsQuotesAndComments() {
        Scenario s = Scenario.parse("t", """
                # a comment

                delay 200ms
                delay 1.5s
                event Delivered call=C1 device=4000 alerting=4000 calling="N<+44 20 7946 0123>" cause=newCall
                """);
        assertEquals(3, s.steps().size());
        assertEquals(new Scenario.Delay(Duration.ofMillis(200)), s.steps().get(0));
        assertEquals(new Scenario.Delay(Duration.ofMillis(1500)), s.steps().get(1));
        Scenario.Event e = assertInstanceOf(Scenario.Event.class, s.steps().get(2));
        assertEquals("Delivered", e.type());
        assertEquals(Map.of("call", "C1", "device", "4000", "alerting", "4000", "calling", "N<+44 20 7946 0123>",
                "cause", "newCall"), e.fields());
    }

    @Test
    void mistakesNameTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scenario.parse("bad", "delay 1s\nevent Delivered call=C1 colour=red\n"));
        assertTrue(e.getMessage().startsWith("bad:2:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", "event Nonsense call=C1"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", "delay soon"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", "ring 2001"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", "event Delivered device=2001"));
    }

    @Test
    void durationsOnTheCommandLine() {
        assertEquals(Duration.ofSeconds(30), PbxSimulator.duration("30s"));
        assertEquals(Duration.ofMillis(500), PbxSimulator.duration("500ms"));
        assertEquals(Duration.ofMinutes(2), PbxSimulator.duration("2m"));
    }
}
