package org.ccs.csta.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ccs.csta.message.CstaEvent;

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
    void linkStepsAndNewEvents() {
        Scenario s = Scenario.parse("t", """
                event DtmfDetected call=C1 device=4000 digit=4
                event CallInformation call=C1 device=4000 account=4711 userData=34373131
                event DigitsDialed call=C1 dialing=2001 digits=123
                link down
                delay 1s
                link up 5s
                link up
                """);
        assertEquals(new Scenario.Link(false, Duration.ofSeconds(10)), s.steps().get(3));
        assertEquals(new Scenario.Link(true, Duration.ofSeconds(5)), s.steps().get(5));
        assertEquals(new Scenario.Link(true, Duration.ofSeconds(10)), s.steps().get(6));
        assertTrue(s.hasLinkSteps());
        assertEquals(Duration.ofSeconds(1), s.length());
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", "link sideways"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", "link up soon"));
    }

    @Test
    void variablesAreReplacedAndCallNamesGetFreshCallIds() throws Exception {
        CallModel model = new CallModel(0x10);
        CallModel.Play play = model.new Play(Map.of("agent", "2002", "caller", "+442079460123"));
        Scenario.Event line = (Scenario.Event) Scenario.parse("t",
                "event Delivered call=C1 device=$agent alerting=$agent calling=\"N<$caller>\" called=$nobody").steps().get(0);
        CallModel.Delivery d = model.apply(line, play);
        CstaEvent.Delivered e = assertInstanceOf(CstaEvent.Delivered.class, d.event());
        assertEquals("000010", e.callId());
        assertEquals("2002", e.alertingDevice().raw());
        assertEquals("N<+442079460123>", e.callingDevice().raw());
        assertEquals("$nobody", e.calledDevice().raw(), "unknown variables stay as written");
        assertEquals(Set.of("2002"), d.devices());
        assertEquals(List.of(new org.ccs.csta.message.SnapshotEntry(new org.ccs.csta.message.ConnectionId("000010", "2002"),
                "alerting")), model.snapshot("2002"));
        assertEquals(List.of(), model.snapshot("4000"));
    }

    @Test
    void durationsOnTheCommandLine() {
        assertEquals(Duration.ofSeconds(30), PbxSimulator.duration("30s"));
        assertEquals(Duration.ofMillis(500), PbxSimulator.duration("500ms"));
        assertEquals(Duration.ofMinutes(2), PbxSimulator.duration("2m"));
    }
}
