package org.ccs.server.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ccs.csta.CompletedCall;
import org.ccs.csta.Direction;
import org.ccs.csta.Leg;
import org.ccs.csta.LegType;
import org.ccs.csta.Outcome;
import org.ccs.csta.Presentation;
import org.ccs.csta.Resync;
import org.ccs.server.contact.CallerPresentation;
import org.ccs.server.contact.Channel;
import org.ccs.server.contact.ContactRecord;
import org.junit.jupiter.api.Test;

class CallRecordsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void anAnsweredCallBecomesAVoiceRecordWithItsAgentAndLegs() {
        CompletedCall call = new CompletedCall("csta:C1:1", "N<+44 20 7946 0123>", "+442079460123",
                Presentation.AVAILABLE, "4000", T0, T0.plusSeconds(15), T0.plusSeconds(75), 10, 5, 60, 0,
                Outcome.ANSWERED, "2001",
                List.of(new Leg(LegType.QUEUE, "4000", T0, T0.plusSeconds(10)),
                        new Leg(LegType.RING, "2001", T0.plusSeconds(10), T0.plusSeconds(15)),
                        new Leg(LegType.TALK, "2001", T0.plusSeconds(15), T0.plusSeconds(75))),
                null, Direction.INBOUND, List.of("2001"), List.of(), List.of(), null, null, Resync.NONE);
        Map<String, Long> agents = Map.of("2001", 7L);

        ContactRecord r = CallRecords.toRecord(call, agents::get, T0.plusSeconds(76));

        assertEquals(Channel.VOICE, r.channel());
        assertEquals("csta:C1:1", r.sourceRef());
        assertEquals("+442079460123", r.callerIdNormalized());
        assertEquals("N<+44 20 7946 0123>", r.callerIdRaw());
        assertEquals(CallerPresentation.AVAILABLE, r.callerPresentation());
        assertEquals("4000", r.designatedNumber());
        assertEquals(7L, r.agentId());
        assertEquals(60, r.talkTime().toSeconds());
        assertEquals(10, r.queueTime().toSeconds());
        assertEquals(3, r.legs().size());
        assertNull(r.legs().get(0).agentId(), "the queue leg has no agent");
        assertEquals(7L, r.legs().get(2).agentId());
        assertEquals(3, r.legs().get(2).legNo());
    }

    @Test
    void aWithheldCallerStaysWithheld() {
        CompletedCall call = new CompletedCall("csta:C2:1", null, null, Presentation.RESTRICTED, "4000",
                T0, null, T0.plusSeconds(20), 20, 0, 0, 0, Outcome.ABANDONED_QUEUE, null,
                List.of(new Leg(LegType.QUEUE, "4000", T0, T0.plusSeconds(20))), null, Direction.INBOUND, List.of(),
                List.of(), List.of(), null, null, Resync.NONE);

        ContactRecord r = CallRecords.toRecord(call, ext -> null, T0.plusSeconds(21));

        assertEquals(CallerPresentation.RESTRICTED, r.callerPresentation());
        assertNull(r.callerIdNormalized());
        assertNull(r.agentId());
        assertEquals("ABANDONED_QUEUE", r.outcome().name());
    }

    @Test
    void aClickToDialCallBecomesAnOutboundRecord() {
        CompletedCall call = new CompletedCall("csta:M1:1", "+442079460456", "+442079460456", Presentation.AVAILABLE,
                null, T0, T0.plusSeconds(8), T0.plusSeconds(60), 0, 8, 52, 0, Outcome.ANSWERED, "2001",
                List.of(new Leg(LegType.RING, "2001", T0, T0.plusSeconds(8)),
                        new Leg(LegType.TALK, "2001", T0.plusSeconds(8), T0.plusSeconds(60))),
                null, Direction.OUTBOUND, List.of("2001"), List.of(), List.of(), null, null, Resync.NONE);

        ContactRecord r = CallRecords.toRecord(call, Map.of("2001", 7L)::get, T0.plusSeconds(61));

        assertEquals(org.ccs.server.contact.Direction.OUTBOUND, r.direction());
        assertNull(r.designatedNumber());
        assertEquals(7L, r.agentId());
    }

    @Test
    void everyAgentStateOfThePbxHasAServerState() {
        for (org.ccs.csta.message.AgentState s : org.ccs.csta.message.AgentState.values()) {
            TelephonyBridge.toAgentState(s);
        }
        assertEquals("WORK_AFTER_CALL",
                TelephonyBridge.toAgentState(org.ccs.csta.message.AgentState.WORKING_AFTER_CALL).name());
    }
}
