package org.ccs.server.telephony;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ccs.csta.CompletedCall;
import org.ccs.csta.Leg;
import org.ccs.server.contact.CallerPresentation;
import org.ccs.server.contact.Channel;
import org.ccs.server.contact.ContactDataProtection;
import org.ccs.server.contact.ContactIngestion;
import org.ccs.server.contact.ContactRecord;
import org.ccs.server.contact.Direction;
import org.ccs.server.contact.LegType;
import org.ccs.server.contact.Outcome;
import org.ccs.server.contact.Resync;

/**
 * Turns a call the CSTA link completed into the contact record to store: the record with its legs
 * (queue, ring, talk, hold at each device, then one TRANSFER leg per transfer target and one CONFERENCE
 * leg per device added by conference, dated by that device's first leg), the resynchronisation flag,
 * and the collected data (IVR digits, the call's user data) masked and, with a site key, encrypted.
 */
final class CallRecords {

    private CallRecords() {
    }

    /** The record alone (no collected data kept). */
    static ContactRecord toRecord(CompletedCall call, Function<String, Long> agentIdForExtension, Instant now) {
        return toIntake(call, agentIdForExtension, ContactDataProtection.maskingOnly(), false, now).contact();
    }

    /**
     * @param agentIdForExtension resolves an agent extension to the agent's id (null when unknown)
     * @param protection          how collected data is kept (never in clear)
     * @param correlatorHoldsDigits true when the PBX delivers the IVR digits in correlatorData: then that
     *                            is kept only as collected data, not in clear in correlator_data
     */
    static ContactIngestion.Intake toIntake(CompletedCall call, Function<String, Long> agentIdForExtension,
                                            ContactDataProtection protection, boolean correlatorHoldsDigits,
                                            Instant now) {
        ContactRecord.Builder b = ContactRecord.builder()
                .channel(Channel.VOICE)
                .direction(Direction.valueOf(call.direction().name()))
                .sourceRef(call.sourceRef())
                .caller(call.callerRaw(), call.callerNormalized(), CallerPresentation.valueOf(call.presentation().name()))
                .designatedNumber(call.designatedDevice())
                .period(call.startedAt(), call.answeredAt(), call.endedAt())
                .durations(call.queueSeconds(), call.ringSeconds(), call.talkSeconds(), call.holdSeconds())
                .outcome(Outcome.valueOf(call.outcome().name()))
                .agentId(call.answeringExtension() == null ? null : agentIdForExtension.apply(call.answeringExtension()))
                .correlatorData(correlatorHoldsDigits ? null : call.correlatorData())
                .resync(Resync.valueOf(call.resync().name()))
                .createdAt(now);
        for (Leg leg : call.legs()) {
            String device = leg.device() == null ? "unknown" : leg.device();
            Long agentId = leg.legType() == org.ccs.csta.LegType.QUEUE ? null : agentIdForExtension.apply(device);
            b.leg(LegType.valueOf(leg.legType().name()), device, agentId, leg.startedAt(), leg.endedAt());
        }
        for (String target : call.transferTargets()) {
            addTarget(b, LegType.TRANSFER, target, call, agentIdForExtension);
        }
        for (String target : call.conferenceTargets()) {
            addTarget(b, LegType.CONFERENCE, target, call, agentIdForExtension);
        }
        ContactRecord record = b.build();
        List<Object> data = new ArrayList<>(2);
        if (call.ivrDigits() != null && !call.ivrDigits().isBlank()) {
            data.add(protection.digits(record, data.size() + 1, call.ivrDigits(), call.startedAt()));
        }
        if (call.userData() != null && !call.userData().isBlank()) {
            data.add(protection.userData(record, data.size() + 1, call.userData(), call.startedAt()));
        }
        return new ContactIngestion.Intake(record, data);
    }

    private static void addTarget(ContactRecord.Builder b, LegType type, String target, CompletedCall call,
                                  Function<String, Long> agentIdForExtension) {
        Instant start = null;
        Instant end = null;
        for (Leg l : call.legs()) {
            if (target.equals(l.device())) {
                start = start == null ? l.startedAt() : start;
                end = end == null || l.endedAt().isAfter(end) ? l.endedAt() : end;
            }
        }
        if (start == null) {
            start = call.endedAt();
            end = call.endedAt();
        }
        b.leg(type, target, agentIdForExtension.apply(target), start, end);
    }
}
