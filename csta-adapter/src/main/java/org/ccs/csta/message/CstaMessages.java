package org.ccs.csta.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.ccs.csta.message.CstaEvent.AgentStateEvent;
import org.ccs.csta.message.CstaEvent.CallCleared;
import org.ccs.csta.message.CstaEvent.CallInformation;
import org.ccs.csta.message.CstaEvent.Conferenced;
import org.ccs.csta.message.CstaEvent.ConnectionCleared;
import org.ccs.csta.message.CstaEvent.Delivered;
import org.ccs.csta.message.CstaEvent.DigitsDialed;
import org.ccs.csta.message.CstaEvent.Diverted;
import org.ccs.csta.message.CstaEvent.DtmfDetected;
import org.ccs.csta.message.CstaEvent.Established;
import org.ccs.csta.message.CstaEvent.Failed;
import org.ccs.csta.message.CstaEvent.Held;
import org.ccs.csta.message.CstaEvent.Originated;
import org.ccs.csta.message.CstaEvent.Queued;
import org.ccs.csta.message.CstaEvent.Retrieved;
import org.ccs.csta.message.CstaEvent.ServiceInitiated;
import org.ccs.csta.message.CstaEvent.Transferred;
import org.ccs.csta.message.CstaMessage.ApplicationSessionNegResponse;
import org.ccs.csta.message.CstaMessage.CstaErrorCode;
import org.ccs.csta.message.CstaMessage.MakeCall;
import org.ccs.csta.message.CstaMessage.MakeCallResponse;
import org.ccs.csta.message.CstaMessage.MonitorStart;
import org.ccs.csta.message.CstaMessage.MonitorStartResponse;
import org.ccs.csta.message.CstaMessage.ResetApplicationSessionTimer;
import org.ccs.csta.message.CstaMessage.ResetApplicationSessionTimerPosResponse;
import org.ccs.csta.message.CstaMessage.SnapshotDevice;
import org.ccs.csta.message.CstaMessage.SnapshotDeviceResponse;
import org.ccs.csta.message.CstaMessage.StartApplicationSession;
import org.ccs.csta.message.CstaMessage.StartApplicationSessionPosResponse;
import org.ccs.csta.message.CstaMessage.StopApplicationSession;
import org.ccs.csta.message.CstaMessage.StopApplicationSessionPosResponse;
import org.ccs.csta.message.CstaMessage.SystemRegister;
import org.ccs.csta.message.CstaMessage.SystemRegisterResponse;
import org.ccs.csta.message.CstaMessage.SystemStatus;
import org.ccs.csta.message.CstaMessage.SystemStatusResponse;

/**
 * Maps ECMA-323 XML element trees to {@link CstaMessage} records and back. Elements are matched by
 * local name in any namespace. Field names and order follow ECMA-285, whose ASN.1 modules ECMA-323
 * mirrors in XML; the application session services follow ECMA-354.
 */
public final class CstaMessages {

    /** Default namespace of outgoing messages (the edition OpenScape Voice speaks). */
    public static final String DEFAULT_NAMESPACE = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";

    /** Namespace of the ECMA-354 application session services, whatever the CSTA edition. */
    public static final String APPLICATION_SESSION_NAMESPACE =
            "http://www.ecma-international.org/standards/ecma-354/appl_session";

    /** Namespace of Avaya's SessionLoginInfo inside StartApplicationSession's applicationSpecificInfo. */
    static final String AVAYA_NAMESPACE = "http://www.avaya.com/csta";

