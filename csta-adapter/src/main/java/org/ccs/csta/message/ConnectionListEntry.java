package org.ccs.csta.message;

/** One element of an ECMA-285 {@code ConnectionList} (Transferred/Conferenced events). */
public record ConnectionListEntry(ConnectionId newConnection, ConnectionId oldConnection, DeviceId endpoint) {
}
