package org.ccs.server.routing;

import java.time.Instant;

/**
 * A contact offered to or handled by an agent, as the Agent Portal shows it (a transfer object):
 * the conversation id, medium, state (OFFERED until accepted, then ACCEPTED), since when, the deadline
 * of an offer, and who the customer is as the channel gave it.
 */
public record AgentWork(String id, String media, String state, Instant since, Instant offerDeadline, String customer,
                        String customerName, String subject) {
}