    /**
     * The handler table: one decoder per CSTA service or event root element. Each entry names its
     * ECMA-269 clause (by title: the numbering moves between editions) and the ECMA-285 ASN.1 module,
     * with its object identifier arc, that defines its fields; ECMA-323 gives the XML element of each
     * under the same name.
     */
    private static final Map<String, Function<XmlElement, CstaMessage>> DECODERS = Map.ofEntries(
            // ECMA-269 System Services, System Status (ECMA-285 CSTA-system-status (211))
            Map.entry("SystemStatus", CstaMessages::systemStatus),
            Map.entry("SystemStatusResponse", e -> new SystemStatusResponse()),
            // ECMA-269 System Services, System Register (ECMA-285 CSTA-system-register (207))
            Map.entry("SystemRegister", e -> new SystemRegister()),
            Map.entry("SystemRegisterResponse", e -> new SystemRegisterResponse(e.childText("sysStatRegisterID"))),
            // ECMA-269 Monitoring Services, Monitor Start (ECMA-285 CSTA-monitor-start (101))
            Map.entry("MonitorStart", e -> new MonitorStart(text(e, "monitorObject", "deviceObject"))),
            Map.entry("MonitorStartResponse", e -> new MonitorStartResponse(e.childText("monitorCrossRefID"))),
            // ECMA-269 Snapshot Services, Snapshot Device (ECMA-285 CSTA-snapshot-device (104))
            Map.entry("SnapshotDevice", e -> new SnapshotDevice(e.childText("snapshotObject"))),
            Map.entry("SnapshotDeviceResponse", CstaMessages::snapshotDeviceResponse),
            // ECMA-269 Call Control Services, Make Call (ECMA-285 CSTA-make-call (10))
            Map.entry("MakeCall", e -> new MakeCall(e.childText("callingDevice"), e.childText("calledDirectoryNumber"))),
            Map.entry("MakeCallResponse", e -> new MakeCallResponse(connection(e, "callingDevice"))),
            // ECMA-354 Application Session Services: Start Application Session
            Map.entry("StartApplicationSession", CstaMessages::startApplicationSession),
            Map.entry("StartApplicationSessionPosResponse", e -> new StartApplicationSessionPosResponse(
                    e.childText("sessionID"), e.childText("actualProtocolVersion"), integer(e, "actualSessionDuration"))),
            Map.entry("StartApplicationSessionNegResponse", e -> sessionError("StartApplicationSession", e)),
            // ECMA-354 Application Session Services: Reset Application Session Timer
            Map.entry("ResetApplicationSessionTimer", e -> new ResetApplicationSessionTimer(e.childText("sessionID"),
                    orZero(integer(e, "requestedSessionDuration")))),
            Map.entry("ResetApplicationSessionTimerPosResponse",
                    e -> new ResetApplicationSessionTimerPosResponse(integer(e, "actualSessionDuration"))),
            Map.entry("ResetApplicationSessionTimerNegResponse", e -> sessionError("ResetApplicationSessionTimer", e)),
            // ECMA-354 Application Session Services: Stop Application Session (either side may send it)
            Map.entry("StopApplicationSession", e -> new StopApplicationSession(e.childText("sessionID"),
                    firstLeafText(e.child("sessionEndReason")))),
            Map.entry("StopApplicationSessionPosResponse", e -> new StopApplicationSessionPosResponse()),
            Map.entry("StopApplicationSessionNegResponse", e -> sessionError("StopApplicationSession", e)),
            // ECMA-269 Operational Model, negative acknowledgement of a service (ECMA-323 CSTAErrorCode)
            Map.entry("CSTAErrorCode", CstaMessages::errorCode),
            // ECMA-269 Call Control Events (ECMA-285 module in brackets)
            // Call Cleared (CSTA-call-cleared-event (22))
            Map.entry("CallClearedEvent", e -> new CallCleared(xref(e), connection(e, "clearedCall"), cause(e))),
            // Conferenced (CSTA-conferenced-event (23))
            Map.entry("ConferencedEvent", e -> new Conferenced(xref(e), connection(e, "primaryOldCall"),
                    connection(e, "secondaryOldCall"), device(e, "conferencingDevice"), device(e, "addedParty"),
                    connectionList(e, "conferenceConnections"), cause(e))),
            // Connection Cleared (CSTA-connection-cleared-event (24))
            Map.entry("ConnectionClearedEvent", e -> new ConnectionCleared(xref(e), connection(e, "droppedConnection"),
                    device(e, "releasingDevice"), cause(e))),
            // Delivered (CSTA-delivered-event (25))
            Map.entry("DeliveredEvent", e -> new Delivered(xref(e), connection(e, "connection"),
                    device(e, "alertingDevice"), device(e, "callingDevice"), device(e, "calledDevice"),
                    device(e, "lastRedirectionDevice"), e.childText("localConnectionInfo"),
                    octets(e, "correlatorData"), octets(e, "userData"), cause(e))),
            // Diverted (CSTA-diverted-event (26))
            Map.entry("DivertedEvent", e -> new Diverted(xref(e), connection(e, "connection"),
                    device(e, "divertingDevice"), device(e, "newDestination"), cause(e))),
            // Established (CSTA-established-event (27))
            Map.entry("EstablishedEvent", e -> new Established(xref(e), connection(e, "establishedConnection"),
                    device(e, "answeringDevice"), device(e, "callingDevice"), device(e, "calledDevice"),
                    device(e, "lastRedirectionDevice"), octets(e, "correlatorData"), octets(e, "userData"), cause(e))),
            // Failed (CSTA-failed-event (28))
            Map.entry("FailedEvent", e -> new Failed(xref(e), connection(e, "failedConnection"),
                    device(e, "failingDevice"), device(e, "callingDevice"), device(e, "calledDevice"), cause(e))),
            // Held (CSTA-held-event (29))
            Map.entry("HeldEvent", e -> new Held(xref(e), connection(e, "heldConnection"),
                    device(e, "holdingDevice"), cause(e))),
            // Originated (CSTA-originated-event (31))
            Map.entry("OriginatedEvent", e -> new Originated(xref(e), connection(e, "originatedConnection"),
                    device(e, "callingDevice"), device(e, "calledDevice"), cause(e))),
            // Queued (CSTA-queued-event (32))
            Map.entry("QueuedEvent", e -> new Queued(xref(e), connection(e, "queuedConnection"), device(e, "queue"),
                    device(e, "callingDevice"), device(e, "calledDevice"), integer(e, "numberQueued"), cause(e))),
            // Retrieved (CSTA-retrieved-event (33))
            Map.entry("RetrievedEvent", e -> new Retrieved(xref(e), connection(e, "retrievedConnection"),
                    device(e, "retrievingDevice"), cause(e))),
            // Service Initiated (CSTA-service-initiated-event (34))
            Map.entry("ServiceInitiatedEvent", e -> new ServiceInitiated(xref(e), connection(e, "initiatedConnection"),
                    device(e, "initiatingDevice"), cause(e))),
            // Transferred (CSTA-transferred-event (35)); several PBXs spell it TransferedEvent
            Map.entry("TransferredEvent", CstaMessages::transferred),
            Map.entry("TransferedEvent", CstaMessages::transferred),
            // ECMA-269 Call Associated Features: Call Information (ECMA-285 CSTA-call-information-event (51))
            Map.entry("CallInformationEvent", e -> new CallInformation(xref(e), connection(e, "connection"),
                    device(e, "device"), device(e, "callingDevice"), sensitiveText(e, "accountInfo"),
                    sensitiveText(e, "authCode"), octets(e, "correlatorData"), octets(e, "userData"))),
            // ECMA-269 Media Attachment/Voice Unit Events: DTMF Detected (ECMA-285 CSTA-dtmf-detected-event (519))
            Map.entry("DtmfDetectedEvent", e -> new DtmfDetected(xref(e), connection(e, "overConnection"),
                    sensitiveText(e, "dtmfChar"), cause(e))),
            // ECMA-269 Call Control Events: Digits Dialed (ECMA-285 CSTA-digits-dialed-event)
            Map.entry("DigitsDialedEvent", e -> new DigitsDialed(xref(e), connection(e, "dialingConnection"),
                    device(e, "dialingDevice"), Sensitive.of(DeviceId.rawOf(device(e, "dialingSequence"))), cause(e))),
            // ECMA-269 Logical Device Features, agent state events
            Map.entry("AgentLoggedOnEvent", e -> agent(e, AgentState.LOGGED_ON)),
            Map.entry("AgentLoggedOffEvent", e -> agent(e, AgentState.LOGGED_OFF)),
            Map.entry("AgentReadyEvent", e -> agent(e, AgentState.READY)),
            Map.entry("AgentNotReadyEvent", e -> agent(e, AgentState.NOT_READY)),
            Map.entry("AgentWorkingAfterCallEvent", e -> agent(e, AgentState.WORKING_AFTER_CALL)),
            Map.entry("AgentBusyEvent", e -> agent(e, AgentState.BUSY)));

