package org.ccs.csta;

/** Whether a device identifier (typically the caller's number) was presented by the network. */
public enum Presentation {
    /** A number (possibly decorated) was given. */
    AVAILABLE,
    /** {@code <notKnown/>}: the PBX does not know it. */
    NOT_KNOWN,
    /** {@code <restricted/>}: the caller withheld it. */
    RESTRICTED
}
