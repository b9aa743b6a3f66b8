package org.ccs.csta.codec;

import java.util.Objects;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderException;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.ccs.csta.CstaCounters;
import org.ccs.csta.message.CstaMessages;

/**
 * Encodes {@link CstaPdu}s into ECMA-323 Annex J.2 frames, UTF-8 bodies in the configured CSTA namespace
 * (ECMA-354's for the application session services). Stateless: one instance serves every session.
 */
public class CstaEncoder extends ProtocolEncoderAdapter {

    private final CstaCounters counters;
    private final String namespace;

    public CstaEncoder(CstaCounters counters, String namespace) {
        this.counters = Objects.requireNonNull(counters, "counters are required");
        this.namespace = namespace;
    }

    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) throws Exception {
        if (!(message instanceof CstaPdu pdu)) {
            throw new ProtocolEncoderException("not a CstaPdu: " + (message == null ? null : message.getClass()));
        }
        String xml = CstaMessages.encode(pdu.message()).toXml(CstaMessages.namespaceOf(pdu.message(), namespace));
        byte[] frame;
        try {
            frame = CstaFraming.frame(pdu.invokeId(), xml);
        } catch (IllegalArgumentException e) {
            throw new ProtocolEncoderException("CSTA message too large for one frame");
        }
        out.write(IoBuffer.wrap(frame));
        counters.frameOut();
    }
}
