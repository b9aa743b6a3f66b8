package org.ccs.csta.message;

/** One connection in a SnapshotDevice response: the call at the device and its local call state. */
public record SnapshotEntry(ConnectionId connection, String localCallState) {
}
