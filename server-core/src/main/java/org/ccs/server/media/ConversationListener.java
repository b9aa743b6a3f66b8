package org.ccs.server.media;

/** Who follows a conversation live (the customer's WebSocket, the agent's portal): told of messages and the end. */
public interface ConversationListener {

    void message(MessageView message);

    void ended();
}
