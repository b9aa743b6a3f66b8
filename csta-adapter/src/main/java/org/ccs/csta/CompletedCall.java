package org.ccs.csta;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One finished customer call that touched a designated contact-center device: what the server turns
 * into a contact record. Immutable.
 *
 * @param sourceRef          stable idempotency key: {@code csta:<first callID>:<epoch millis of first event>}
 * @param callerRaw          the calling device as the PBX reported it (may be decorated), null unless presented
 * @param callerNormalized   E.164 form of the caller, or null
 * @param presentation       whether the caller's number was available, not known or restricted
 * @param designatedDevice   the designated device (ACD group, routing point, pilot) the call reached
 * @param answeredAt         when an agent answered, or null
 * @param queueSeconds       time at designated devices before an agent answered
 * @param ringSeconds        time ringing at agents
 * @param talkSeconds        talk time, hold excluded
 * @param holdSeconds        time on hold
 * @param answeringExtension the first agent extension that answered, or null
 * @param correlatorData     correlatorData of the call (hex, whitespace removed), or null
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
        String correlatorData) {

    public CompletedCall {
        Objects.requireNonNull(sourceRef, "sourceRef is required");
        Objects.requireNonNull(presentation, "presentation is required");
        Objects.requireNonNull(designatedDevice, "designatedDevice is required");
        Objects.requireNonNull(startedAt, "startedAt is required");
        Objects.requireNonNull(endedAt, "endedAt is required");
        Objects.requireNonNull(outcome, "outcome is required");
        legs = List.copyOf(legs);
    }

    /** A log-safe summary: no caller digits. */
    @Override
    public String toString() {
        return "CompletedCall[" + sourceRef + ", caller " + (callerNormalized != null ? Masking.number(callerNormalized)
                : presentation) + ", designated " + designatedDevice + ", " + outcome + ", agent " + answeringExtension
                + ", queue " + queueSeconds + "s, ring " + ringSeconds + "s, talk " + talkSeconds + "s, hold "
                + holdSeconds + "s, " + legs.size() + " legs]";
    }
}
