package org.ccs.server.telephony;

import java.time.Instant;
import java.util.function.Function;
import org.ccs.csta.CompletedCall;
import org.ccs.csta.Leg;
import org.ccs.server.contact.CallerPresentation;
import org.ccs.server.contact.Channel;
import org.ccs.server.contact.ContactRecord;
import org.ccs.server.contact.Direction;
import org.ccs.server.contact.LegType;
import org.ccs.server.contact.Outcome;

/** Turns a call the CSTA link completed into the contact record to store. */
final class CallRecords {

    private CallRecords() {
    }

    /**
     * @param agentIdForExtension resolves an agent extension to the agent's id (null when unknown)
     */
    static ContactRecord toRecord(CompletedCall call, Function<String, Long> agentIdForExtension, Instant now) {
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
                .correlatorData(call.correlatorData())
                .createdAt(now);
        for (Leg leg : call.legs()) {
            String device = leg.device() == null ? "unknown" : leg.device();
            Long agentId = leg.legType() == org.ccs.csta.LegType.QUEUE ? null : agentIdForExtension.apply(device);
            b.leg(LegType.valueOf(leg.legType().name()), device, agentId, leg.startedAt(), leg.endedAt());
        }
        return b.build();
    }
}
