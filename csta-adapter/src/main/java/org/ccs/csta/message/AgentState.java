package org.ccs.csta.message;

/** ACD agent states reported by the agent state events of ECMA-269 (logical device features). */
public enum AgentState {
    LOGGED_ON, LOGGED_OFF, READY, NOT_READY, WORKING_AFTER_CALL, BUSY
}
