package org.ccs.csta.codec;

import java.util.Objects;

import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaMessage;

/** One decoded (or to be encoded) CSTA message with the invoke id of its frame header. */
public record CstaPdu(int invokeId, CstaMessage message) {

    /** Invoke id that marks unsolicited events. */
    public static final int EVENT_INVOKE_ID = 9999;

    public CstaPdu {
        if (invokeId < 0 || invokeId > 9999) {
            throw new IllegalArgumentException("invoke id must be 0000-9999: " + invokeId);
        }
        Objects.requireNonNull(message, "message is required");
    }

    public static CstaPdu event(CstaEvent event) {
        return new CstaPdu(EVENT_INVOKE_ID, event);
    }

    public String invokeIdText() {
        return CstaFraming.invokeIdText(invokeId);
    }
}
