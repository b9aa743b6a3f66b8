package org.ccs.csta.codec;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.ccs.csta.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs CSTA messages at DEBUG with every digit run of 4 or more masked to its last 3 digits, so
 * numbers never reach a log in full. Nothing at INFO or above. Sits after the codec: it sees
 * {@link CstaPdu}s.
 */
public class MaskingLoggingFilter extends IoFilterAdapter {

    private final Logger log;

    public MaskingLoggingFilter(String loggerName) {
        this.log = LoggerFactory.getLogger(loggerName);
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (log.isDebugEnabled()) {
            log.debug("<- {}", describe(message));
        }
        next.messageReceived(session, message);
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (log.isDebugEnabled()) {
            log.debug("-> {}", describe(request.getOriginalMessage() != null ? request.getOriginalMessage()
                    : request.getMessage()));
        }
        next.messageSent(session, request);
    }

    static String describe(Object message) {
        if (message instanceof CstaPdu pdu) {
            return pdu.invokeIdText() + " " + Masking.digits(pdu.message().toString());
        }
        return message == null ? "null" : message.getClass().getSimpleName();
    }
}
