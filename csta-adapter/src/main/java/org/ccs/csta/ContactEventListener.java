package org.ccs.csta;

/**
 * Where the adapter hands what it saw to the server. Called on the link's event thread, one call at
 * a time per link, in event order: implementations should hand off quickly (e.g. to a managed executor
 * or a queue) rather than block. {@link CompletedCall#sourceRef()} makes delivery idempotent.
 */
public interface ContactEventListener {

    /** A customer call that touched a designated device has ended. */
    void onCompletedCall(CompletedCall call);

    /** An ACD agent changed state. */
    default void onAgentStateChange(AgentStateChange change) {
    }
}
