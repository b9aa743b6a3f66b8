package org.ccs.csta.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
import org.ccs.csta.message.DeviceId;
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
            DeviceId.of("2001"), DeviceId.of("+442079460123"), DeviceId.of("4000"), DeviceId.of("4000"), "distributed");

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
                EXPECTED);
        for (CstaMessage m : all) {
            String xml = CstaMessages.encode(m).toXml(CstaMessages.DEFAULT_NAMESPACE);
            assertEquals(m, decode(xml), xml);
        }
    }
}
