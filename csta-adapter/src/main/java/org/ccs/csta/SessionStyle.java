package org.ccs.csta;

/** How a CSTA session starts once TCP is up. */
public enum SessionStyle {
    /**
     * OpenScape Voice style: the PBX speaks first with SystemStatus, which is answered; then
     * SystemRegister and one MonitorStart per device.
     */
    PBX_FIRST,
    /**
     * ECMA-354 application session (Avaya AES; OpenScape Voice accepts it too): CCS speaks first with
     * StartApplicationSession, keeps the session alive with ResetApplicationSessionTimer at half the duration
     * the PBX granted, monitors, and ends it with StopApplicationSession.
     */
    APPLICATION_SESSION
}
