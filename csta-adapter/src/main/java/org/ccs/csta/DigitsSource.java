package org.ccs.csta;

/**
 * Where the PBX puts the digits a caller keyed into an IVR before reaching an agent (an account or
 * customer number). Per-PBX configuration ({@link CstaLinkConfig#digitsSource()}). The digits are personal
 * data: they go into {@link CompletedCall#ivrDigits()} and never into a log.
 */
public enum DigitsSource {
    /** The PBX does not deliver IVR digits (or CCS does not use them). */
    NONE,
    /** userData of Delivered, Established or CallInformation events (the latest one seen). */
    USER_DATA,
    /** correlatorData of Delivered, Established or CallInformation events (the latest one seen). */
    CORRELATOR_DATA,
    /** CallInformation events: accountInfo, or their userData when they carry no accountInfo. */
    CALL_INFORMATION,
    /**
     * DtmfDetected characters and DigitsDialed sequences on the call, in order, while it is at a designated
     * device (the IVR stage); digits keyed after an agent answered (e.g. card numbers) are not kept.
     */
    DTMF
}
