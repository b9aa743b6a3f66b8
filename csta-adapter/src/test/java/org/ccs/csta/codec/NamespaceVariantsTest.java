package org.ccs.csta.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ccs.csta.Presentation;
import org.ccs.csta.message.AgentState;
import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaEvent.Established;
import org.ccs.csta.message.CstaEvent.Transferred;
import org.ccs.csta.message.CstaMessage;
import org.ccs.csta.message.CstaMessage.MakeCallResponse;
import org.ccs.csta.message.CstaMessage.MonitorStartResponse;
import org.ccs.csta.message.CstaMessages;
import org.ccs.csta.message.ConnectionListEntry;
import org.ccs.csta.message.DeviceId;
import org.ccs.csta.message.Sensitive;
import org.ccs.csta.message.SnapshotEntry;
import org.ccs.csta.message.XmlParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Elements are matched by local name: every edition's namespace, none, or a prefix read the same. */
class NamespaceVariantsTest {

    private static CstaMessage decode(String xml) throws Exception {
        return CstaMessages.decode(XmlParser.parse(xml));
    }

    private static final String ESTABLISHED_BODY = "<monitorCrossRefID>77</monitorCrossRefID>"
            + "<establishedConnection><callID>C1</callID><deviceID>2001</deviceID></establishedConnection>"
            + "<answeringDevice><deviceIdentifier>2001</deviceIdentifier></answeringDevice>"
            + "<callingDevice><deviceIdentifier>+442079460123</deviceIdentifier></callingDevice>"
            + "<calledDevice><deviceIdentifier>4000</deviceIdentifier></calledDevice>"
            + "<lastRedirectionDevice><numberDialed>4000</numberDialed></lastRedirectionDevice>"
            + "<cause>distributed</cause>";

    private static final Established EXPECTED = new Established("77", new ConnectionId("C1", "2001"),
            DeviceId.of("2001"), DeviceId.of("+442079460123"), DeviceId.of("4000"), DeviceId.of("4000"), null, null, "distributed");

