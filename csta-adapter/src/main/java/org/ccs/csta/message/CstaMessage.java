package org.ccs.csta.message;

import java.util.List;

/**
 * The CSTA messages this adapter understands, as typed records. Element and field names follow
 * ECMA-285 (ASN.1) and ECMA-323 (XML), which share them. {@link CstaMessages} maps XML to these
 * records and back.
 */
public sealed interface CstaMessage
        permits CstaMessage.Request, CstaMessage.Response, CstaEvent {

    /** A service request (either direction: the PBX also sends SystemStatus). */
    sealed interface Request extends CstaMessage
            permits SystemStatus, SystemRegister, MonitorStart, SnapshotDevice, MakeCall,
                    StartApplicationSession, ResetApplicationSessionTimer, StopApplicationSession {
    }

    /** A positive or negative response, matched to its request by invoke id. */
    sealed interface Response extends CstaMessage
            permits SystemStatusResponse, SystemRegisterResponse, MonitorStartResponse,
                    SnapshotDeviceResponse, MakeCallResponse, CstaErrorCode,
                    StartApplicationSessionPosResponse, ResetApplicationSessionTimerPosResponse,
                    StopApplicationSessionPosResponse, ApplicationSessionNegResponse {
    }

    // ---- ECMA-354 application session services (namespace APPLICATION_SESSION_NAMESPACE) ----

    /**
     * StartApplicationSession. {@code userName}/{@code password} (optional) go in applicationSpecificInfo
     * as a SessionLoginInfo (the form Avaya AES expects); {@link #toString()} never shows the password.
     *
     * @param requestedSessionDuration seconds the session lives without a ResetApplicationSessionTimer
     */
    record StartApplicationSession(String applicationId, String protocolVersion, int requestedSessionDuration,
                                   String userName, String password) implements Request {
        @Override
        public String toString() {
            return "StartApplicationSession[applicationId=" + applicationId + ", protocolVersion=" + protocolVersion
                    + ", requestedSessionDuration=" + requestedSessionDuration + ", userName=" + userName
                    + ", password=" + (password == null ? null : "***") + "]";
        }
    }

    /** StartApplicationSessionPosResponse: the session's id and the duration the server granted, in seconds. */
    record StartApplicationSessionPosResponse(String sessionId, String actualProtocolVersion,
                                              Integer actualSessionDuration) implements Response {
    }

    record ResetApplicationSessionTimer(String sessionId, int requestedSessionDuration) implements Request {
    }

    record ResetApplicationSessionTimerPosResponse(Integer actualSessionDuration) implements Response {
    }

    /** StopApplicationSession, sent by either side; {@code reason} is the definedEndReason (e.g. normal). */
    record StopApplicationSession(String sessionId, String reason) implements Request {
    }

    record StopApplicationSessionPosResponse() implements Response {
    }

    /**
     * A negative response to an application session service: {@code service} is the request's name
     * (StartApplicationSession, ResetApplicationSessionTimer, StopApplicationSession), {@code error} the
     * error code's text.
     */
    record ApplicationSessionNegResponse(String service, String error) implements Response {
    }

    // ---- system services ----

    /** SystemStatus: {@code systemStatus} is e.g. normal, initializing, disabled. */
    record SystemStatus(String sysStatRegisterId, String systemStatus) implements Request {
    }

    record SystemStatusResponse() implements Response {
    }

    /** SystemRegister with requestTypes/systemStatus = true. */
    record SystemRegister() implements Request {
    }

    record SystemRegisterResponse(String sysStatRegisterId) implements Response {
    }

    // ---- monitoring and snapshot ----

    record MonitorStart(String deviceObject) implements Request {
    }

    record MonitorStartResponse(String monitorCrossRefId) implements Response {
    }

    record SnapshotDevice(String snapshotObject) implements Request {
    }

    record SnapshotDeviceResponse(List<SnapshotEntry> entries) implements Response {
        public SnapshotDeviceResponse {
            entries = List.copyOf(entries);
        }
    }

    // ---- call control services ----

    record MakeCall(String callingDevice, String calledDirectoryNumber) implements Request {
    }

    /** MakeCallResponse: {@code callingDevice} is the new connection (callID + deviceID). */
    record MakeCallResponse(ConnectionId callingDevice) implements Response {
    }

    /** Negative response ({@code CSTAErrorCode}): the error category element and its value. */
    record CstaErrorCode(String category, String value) implements Response {
    }
}
