package org.ccs.csta.message;

import java.util.List;

/** Unsolicited events (invoke id 9999), each carrying the monitorCrossRefID of the monitor that saw it. */
public sealed interface CstaEvent extends CstaMessage {

    String monitorCrossRefId();

    String cause();

    /** The callID the event is about (for Transferred/Conferenced: the primary old call). */
    String callId();

    /** The same event addressed to another monitor. */
    CstaEvent withMonitorCrossRefId(String monitorCrossRefId);

    private static String call(ConnectionId c) {
        return c == null ? null : c.callId();
    }

    record ServiceInitiated(String monitorCrossRefId, ConnectionId initiatedConnection,
                            DeviceId initiatingDevice, String cause) implements CstaEvent {
        public String callId() { return call(initiatedConnection); }
        public ServiceInitiated withMonitorCrossRefId(String x) {
            return new ServiceInitiated(x, initiatedConnection, initiatingDevice, cause);
        }
    }

    record Originated(String monitorCrossRefId, ConnectionId originatedConnection, DeviceId callingDevice,
                      DeviceId calledDevice, String cause) implements CstaEvent {
        public String callId() { return call(originatedConnection); }
        public Originated withMonitorCrossRefId(String x) {
            return new Originated(x, originatedConnection, callingDevice, calledDevice, cause);
        }
    }

    /** Delivered; {@code correlatorData} and {@code userData} are octet strings as hex (IVR data may ride in them). */
    record Delivered(String monitorCrossRefId, ConnectionId connection, DeviceId alertingDevice,
                     DeviceId callingDevice, DeviceId calledDevice, DeviceId lastRedirectionDevice,
                     String localConnectionInfo, Sensitive correlatorData, Sensitive userData,
                     String cause) implements CstaEvent {
        public String callId() { return call(connection); }
        public Delivered withMonitorCrossRefId(String x) {
            return new Delivered(x, connection, alertingDevice, callingDevice, calledDevice, lastRedirectionDevice,
                    localConnectionInfo, correlatorData, userData, cause);
        }
    }

    record Established(String monitorCrossRefId, ConnectionId establishedConnection, DeviceId answeringDevice,
                       DeviceId callingDevice, DeviceId calledDevice, DeviceId lastRedirectionDevice,
                       Sensitive correlatorData, Sensitive userData, String cause) implements CstaEvent {
        public String callId() { return call(establishedConnection); }
        public Established withMonitorCrossRefId(String x) {
            return new Established(x, establishedConnection, answeringDevice, callingDevice, calledDevice,
                    lastRedirectionDevice, correlatorData, userData, cause);
        }
    }

    record Queued(String monitorCrossRefId, ConnectionId queuedConnection, DeviceId queue, DeviceId callingDevice,
                  DeviceId calledDevice, Integer numberQueued, String cause) implements CstaEvent {
        public String callId() { return call(queuedConnection); }
        public Queued withMonitorCrossRefId(String x) {
            return new Queued(x, queuedConnection, queue, callingDevice, calledDevice, numberQueued, cause);
        }
    }

    record Diverted(String monitorCrossRefId, ConnectionId connection, DeviceId divertingDevice,
                    DeviceId newDestination, String cause) implements CstaEvent {
        public String callId() { return call(connection); }
        public Diverted withMonitorCrossRefId(String x) {
            return new Diverted(x, connection, divertingDevice, newDestination, cause);
        }
    }

    record ConnectionCleared(String monitorCrossRefId, ConnectionId droppedConnection, DeviceId releasingDevice,
                             String cause) implements CstaEvent {
        public String callId() { return call(droppedConnection); }
        public ConnectionCleared withMonitorCrossRefId(String x) {
            return new ConnectionCleared(x, droppedConnection, releasingDevice, cause);
        }
    }

    record CallCleared(String monitorCrossRefId, ConnectionId clearedCall, String cause) implements CstaEvent {
        public String callId() { return call(clearedCall); }
        public CallCleared withMonitorCrossRefId(String x) {
            return new CallCleared(x, clearedCall, cause);
        }
    }

    record Held(String monitorCrossRefId, ConnectionId heldConnection, DeviceId holdingDevice,
                String cause) implements CstaEvent {
        public String callId() { return call(heldConnection); }
        public Held withMonitorCrossRefId(String x) {
            return new Held(x, heldConnection, holdingDevice, cause);
        }
    }