    private static final Set<String> ERROR_CATEGORIES = Set.of("operation", "security", "stateIncompatibility",
            "systemResourceAvailability", "subscribedResourceAvailability", "performanceManagement",
            "privateData", "unspecified");

    private CstaMessages() {
    }

    /** Whether a root element name has a decoder. */
    public static boolean isKnown(String rootName) {
        return DECODERS.containsKey(rootName);
    }

    /** The typed message for a parsed body, or null when its root element is not one we know. */
    public static CstaMessage decode(XmlElement root) {
        Function<XmlElement, CstaMessage> d = DECODERS.get(root.name());
        return d == null ? null : d.apply(root);
    }

    // ------------------------------------------------------------------ decoding helpers

    private static String xref(XmlElement e) {
        return e.childText("monitorCrossRefID");
    }

    private static String cause(XmlElement e) {
        return e.childText("cause");
    }

    private static String text(XmlElement e, String outer, String inner) {
        XmlElement o = e.child(outer);
        if (o == null) {
            return null;
        }
        String t = o.childText(inner);
        return t != null ? t : (o.text().isEmpty() ? null : o.text());
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    /** The text of the first element without children under {@code e} (e.g. a choice's chosen leaf). */
    private static String firstLeafText(XmlElement e) {
        if (e == null) {
            return null;
        }
        if (e.children().isEmpty()) {
            return e.text().isEmpty() ? null : e.text();
        }
        return firstLeafText(e.children().get(0));
    }

    private static Sensitive sensitiveText(XmlElement e, String name) {
        return Sensitive.of(e.childText(name));
    }

    private static Integer integer(XmlElement e, String name) {
        String t = e.childText(name);
        if (t == null) {
            return null;
        }
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    static ConnectionId connection(XmlElement parent, String name) {
        XmlElement c = parent.child(name);
        if (c == null) {
            return null;
        }
        return new ConnectionId(c.childText("callID"), c.childText("deviceID"));
    }

    /** A device reference: deviceIdentifier / numberDialed / deviceID, notKnown, restricted, or plain text. */
    static DeviceId device(XmlElement parent, String name) {
        XmlElement d = parent.child(name);
        return d == null ? null : deviceOf(d);
    }

    static DeviceId deviceOf(XmlElement d) {
        if (d.children().isEmpty()) {
            return d.text().isEmpty() ? null : DeviceId.of(d.text());
        }
        for (XmlElement c : d.children()) {
            switch (c.name()) {
                case "deviceIdentifier", "numberDialed", "deviceID", "explicitPublic", "implicitPublic" -> {
                    return c.text().isEmpty() ? null : DeviceId.of(c.text());
                }
                case "notKnown" -> {
                    return DeviceId.NOT_KNOWN;
                }
                case "restricted" -> {
                    return DeviceId.RESTRICTED;
                }
                default -> {
                    // notRequired, notSpecified, extensions...: look further
                }
            }
        }
        return null;
    }

    /** Octet strings (correlatorData, userData): {@code <string>HEX</string>} or text; whitespace dropped. */
    private static Sensitive octets(XmlElement e, String name) {
        XmlElement o = e.child(name);
        if (o == null) {
            return null;
        }
        String t = o.childText("string");
        if (t == null) {
            t = o.text();
        }
        return Sensitive.of(withoutWhitespace(t));
    }

    private static String withoutWhitespace(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i))) {
                StringBuilder b = new StringBuilder(t.length());
                for (int j = 0; j < t.length(); j++) {
                    char ch = t.charAt(j);
                    if (!Character.isWhitespace(ch)) {
                        b.append(ch);
                    }
                }
                return b.toString();
            }
        }
        return t;
    }

    private static List<ConnectionListEntry> connectionList(XmlElement e, String name) {
        XmlElement l = e.child(name);
        if (l == null) {
            return List.of();
        }
        List<ConnectionListEntry> out = new ArrayList<>();
        for (XmlElement item : l.children()) {
            XmlElement ep = item.child("endpoint");
            out.add(new ConnectionListEntry(connection(item, "newConnection"), connection(item, "oldConnection"),
                    ep == null ? null : deviceOf(ep)));
        }
        return out;
    }

    private static CstaMessage systemStatus(XmlElement e) {
        return new SystemStatus(e.childText("sysStatRegisterID"), e.childText("systemStatus"));
    }

    private static CstaMessage snapshotDeviceResponse(XmlElement e) {
        List<SnapshotEntry> entries = new ArrayList<>();
        XmlElement holder = e.child("crossRefIDorSnapshotData");
        XmlElement data = holder == null ? e.child("snapshotData") : holder.child("snapshotData");
        if (data != null) {
            for (XmlElement item : data.children()) {
                entries.add(new SnapshotEntry(connection(item, "connectionIdentifier"),
                        localConnectionState(item.child("localCallState"))));
            }
        }
        return new SnapshotDeviceResponse(entries);
    }

    /**
     * The snapshotted device's own connection state (ECMA-285 LocalConnectionState: null, initiated,
     * alerting, connected, hold, queued, fail) from a CallState: the first state of a compoundCallState, or
     * the first half of a simpleCallState (callDelivered = alerting-connect: this device is alerting).
     */
    private static String localConnectionState(XmlElement callState) {
        if (callState == null) {
            return null;
        }
        XmlElement compound = callState.child("compoundCallState");
        if (compound != null) {
            return firstLeafText(compound);
        }
        XmlElement simple = callState.child("simpleCallState");
        String s = simple != null ? simple.text() : callState.text();
        return switch (s) {
            case "callNull", "" -> null;
            case "callPending", "callOriginated" -> "initiated";
            case "callDelivered", "callDeliveredHeld" -> "alerting";
            case "callReceived", "callEstablished", "callEstablishedHeld" -> "connected";
            case "callReceivedOnHold", "callEstablishedOnHold" -> "hold";
            case "callQueued", "callQueuedHeld" -> "queued";
            case "callFailed", "callFailedHeld", "callBlocked" -> "fail";
            default -> s;
        };
    }

    private static CstaMessage startApplicationSession(XmlElement e) {
        XmlElement info = e.child("applicationInfo");
        XmlElement specific = info == null ? null : info.child("applicationSpecificInfo");
        XmlElement login = specific == null ? null : specific.child("SessionLoginInfo");
        XmlElement versions = e.child("requestedProtocolVersions");
        return new StartApplicationSession(info == null ? null : info.childText("applicationID"),
                versions == null ? null : versions.childText("protocolVersion"),
                orZero(integer(e, "requestedSessionDuration")),
                login == null ? null : login.childText("userName"), login == null ? null : login.childText("password"));
    }

    private static CstaMessage sessionError(String service, XmlElement e) {
        String error = firstLeafText(e.child("errorCode"));
        return new ApplicationSessionNegResponse(service, error != null ? error : firstLeafText(e));
    }

    private static CstaMessage errorCode(XmlElement e) {
        for (XmlElement c : e.children()) {
            if (ERROR_CATEGORIES.contains(c.name())) {
                return new CstaErrorCode(c.name(), c.text());
            }
        }
        return new CstaErrorCode("unspecified", e.text());
    }

    private static CstaMessage transferred(XmlElement e) {
        return new Transferred(xref(e), connection(e, "primaryOldCall"), connection(e, "secondaryOldCall"),
                device(e, "transferringDevice"), device(e, "transferredToDevice"),
                connectionList(e, "transferredConnections"), cause(e));
    }

    private static CstaMessage agent(XmlElement e, AgentState state) {
        return new AgentStateEvent(xref(e), state, device(e, "agentDevice"), e.childText("agentID"),
                device(e, "acdGroup"), cause(e));
    }

    // ------------------------------------------------------------------ encoding

    /** The root element name of a message as it goes on the wire. */
    public static String rootName(CstaMessage m) {
        return encode(m).name();
    }

    /**
     * The namespace a message goes out in: ECMA-354's for the application session services, else
     * {@code cstaNamespace} (the configured CSTA edition).
     */
    public static String namespaceOf(CstaMessage m, String cstaNamespace) {
        return m instanceof StartApplicationSession || m instanceof StartApplicationSessionPosResponse
                || m instanceof ResetApplicationSessionTimer || m instanceof ResetApplicationSessionTimerPosResponse
                || m instanceof StopApplicationSession || m instanceof StopApplicationSessionPosResponse
                || m instanceof ApplicationSessionNegResponse ? APPLICATION_SESSION_NAMESPACE : cstaNamespace;
    }

    /** The XML element tree of a message (without namespace; see {@link XmlElement#toXml(String)}). */
    public static XmlElement encode(CstaMessage m) {
        if (m instanceof SystemStatus s) {
            return XmlElement.builder("SystemStatus").child("sysStatRegisterID", s.sysStatRegisterId())
                    .child("systemStatus", s.systemStatus()).build();
        } else if (m instanceof SystemStatusResponse) {
            return XmlElement.builder("SystemStatusResponse").build();
        } else if (m instanceof SystemRegister) {
            return XmlElement.builder("SystemRegister").child(XmlElement.builder("requestTypes")
                    .child("systemStatus", "true").child("requestSystemStatus", "false").build()).build();
        } else if (m instanceof SystemRegisterResponse r) {
            return XmlElement.builder("SystemRegisterResponse").child("sysStatRegisterID", r.sysStatRegisterId()).build();
        } else if (m instanceof MonitorStart s) {
            return XmlElement.builder("MonitorStart").child(XmlElement.builder("monitorObject")
                    .child("deviceObject", s.deviceObject()).build()).build();
        } else if (m instanceof MonitorStartResponse r) {
            return XmlElement.builder("MonitorStartResponse").child("monitorCrossRefID", r.monitorCrossRefId()).build();
        } else if (m instanceof SnapshotDevice s) {
            return XmlElement.builder("SnapshotDevice").child("snapshotObject", s.snapshotObject()).build();
        } else if (m instanceof SnapshotDeviceResponse r) {
            XmlElement.Builder data = XmlElement.builder("snapshotData");
            for (SnapshotEntry en : r.entries()) {
                data.child(XmlElement.builder("snapshotDeviceResponseInfo")
                        .child(conn("connectionIdentifier", en.connection()))
                        .child(en.localCallState() == null ? null : XmlElement.builder("localCallState")
                                .child(XmlElement.builder("compoundCallState")
                                        .child("localConnectionState", en.localCallState()).build()).build())
                        .build());
            }
            return XmlElement.builder("SnapshotDeviceResponse").child(XmlElement.builder("crossRefIDorSnapshotData")
                    .child(data.build()).build()).build();
        } else if (m instanceof MakeCall c) {
            return XmlElement.builder("MakeCall").child("callingDevice", c.callingDevice())
                    .child("calledDirectoryNumber", c.calledDirectoryNumber()).build();
        } else if (m instanceof MakeCallResponse r) {
            return XmlElement.builder("MakeCallResponse").child(conn("callingDevice", r.callingDevice())).build();
        } else if (m instanceof CstaErrorCode c) {
            return XmlElement.builder("CSTAErrorCode").child(c.category(), c.value() == null ? "" : c.value()).build();
        } else if (m instanceof StartApplicationSession s) {
            XmlElement login = s.userName() == null && s.password() == null ? null
                    : XmlElement.builder("applicationSpecificInfo").child(XmlElement.builder("SessionLoginInfo")
                            .attribute("xmlns", AVAYA_NAMESPACE).child("userName", s.userName())
                            .child("password", s.password()).build()).build();
            return XmlElement.builder("StartApplicationSession")
                    .child(XmlElement.builder("applicationInfo").child("applicationID", s.applicationId())
                            .child(login).build())
                    .child(XmlElement.builder("requestedProtocolVersions")
                            .child("protocolVersion", s.protocolVersion()).build())
                    .child("requestedSessionDuration", String.valueOf(s.requestedSessionDuration())).build();
        } else if (m instanceof StartApplicationSessionPosResponse r) {
            return XmlElement.builder("StartApplicationSessionPosResponse").child("sessionID", r.sessionId())
                    .child("actualProtocolVersion", r.actualProtocolVersion())
                    .child("actualSessionDuration", r.actualSessionDuration() == null ? null
                            : r.actualSessionDuration().toString()).build();
        } else if (m instanceof ResetApplicationSessionTimer r) {
            return XmlElement.builder("ResetApplicationSessionTimer").child("sessionID", r.sessionId())
                    .child("requestedSessionDuration", String.valueOf(r.requestedSessionDuration())).build();
        } else if (m instanceof ResetApplicationSessionTimerPosResponse r) {
            return XmlElement.builder("ResetApplicationSessionTimerPosResponse")
                    .child("actualSessionDuration", r.actualSessionDuration() == null ? null
                            : r.actualSessionDuration().toString()).build();
        } else if (m instanceof StopApplicationSession s) {
            return XmlElement.builder("StopApplicationSession").child("sessionID", s.sessionId())
                    .child(s.reason() == null ? null : XmlElement.builder("sessionEndReason")
                            .child("definedEndReason", s.reason()).build()).build();
        } else if (m instanceof StopApplicationSessionPosResponse) {
            return XmlElement.builder("StopApplicationSessionPosResponse").build();
        } else if (m instanceof ApplicationSessionNegResponse n) {
            return XmlElement.builder(n.service() + "NegResponse").child(XmlElement.builder("errorCode")
                    .child("definedError", n.error()).build()).build();
        } else if (m instanceof CstaEvent ev) {
            return encodeEvent(ev);
        }
        throw new IllegalArgumentException("no encoding for " + m.getClass().getSimpleName());
    }

    private static XmlElement encodeEvent(CstaEvent ev) {
        if (ev instanceof ServiceInitiated e) {
            return event("ServiceInitiatedEvent", e).child(conn("initiatedConnection", e.initiatedConnection()))
                    .child(dev("initiatingDevice", e.initiatingDevice())).child("cause", e.cause()).build();
        } else if (ev instanceof Originated e) {
            return event("OriginatedEvent", e).child(conn("originatedConnection", e.originatedConnection()))
                    .child(dev("callingDevice", e.callingDevice())).child(dev("calledDevice", e.calledDevice()))
                    .child("cause", e.cause()).build();
        } else if (ev instanceof Delivered e) {
            return event("DeliveredEvent", e).child(conn("connection", e.connection()))
                    .child(dev("alertingDevice", e.alertingDevice())).child(dev("callingDevice", e.callingDevice()))
                    .child(dev("calledDevice", e.calledDevice()))
                    .child(redirection(e.lastRedirectionDevice()))
                    .child("localConnectionInfo", e.localConnectionInfo())
                    .child(octets("correlatorData", e.correlatorData())).child(octets("userData", e.userData()))
                    .child("cause", e.cause()).build();
        } else if (ev instanceof Established e) {
            return event("EstablishedEvent", e).child(conn("establishedConnection", e.establishedConnection()))
                    .child(dev("answeringDevice", e.answeringDevice())).child(dev("callingDevice", e.callingDevice()))
                    .child(dev("calledDevice", e.calledDevice())).child(redirection(e.lastRedirectionDevice()))
                    .child(octets("correlatorData", e.correlatorData())).child(octets("userData", e.userData()))
                    .child("cause", e.cause()).build();
        } else if (ev instanceof CallInformation e) {
            return event("CallInformationEvent", e).child(conn("connection", e.connection()))
                    .child(dev("device", e.device())).child(dev("callingDevice", e.callingDevice()))
                    .child("accountInfo", Sensitive.valueOf(e.accountInfo()))
                    .child("authCode", Sensitive.valueOf(e.authCode()))
                    .child(octets("correlatorData", e.correlatorData())).child(octets("userData", e.userData()))
                    .build();
        } else if (ev instanceof DtmfDetected e) {
            return event("DtmfDetectedEvent", e).child(conn("overConnection", e.overConnection()))
                    .child("dtmfChar", Sensitive.valueOf(e.dtmfChar())).child("cause", e.cause()).build();
        } else if (ev instanceof DigitsDialed e) {
            return event("DigitsDialedEvent", e).child(conn("dialingConnection", e.dialingConnection()))
                    .child(dev("dialingDevice", e.dialingDevice()))
                    .child(e.dialingSequence() == null ? null
                            : dev("dialingSequence", DeviceId.of(e.dialingSequence().value())))
                    .child("cause", e.cause()).build();
        } else if (ev instanceof Queued e) {
            return event("QueuedEvent", e).child(conn("queuedConnection", e.queuedConnection()))
                    .child(dev("queue", e.queue())).child(dev("callingDevice", e.callingDevice()))
                    .child(dev("calledDevice", e.calledDevice()))
                    .child("numberQueued", e.numberQueued() == null ? null : e.numberQueued().toString())
                    .child("cause", e.cause()).build();
        } else if (ev instanceof Diverted e) {
            return event("DivertedEvent", e).child(conn("connection", e.connection()))
                    .child(dev("divertingDevice", e.divertingDevice())).child(dev("newDestination", e.newDestination()))
                    .child("cause", e.cause()).build();
        } else if (ev instanceof ConnectionCleared e) {
            return event("ConnectionClearedEvent", e).child(conn("droppedConnection", e.droppedConnection()))
                    .child(dev("releasingDevice", e.releasingDevice())).child("cause", e.cause()).build();
        } else if (ev instanceof CallCleared e) {
            return event("CallClearedEvent", e).child(conn("clearedCall", e.clearedCall()))
                    .child("cause", e.cause()).build();
        } else if (ev instanceof Held e) {
            return event("HeldEvent", e).child(conn("heldConnection", e.heldConnection()))
                    .child(dev("holdingDevice", e.holdingDevice())).child("cause", e.cause()).build();
        } else if (ev instanceof Retrieved e) {
            return event("RetrievedEvent", e).child(conn("retrievedConnection", e.retrievedConnection()))
                    .child(dev("retrievingDevice", e.retrievingDevice())).child("cause", e.cause()).build();
        } else if (ev instanceof Transferred e) {
            return event("TransferredEvent", e).child(conn("primaryOldCall", e.primaryOldCall()))
                    .child(conn("secondaryOldCall", e.secondaryOldCall()))
                    .child(dev("transferringDevice", e.transferringDevice()))
                    .child(dev("transferredToDevice", e.transferredToDevice()))
                    .child(connList("transferredConnections", e.transferredConnections()))
                    .child("cause", e.cause()).build();
        } else if (ev instanceof Conferenced e) {
            return event("ConferencedEvent", e).child(conn("primaryOldCall", e.primaryOldCall()))
                    .child(conn("secondaryOldCall", e.secondaryOldCall()))
                    .child(dev("conferencingDevice", e.conferencingDevice())).child(dev("addedParty", e.addedParty()))
                    .child(connList("conferenceConnections", e.conferenceConnections()))
                    .child("cause", e.cause()).build();
        } else if (ev instanceof Failed e) {
            return event("FailedEvent", e).child(conn("failedConnection", e.failedConnection()))
                    .child(dev("failingDevice", e.failingDevice())).child(dev("callingDevice", e.callingDevice()))
                    .child(dev("calledDevice", e.calledDevice())).child("cause", e.cause()).build();
        } else if (ev instanceof AgentStateEvent e) {
            String name = switch (e.state()) {
                case LOGGED_ON -> "AgentLoggedOnEvent";
                case LOGGED_OFF -> "AgentLoggedOffEvent";
                case READY -> "AgentReadyEvent";
                case NOT_READY -> "AgentNotReadyEvent";
                case WORKING_AFTER_CALL -> "AgentWorkingAfterCallEvent";
                case BUSY -> "AgentBusyEvent";
            };
            return event(name, e).child(dev("agentDevice", e.agentDevice())).child("agentID", e.agentId())
                    .child(dev("acdGroup", e.acdGroup())).child("cause", e.cause()).build();
        }
        throw new IllegalArgumentException("no encoding for " + ev.getClass().getSimpleName());
    }

    private static XmlElement.Builder event(String name, CstaEvent e) {
        return XmlElement.builder(name).child("monitorCrossRefID", e.monitorCrossRefId());
    }

    private static XmlElement octets(String name, Sensitive value) {
        return value == null ? null : XmlElement.builder(name).child("string", value.value()).build();
    }

    private static XmlElement conn(String name, ConnectionId c) {
        if (c == null) {
            return null;
        }
        return XmlElement.builder(name).child("callID", c.callId()).child("deviceID", c.deviceId()).build();
    }

    private static XmlElement dev(String name, DeviceId d) {
        if (d == null) {
            return null;
        }
        return switch (d.presentation()) {
            case AVAILABLE -> XmlElement.builder(name).child("deviceIdentifier", d.raw()).build();
            case NOT_KNOWN -> XmlElement.builder(name).child(XmlElement.of("notKnown", null)).build();
            case RESTRICTED -> XmlElement.builder(name).child(XmlElement.of("restricted", null)).build();
        };
    }

    private static XmlElement redirection(DeviceId d) {
        if (d == null || !d.isAvailable()) {
            return dev("lastRedirectionDevice", d);
        }
        return XmlElement.builder("lastRedirectionDevice").child("numberDialed", d.raw()).build();
    }

    private static XmlElement connList(String name, List<ConnectionListEntry> list) {
        if (list.isEmpty()) {
            return null;
        }
        XmlElement.Builder b = XmlElement.builder(name);
        for (ConnectionListEntry en : list) {
            XmlElement.Builder item = XmlElement.builder("connectionListItem")
                    .child(conn("newConnection", en.newConnection())).child(conn("oldConnection", en.oldConnection()));
            if (en.endpoint() != null) {
                item.child(en.endpoint().isAvailable()
                        ? XmlElement.builder("endpoint").child("deviceID", en.endpoint().raw()).build()
                        : dev("endpoint", en.endpoint()));
            }
            b.child(item.build());
        }
        return b.build();
    }
}
