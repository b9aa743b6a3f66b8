package org.ccs.csta;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One finished customer call: an inbound call that touched a designated contact-center device, or an
 * outbound click-to-dial call from an agent to a public number. What the server turns into a contact
 * record. Immutable.
 *
 * @param sourceRef          stable idempotency key: {@code csta:<first callID>:<epoch millis of first event>}
 * @param callerRaw          the customer's number as the PBX reported it (may be decorated), null unless
 *                           presented: the calling device of an inbound call, the called device of an outbound one
 * @param callerNormalized   E.164 form of the customer's number, or null
 * @param presentation       whether the customer's number was available, not known or restricted
 * @param designatedDevice   the designated device (ACD group, routing point, pilot) an inbound call reached;
 *                           null for outbound calls
 * @param answeredAt         when an agent (inbound) or the customer (outbound) answered, or null
 * @param queueSeconds       time at designated devices before an agent answered
 * @param ringSeconds        time ringing at agents (outbound: until the customer answered)
 * @param talkSeconds        talk time, hold excluded
 * @param holdSeconds        time on hold
 * @param outcome            how it ended; for outbound calls ABANDONED_RINGING means the customer did not answer
 * @param answeringExtension the first agent extension that answered (outbound: the calling agent), or null
 * @param correlatorData     correlatorData of the call (hex, whitespace removed), or null
 * @param direction          inbound or outbound
 * @param agentExtensions    every agent extension that talked with the customer, in order of first talk
 * @param transferTargets    devices the call was transferred to, in order
 * @param conferenceTargets  devices added to the call by conference, in order
 * @param userData           the latest userData of the call (hex), or null; may hold personal data
 * @param ivrDigits          digits collected by an IVR (see {@link DigitsSource}), or null; personal data,
 *                           never logged
 * @param resync             whether the record rests on a resynchronisation after a link loss
 */
public record CompletedCall(
        String sourceRef,
        String callerRaw,
        String callerNormalized,
        Presentation presentation,
        String designatedDevice,
        Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        int queueSeconds,
        int ringSeconds,
        int talkSeconds,
        int holdSeconds,
        Outcome outcome,
        String answeringExtension,
        List<Leg> legs,
        String correlatorData,
        Direction direction,
        List<String> agentExtensions,
        List<String> transferTargets,
        List<String> conferenceTargets,
        String userData,
        String ivrDigits,
        Resync resync) {

    public CompletedCall {
        Objects.requireNonNull(sourceRef, "sourceRef is required");
        Objects.requireNonNull(presentation, "presentation is required");
        Objects.requireNonNull(direction, "direction is required");
        if (direction == Direction.INBOUND) {
            Objects.requireNonNull(designatedDevice, "designatedDevice is required for an inbound call");
        }
        Objects.requireNonNull(startedAt, "startedAt is required");
        Objects.requireNonNull(endedAt, "endedAt is required");
        Objects.requireNonNull(outcome, "outcome is required");
        Objects.requireNonNull(resync, "resync is required");
        legs = List.copyOf(legs);
        agentExtensions = List.copyOf(agentExtensions);
        transferTargets = List.copyOf(transferTargets);
        conferenceTargets = List.copyOf(conferenceTargets);
    }

    /** True when the call ended while the link was down and was closed by the resynchronisation. */
    public boolean closedByResync() {
        return resync == Resync.CLOSED_BY_RESYNC;
    }

    /** A log-safe summary: no caller digits, no user data, no IVR digits. */
    @Override
    public String toString() {
        return "CompletedCall[" + sourceRef + ", " + direction + ", caller "
                + (callerNormalized != null ? Masking.number(callerNormalized) : presentation) + ", designated "
                + designatedDevice + ", " + outcome + ", agents " + agentExtensions + ", queue " + queueSeconds
                + "s, ring " + ringSeconds + "s, talk " + talkSeconds + "s, hold " + holdSeconds + "s, "
                + legs.size() + " legs" + (transferTargets.isEmpty() ? "" : ", transferred")
                + (conferenceTargets.isEmpty() ? "" : ", conferenced") + (ivrDigits == null ? "" : ", IVR digits")
                + (resync == Resync.NONE ? "" : ", " + resync) + "]";
    }
}
