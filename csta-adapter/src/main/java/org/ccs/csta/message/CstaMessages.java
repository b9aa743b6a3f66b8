package org.ccs.csta.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.ccs.csta.message.CstaEvent.AgentStateEvent;
import org.ccs.csta.message.CstaEvent.CallCleared;
import org.ccs.csta.message.CstaEvent.Conferenced;
import org.ccs.csta.message.CstaEvent.ConnectionCleared;
import org.ccs.csta.message.CstaEvent.Delivered;
import org.ccs.csta.message.CstaEvent.Diverted;
import org.ccs.csta.message.CstaEvent.Established;
import org.ccs.csta.message.CstaEvent.Failed;
import org.ccs.csta.message.CstaEvent.Held;
import org.ccs.csta.message.CstaEvent.Originated;
import org.ccs.csta.message.CstaEvent.Queued;
import org.ccs.csta.message.CstaEvent.Retrieved;
import org.ccs.csta.message.CstaEvent.ServiceInitiated;
import org.ccs.csta.message.CstaEvent.Transferred;
import org.ccs.csta.message.CstaMessage.CstaErrorCode;
import org.ccs.csta.message.CstaMessage.MakeCall;
import org.ccs.csta.message.CstaMessage.MakeCallResponse;
import org.ccs.csta.message.CstaMessage.MonitorStart;
import org.ccs.csta.message.CstaMessage.MonitorStartResponse;
import org.ccs.csta.message.CstaMessage.SnapshotDevice;
import org.ccs.csta.message.CstaMessage.SnapshotDeviceResponse;
import org.ccs.csta.message.CstaMessage.SystemRegister;
import org.ccs.csta.message.CstaMessage.SystemRegisterResponse;
import org.ccs.csta.message.CstaMessage.SystemStatus;
import org.ccs.csta.message.CstaMessage.SystemStatusResponse;

/**
 * Maps ECMA-323 XML element trees to {@link CstaMessage} records and back. Elements are matched by
 * local name in any namespace. Field names and order follow ECMA-285, whose ASN.1 modules ECMA-323
 * mirrors in XML.
 */
public final class CstaMessages {

    /** Default namespace of outgoing messages (the edition OpenScape Voice speaks). */
    public static final String DEFAULT_NAMESPACE = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";

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
            // ECMA-269 Call Control Services, Make Call
            Map.entry("MakeCall", e -> new MakeCall(e.childText("callingDevice"), e.childText("calledDirectoryNumber"))),
            Map.entry("MakeCallResponse", e -> new MakeCallResponse(connection(e, "callingDevice"))),
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
                    octets(e, "correlatorData"), cause(e))),
            // Diverted (CSTA-diverted-event (26))
            Map.entry("DivertedEvent", e -> new Diverted(xref(e), connection(e, "connection"),
                    device(e, "divertingDevice"), device(e, "newDestination"), cause(e))),
            // Established (CSTA-established-event (27))
            Map.entry("EstablishedEvent", e -> new Established(xref(e), connection(e, "establishedConnection"),
                    device(e, "answeringDevice"), device(e, "callingDevice"), device(e, "calledDevice"),
                    device(e, "lastRedirectionDevice"), cause(e))),
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
    private static String octets(XmlElement e, String name) {
        XmlElement o = e.child(name);
        if (o == null) {
            return null;
        }
        String t = o.childText("string");
        if (t == null) {
            t = o.text();
        }
        t = t.replaceAll("\\s+", "");
        return t.isEmpty() ? null : t;
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
                XmlElement lcs = item.child("localCallState");
                String state = null;
                if (lcs != null) {
                    XmlElement compound = lcs.child("compoundCallState");
                    XmlElement simple = lcs.child("simpleCallState");
                    state = simple != null ? simple.text() : compound != null ? "compound" : lcs.text();
                }
                entries.add(new SnapshotEntry(connection(item, "connectionIdentifier"), state));
            }
        }
        return new SnapshotDeviceResponse(entries);
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
                                .child(XmlElement.builder("compoundCallState").child(XmlElement.builder("localConnectionState")
                                        .text(en.localCallState()).build()).build()).build())
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
                    .child(e.correlatorData() == null ? null : XmlElement.builder("correlatorData")
                            .child("string", e.correlatorData()).build())
                    .child("cause", e.cause()).build();
        } else if (ev instanceof Established e) {
            return event("EstablishedEvent", e).child(conn("establishedConnection", e.establishedConnection()))
                    .child(dev("answeringDevice", e.answeringDevice())).child(dev("callingDevice", e.callingDevice()))
                    .child(dev("calledDevice", e.calledDevice())).child(redirection(e.lastRedirectionDevice()))
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
