package org.ccs.server.routing;

/**
 * What the {@link Router} tells the server, after the change and outside its lock: to persist the
 * state of a conversation and to let the agent's portal know. Default methods do nothing.
 */
public interface RoutingListener {

    /** The contact is offered to the agent, who has until the deadline to accept it. */
    default void offered(String ref, long agentId) {
    }

    /** An offer was not accepted in time (or withdrawn) and the contact waits in its queue again. */
    default void requeued(String ref, long agentId) {
    }

    /** The agent accepted the contact. */
    default void accepted(String ref, long agentId) {
    }

    /** The agent did not accept an offer in time and is no longer available for text media. */
    default void agentMadeUnavailable(long agentId) {
    }
}
