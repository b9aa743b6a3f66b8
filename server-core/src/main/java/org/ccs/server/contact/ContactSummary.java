package org.ccs.server.contact;

import java.time.Instant;

/** A contact as the Manager lists it (a transfer object, never the entity). */
public record ContactSummary(long id, String channel, String direction, String callerId, String callerPresentation,
                             String designatedNumber, Instant startedAt, Instant endedAt, int talkSeconds,
                             String outcome, String agentName) {
}
