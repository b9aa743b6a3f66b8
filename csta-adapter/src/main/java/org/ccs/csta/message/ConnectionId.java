package org.ccs.csta.message;

/** A CSTA connection: the call ({@code callID}) at one device ({@code deviceID}); either may be absent. */
public record ConnectionId(String callId, String deviceId) {

    @Override
    public String toString() {
        return "(" + callId + "," + deviceId + ")";
    }
}
