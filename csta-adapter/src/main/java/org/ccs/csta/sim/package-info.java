/** A PBX simulator speaking the PBX side of CSTA XML over TCP, playing text call scenarios. */
package org.ccs.csta.sim;
