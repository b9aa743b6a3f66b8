package org.ccs.server.media;

import java.time.Instant;

/**
 * One message of a conversation as the customer's side and the agent see it (a transfer object):
 * its number, who wrote it (CUSTOMER, AGENT, SYSTEM, BOT), when, and the text. No logins or addresses.
 */
public record MessageView(int seq, String from, Instant sentAt, String text) {
}