    record Retrieved(String monitorCrossRefId, ConnectionId retrievedConnection, DeviceId retrievingDevice,
                     String cause) implements CstaEvent {
        public String callId() { return call(retrievedConnection); }
        public Retrieved withMonitorCrossRefId(String x) {
            return new Retrieved(x, retrievedConnection, retrievingDevice, cause);
        }
    }

    /** Transferred (on the wire also spelled {@code TransferedEvent}): the call gets a new callID. */
    record Transferred(String monitorCrossRefId, ConnectionId primaryOldCall, ConnectionId secondaryOldCall,
                       DeviceId transferringDevice, DeviceId transferredToDevice,
                       List<ConnectionListEntry> transferredConnections, String cause) implements CstaEvent {
        public Transferred {
            transferredConnections = transferredConnections == null ? List.of() : List.copyOf(transferredConnections);
        }
        public String callId() { return call(primaryOldCall); }
        public Transferred withMonitorCrossRefId(String x) {
            return new Transferred(x, primaryOldCall, secondaryOldCall, transferringDevice, transferredToDevice,
                    transferredConnections, cause);
        }
    }

    record Conferenced(String monitorCrossRefId, ConnectionId primaryOldCall, ConnectionId secondaryOldCall,
                       DeviceId conferencingDevice, DeviceId addedParty,
                       List<ConnectionListEntry> conferenceConnections, String cause) implements CstaEvent {
        public Conferenced {
            conferenceConnections = conferenceConnections == null ? List.of() : List.copyOf(conferenceConnections);
        }
        public String callId() { return call(primaryOldCall); }
        public Conferenced withMonitorCrossRefId(String x) {
            return new Conferenced(x, primaryOldCall, secondaryOldCall, conferencingDevice, addedParty,
                    conferenceConnections, cause);
        }
    }

    record Failed(String monitorCrossRefId, ConnectionId failedConnection, DeviceId failingDevice,
                  DeviceId callingDevice, DeviceId calledDevice, String cause) implements CstaEvent {
        public String callId() { return call(failedConnection); }
        public Failed withMonitorCrossRefId(String x) {
            return new Failed(x, failedConnection, failingDevice, callingDevice, calledDevice, cause);
        }
    }

    /**
     * CallInformation: data the PBX attached to a call (an IVR's collected account number, user data).
     * It has no cause in ECMA-285.
     */
    record CallInformation(String monitorCrossRefId, ConnectionId connection, DeviceId device,
                           DeviceId callingDevice, Sensitive accountInfo, Sensitive authCode,
                           Sensitive correlatorData, Sensitive userData) implements CstaEvent {
        public String callId() { return call(connection); }
        public String cause() { return null; }
        public CallInformation withMonitorCrossRefId(String x) {
            return new CallInformation(x, connection, device, callingDevice, accountInfo, authCode, correlatorData,
                    userData);
        }
    }

    /** DtmfDetected: one DTMF character detected on a connection (e.g. the caller keying digits into an IVR). */
    record DtmfDetected(String monitorCrossRefId, ConnectionId overConnection, Sensitive dtmfChar,
                        String cause) implements CstaEvent {
        public String callId() { return call(overConnection); }
        public DtmfDetected withMonitorCrossRefId(String x) {
            return new DtmfDetected(x, overConnection, dtmfChar, cause);
        }
    }

    /** DigitsDialed: the digits a device dialled on a connection. */
    record DigitsDialed(String monitorCrossRefId, ConnectionId dialingConnection, DeviceId dialingDevice,
                        Sensitive dialingSequence, String cause) implements CstaEvent {
        public String callId() { return call(dialingConnection); }
        public DigitsDialed withMonitorCrossRefId(String x) {
            return new DigitsDialed(x, dialingConnection, dialingDevice, dialingSequence, cause);
        }
    }

    /**
     * The agent state events (AgentLoggedOn, AgentLoggedOff, AgentReady, AgentNotReady,
     * AgentWorkingAfterCall, AgentBusy) share one record; {@code state} tells which one it was.
     */
    record AgentStateEvent(String monitorCrossRefId, AgentState state, DeviceId agentDevice, String agentId,
                           DeviceId acdGroup, String cause) implements CstaEvent {
        public String callId() { return null; }
        public AgentStateEvent withMonitorCrossRefId(String x) {
            return new AgentStateEvent(x, state, agentDevice, agentId, acdGroup, cause);
        }
    }
}
