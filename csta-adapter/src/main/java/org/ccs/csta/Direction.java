package org.ccs.csta;

/** Who started a customer call. */
public enum Direction {
    /** The customer called a designated contact-center number. */
    INBOUND,
    /**
     * An agent called the customer by click-to-dial (CSTA MakeCall from the agent's extension to a public
     * number); see {@link CallTracker} for the rule.
     */
    OUTBOUND
}