    @ParameterizedTest
    @ValueSource(strings = {
            "http://www.ecma.ch/standards/ecma-323/csta/ed2",
            "http://www.ecma-international.org/standards/ecma-323/csta/ed3",
            "http://www.ecma-international.org/standards/ecma-323/csta/ed4",
            "http://www.ecma-international.org/standards/ecma-323/csta/ed5",
            "http://www.ecma-international.org/standards/ecma-323/csta/ed6"})
    void everyEditionNamespace(String ns) throws Exception {
        assertEquals(EXPECTED, decode("<?xml version=\"1.0\" encoding=\"UTF-8\"?><EstablishedEvent xmlns=\"" + ns
                + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" + ESTABLISHED_BODY + "</EstablishedEvent>"));
    }

    @Test
    void noNamespace() throws Exception {
        assertEquals(EXPECTED, decode("<EstablishedEvent>" + ESTABLISHED_BODY + "</EstablishedEvent>"));
    }

    @Test
    void prefixedNamespace() throws Exception {
        String prefixed = ESTABLISHED_BODY.replaceAll("<(/?)([a-zA-Z])", "<$1ns3:$2");
        assertEquals(EXPECTED, decode("<?xml version=\"1.0\" standalone=\"yes\"?><ns3:EstablishedEvent "
                + "xmlns:ns2=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:ns3=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\">" + prefixed
                + "</ns3:EstablishedEvent>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TransferedEvent", "TransferredEvent"})
    void bothTransferSpellings(String root) throws Exception {
        String xml = "<" + root + " xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\">"
                + "<monitorCrossRefID>5</monitorCrossRefID>"
                + "<primaryOldCall><callID>C1</callID><deviceID>2001</deviceID></primaryOldCall>"
                + "<secondaryOldCall><callID>C2</callID><deviceID>2001</deviceID></secondaryOldCall>"
                + "<transferringDevice><deviceIdentifier>2001</deviceIdentifier></transferringDevice>"
                + "<transferredToDevice><deviceIdentifier>2002</deviceIdentifier></transferredToDevice>"
                + "<transferredConnections><connectionListItem>"
                + "<newConnection><callID>C3</callID><deviceID>2002</deviceID></newConnection>"
                + "<oldConnection><callID>C2</callID><deviceID>2002</deviceID></oldConnection>"
                + "<endpoint><deviceID>2002</deviceID></endpoint>"
                + "</connectionListItem></transferredConnections>"
                + "<cause>transfer</cause></" + root + ">";
        Transferred t = assertInstanceOf(Transferred.class, decode(xml));
        assertEquals("C1", t.callId());
        assertEquals(new ConnectionId("C2", "2001"), t.secondaryOldCall());
        assertEquals(DeviceId.of("2002"), t.transferredToDevice());
        assertEquals(1, t.transferredConnections().size());
        assertEquals(new ConnectionId("C3", "2002"), t.transferredConnections().get(0).newConnection());
        assertEquals(DeviceId.of("2002"), t.transferredConnections().get(0).endpoint());
        assertEquals("transfer", t.cause());
    }

    @Test
    void notKnownAndRestrictedAreKeptAsSuch() throws Exception {
        CstaEvent.Delivered d = (CstaEvent.Delivered) decode("<DeliveredEvent><monitorCrossRefID>1</monitorCrossRefID>"
                + "<connection><callID>C1</callID><deviceID>4000</deviceID></connection>"
                + "<alertingDevice><deviceIdentifier>4000</deviceIdentifier></alertingDevice>"
                + "<callingDevice><restricted/></callingDevice>"
                + "<calledDevice><notKnown/></calledDevice><cause>newCall</cause></DeliveredEvent>");
        assertEquals(Presentation.RESTRICTED, d.callingDevice().presentation());
        assertEquals(null, d.callingDevice().raw());
        assertEquals(Presentation.NOT_KNOWN, d.calledDevice().presentation());
    }

    @Test
    void responsesAndAgentEvents() throws Exception {
        assertEquals(new MonitorStartResponse("1234"), decode(
                "<MonitorStartResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed4\">"
                        + "<monitorCrossRefID>1234</monitorCrossRefID><actualMonitorFilter/></MonitorStartResponse>"));
        assertEquals(new MakeCallResponse(new ConnectionId("FF01", "2001")), decode(
                "<MakeCallResponse><callingDevice><callID>FF01</callID><deviceID>2001</deviceID></callingDevice>"
                        + "</MakeCallResponse>"));
        CstaEvent.AgentStateEvent a = (CstaEvent.AgentStateEvent) decode("<AgentReadyEvent><monitorCrossRefID>9"
                + "</monitorCrossRefID><agentDevice><deviceIdentifier>2001</deviceIdentifier></agentDevice>"
                + "<agentID>A17</agentID><cause>normal</cause></AgentReadyEvent>");
        assertEquals(AgentState.READY, a.state());
        assertEquals("A17", a.agentId());
        assertEquals(DeviceId.of("2001"), a.agentDevice());
    }

    @Test
    void everyMessageRoundTripsThroughXml() throws Exception {
        ConnectionId c = new ConnectionId("C1", "2001");
        List<CstaMessage> all = List.of(
                new CstaMessage.SystemStatus("R1", "normal"), new CstaMessage.SystemStatusResponse(),
                new CstaMessage.SystemRegister(), new CstaMessage.SystemRegisterResponse("R1"),
                new CstaMessage.MonitorStart("2001"), new MonitorStartResponse("1001"),
                new CstaMessage.SnapshotDevice("2001"), new CstaMessage.SnapshotDeviceResponse(List.of()),
                new CstaMessage.MakeCall("2001", "+442079460123"), new MakeCallResponse(c),
                new CstaMessage.CstaErrorCode("operation", "invalidDeviceID"),
                new CstaEvent.ServiceInitiated("1", c, DeviceId.of("2001"), "newCall"),
                new CstaEvent.Originated("1", c, DeviceId.of("2001"), DeviceId.of("2002"), "newCall"),
                new CstaEvent.Queued("1", c, DeviceId.of("4000"), DeviceId.NOT_KNOWN, DeviceId.of("4000"), 3, "noAvailableAgents"),
                new CstaEvent.Diverted("1", c, DeviceId.of("4000"), DeviceId.of("2001"), "distributed"),
                new CstaEvent.ConnectionCleared("1", c, DeviceId.of("2001"), "normalClearing"),
                new CstaEvent.CallCleared("1", new ConnectionId("C1", null), "normalClearing"),
                new CstaEvent.Held("1", c, DeviceId.of("2001"), "normal"),
                new CstaEvent.Retrieved("1", c, DeviceId.of("2001"), "normal"),
                new CstaEvent.Conferenced("1", c, null, DeviceId.of("2001"), DeviceId.of("2002"), List.of(), "conference"),
                new CstaEvent.Failed("1", c, DeviceId.of("2002"), DeviceId.of("2001"), DeviceId.of("2002"), "busy"),
                new CstaEvent.AgentStateEvent("1", AgentState.WORKING_AFTER_CALL, DeviceId.of("2001"), "A1", null, null),
                new CstaEvent.Delivered("1", c, DeviceId.of("2001"), DeviceId.RESTRICTED, DeviceId.of("4000"),
                        DeviceId.of("4000"), "alerting", new Sensitive("3132"), new Sensitive("34373131"), "distributed"),
                new CstaEvent.Established("1", c, DeviceId.of("2001"), DeviceId.of("+442079460123"), DeviceId.of("4000"),
                        null, new Sensitive("AB"), new Sensitive("CD"), "distributed"),
                new CstaEvent.Transferred("1", c, new ConnectionId("C2", "2001"), DeviceId.of("2001"), DeviceId.of("2002"),
                        List.of(new ConnectionListEntry(new ConnectionId("C3", "2002"), new ConnectionId("C2", "2002"),
                                DeviceId.of("2002"))), "transfer"),
                new CstaEvent.CallInformation("1", c, DeviceId.of("4000"), DeviceId.of("+442079460123"),
                        new Sensitive("4711"), new Sensitive("99"), new Sensitive("31"), new Sensitive("32")),
                new CstaEvent.DtmfDetected("1", c, new Sensitive("#"), "normal"),
                new CstaEvent.DigitsDialed("1", c, DeviceId.of("2001"), new Sensitive("0442079460123"), "normal"),
                new CstaMessage.SnapshotDeviceResponse(List.of(new SnapshotEntry(c, "connected"),
                        new SnapshotEntry(new ConnectionId("C2", "2001"), "hold"))),
                new CstaMessage.StartApplicationSession("CCS", CstaMessages.DEFAULT_NAMESPACE, 180, "ccs", "secret"),
                new CstaMessage.StartApplicationSession("CCS", CstaMessages.DEFAULT_NAMESPACE, 60, null, null),
                new CstaMessage.StartApplicationSessionPosResponse("S-1", CstaMessages.DEFAULT_NAMESPACE, 120),
                new CstaMessage.ResetApplicationSessionTimer("S-1", 180),
                new CstaMessage.ResetApplicationSessionTimerPosResponse(120),
                new CstaMessage.StopApplicationSession("S-1", "normal"),
                new CstaMessage.StopApplicationSessionPosResponse(),
                new CstaMessage.ApplicationSessionNegResponse("StartApplicationSession", "invalidApplicationInfo"),
                new CstaMessage.ApplicationSessionNegResponse("ResetApplicationSessionTimer", "invalidSessionID"),
                EXPECTED);
        for (CstaMessage m : all) {
            String xml = CstaMessages.encode(m).toXml(CstaMessages.namespaceOf(m, CstaMessages.DEFAULT_NAMESPACE));
            assertEquals(m, decode(xml), xml);
        }
    }

    @Test
    void applicationSessionMessagesUseTheEcma354Namespace() throws Exception {
        CstaMessage start = new CstaMessage.StartApplicationSession("CCS", CstaMessages.DEFAULT_NAMESPACE, 180, "ccs",
                "secret");
        String xml = CstaMessages.encode(start).toXml(CstaMessages.namespaceOf(start, CstaMessages.DEFAULT_NAMESPACE));
        assertTrue(xml.contains("<StartApplicationSession xmlns=\"" + CstaMessages.APPLICATION_SESSION_NAMESPACE + "\">"), xml);
        assertTrue(xml.contains("<protocolVersion>" + CstaMessages.DEFAULT_NAMESPACE + "</protocolVersion>"), xml);
        assertTrue(xml.contains("<SessionLoginInfo xmlns=\"http://www.avaya.com/csta\"><userName>ccs</userName>"), xml);
        assertFalse(start.toString().contains("secret"), "the password never reaches a log");
        assertEquals(CstaMessages.DEFAULT_NAMESPACE,
                CstaMessages.namespaceOf(new CstaMessage.MonitorStart("2001"), CstaMessages.DEFAULT_NAMESPACE));
        // as Avaya AES answers, with a prefix
        assertEquals(new CstaMessage.StartApplicationSessionPosResponse("469421A9-0", "http://www.ecma-international.org/"
                + "standards/ecma-323/csta/ed3/priv2", 180), decode("<ns1:StartApplicationSessionPosResponse "
                + "xmlns:ns1=\"http://www.ecma-international.org/standards/ecma-354/appl_session\">"
                + "<ns1:sessionID>469421A9-0</ns1:sessionID><ns1:actualProtocolVersion>http://www.ecma-international.org/"
                + "standards/ecma-323/csta/ed3/priv2</ns1:actualProtocolVersion>"
                + "<ns1:actualSessionDuration>180</ns1:actualSessionDuration></ns1:StartApplicationSessionPosResponse>"));
    }

    @Test
    void snapshotStatesSimpleAndCompound() throws Exception {
        CstaMessage.SnapshotDeviceResponse r = (CstaMessage.SnapshotDeviceResponse) decode("<SnapshotDeviceResponse>"
                + "<crossRefIDorSnapshotData><snapshotData>"
                + "<snapshotDeviceResponseInfo><connectionIdentifier><callID>C1</callID><deviceID>2001</deviceID>"
                + "</connectionIdentifier><localCallState><simpleCallState>callDelivered</simpleCallState></localCallState>"
                + "</snapshotDeviceResponseInfo>"
                + "<snapshotDeviceResponseInfo><connectionIdentifier><callID>C2</callID><deviceID>2001</deviceID>"
                + "</connectionIdentifier><localCallState><compoundCallState><localConnectionState>hold"
                + "</localConnectionState><localConnectionState>connected</localConnectionState></compoundCallState>"
                + "</localCallState></snapshotDeviceResponseInfo>"
                + "<snapshotDeviceResponseInfo><connectionIdentifier><callID>C3</callID><deviceID>2001</deviceID>"
                + "</connectionIdentifier><localCallState><simpleCallState>callEstablished</simpleCallState>"
                + "</localCallState></snapshotDeviceResponseInfo>"
                + "</snapshotData></crossRefIDorSnapshotData></SnapshotDeviceResponse>");
        assertEquals(List.of("alerting", "hold", "connected"), r.entries().stream().map(SnapshotEntry::localCallState).toList());
        assertEquals(new ConnectionId("C2", "2001"), r.entries().get(1).connection());
    }

    @Test
    void sensitiveValuesNeverShowInMessages() {
        CstaEvent e = new CstaEvent.CallInformation("1", new ConnectionId("C1", "4000"), DeviceId.of("4000"), null,
                new Sensitive("4711"), null, null, new Sensitive("34373131"));
        assertFalse(e.toString().contains("4711"), e.toString());
        assertFalse(e.toString().contains("3437"), e.toString());
    }
}
