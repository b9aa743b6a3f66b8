package org.ccs.server.agent;

/** ACD states of an agent as the PBX reports them (ECMA-269 agent state events). */
public enum AgentState {
    LOGGED_OFF, READY, NOT_READY, WORK_AFTER_CALL, BUSY
}
