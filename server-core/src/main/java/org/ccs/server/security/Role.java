package org.ccs.server.security;

/** What a login may do. The names are the Jakarta Security groups the web modules check. */
public enum Role {
    MANAGER, SUPERVISOR, AGENT, DPO;

    /** Role names as used in {@code @RolesAllowed} and web.xml. */
    public static final String MANAGER_NAME = "MANAGER";
    public static final String SUPERVISOR_NAME = "SUPERVISOR";
    public static final String AGENT_NAME = "AGENT";
    public static final String DPO_NAME = "DPO";
}
