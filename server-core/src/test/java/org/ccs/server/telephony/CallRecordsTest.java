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
import org.ccs.server.contact.ContactData;
import org.ccs.server.contact.ContactDataProtection;
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
    void aTransferredCallKeepsBothAgentsAndTheTransferTarget() {
        CompletedCall call = new CompletedCall("csta:C1:1", "+442079460123", "+442079460123", Presentation.AVAILABLE,
                "4000", T0, T0.plusSeconds(5), T0.plusSeconds(90), 2, 3, 80, 5, Outcome.TRANSFERRED, "2001",
                List.of(new Leg(LegType.QUEUE, "4000", T0, T0.plusSeconds(2)),
                        new Leg(LegType.RING, "2001", T0.plusSeconds(2), T0.plusSeconds(5)),
                        new Leg(LegType.TALK, "2001", T0.plusSeconds(5), T0.plusSeconds(40)),
                        new Leg(LegType.HOLD, "2001", T0.plusSeconds(30), T0.plusSeconds(35)),
                        new Leg(LegType.TALK, "2002", T0.plusSeconds(40), T0.plusSeconds(90))),
                null, Direction.INBOUND, List.of("2001", "2002"), List.of("2002"), List.of(), null, null, Resync.NONE);

        ContactRecord r = CallRecords.toRecord(call, Map.of("2001", 7L, "2002", 8L)::get, T0.plusSeconds(91));

        assertEquals(6, r.legs().size());
        var transfer = r.legs().get(5);
        assertEquals(org.ccs.server.contact.LegType.TRANSFER, transfer.legType());
        assertEquals("2002", transfer.device());
        assertEquals(8L, transfer.agentId());
        assertEquals(T0.plusSeconds(40), transfer.startedAt(), "dated by the target's first leg");
        assertEquals(8L, r.legs().get(4).agentId(), "the second agent's talk leg names them");
        assertEquals("TRANSFERRED", r.outcome().name());
    }

    @Test
    void aConferenceNamesTheAddedDeviceAndAResynchronisedCallIsFlagged() {
        CompletedCall call = new CompletedCall("csta:C1:1", "+442079460123", "+442079460123", Presentation.AVAILABLE,
                "4000", T0, T0.plusSeconds(5), T0.plusSeconds(60), 2, 3, 55, 0, Outcome.ANSWERED, "2001",
                List.of(new Leg(LegType.TALK, "2001", T0.plusSeconds(5), T0.plusSeconds(60))),
                null, Direction.INBOUND, List.of("2001"), List.of(), List.of("2003"), null, null,
                Resync.CLOSED_BY_RESYNC);

        ContactRecord r = CallRecords.toRecord(call, ext -> null, T0.plusSeconds(61));

        assertEquals(org.ccs.server.contact.LegType.CONFERENCE, r.legs().get(1).legType());
        assertEquals("2003", r.legs().get(1).device());
        assertEquals(T0.plusSeconds(60), r.legs().get(1).startedAt(), "no leg of its own: dated at the end");
        assertEquals(org.ccs.server.contact.Resync.CLOSED_BY_RESYNC, r.resync());
    }

    @Test
    void ivrDigitsAndUserDataAreKeptMaskedNeverInClear() {
        CompletedCall call = new CompletedCall("csta:C1:1", "+442079460123", "+442079460123", Presentation.AVAILABLE,
                "4000", T0, T0.plusSeconds(5), T0.plusSeconds(60), 2, 3, 55, 0, Outcome.ANSWERED, "2001",
                List.of(), "34373131", Direction.INBOUND, List.of("2001"), List.of(), List.of(), "34373131", "4711",
                Resync.NONE);

        var intake = CallRecords.toIntake(call, ext -> null, ContactDataProtection.maskingOnly(), true, T0);

        assertNull(intake.contact().correlatorData(), "the correlator carries the digits here: not kept in clear");
        assertEquals(2, intake.belongings().size());
        ContactData digits = (ContactData) intake.belongings().get(0);
        ContactData userData = (ContactData) intake.belongings().get(1);
        assertEquals("ivr_digits", digits.dataKey());
        assertEquals("**11", digits.maskedValue());
        assertEquals(1, digits.seq());
        assertEquals("user_data", userData.dataKey());
        assertEquals("**11", userData.maskedValue());
        assertEquals(2, userData.seq());

        var plain = CallRecords.toIntake(call, ext -> null, ContactDataProtection.maskingOnly(), false, T0);
        assertEquals("34373131", plain.contact().correlatorData(), "another digits source: the correlator is kept");
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
