package org.ccs.csta;

/** How a customer call that reached the contact center ended. */
public enum Outcome {
    /** An agent answered and the call ended there. */
    ANSWERED,
    /** The caller hung up while queued (before any agent's phone rang). */
    ABANDONED_QUEUE,
    /** The caller hung up while an agent's phone was ringing. */
    ABANDONED_RINGING,
    /** The call was transferred onwards by an agent. */
    TRANSFERRED,
    /** The call failed (busy, invalid destination...) before it was answered. */
    FAILED
}
