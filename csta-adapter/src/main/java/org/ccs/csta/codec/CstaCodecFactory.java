package org.ccs.csta.codec;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.ccs.csta.CstaCounters;
import org.ccs.csta.message.CstaMessages;

/**
 * Codec for CSTA XML over TCP without SOAP. The decoder keeps its partial frame in the session
 * ({@link org.apache.mina.filter.codec.CumulativeProtocolDecoder}), so one factory serves all sessions.
 */
public class CstaCodecFactory implements ProtocolCodecFactory {

    private final CstaDecoder decoder;
    private final CstaEncoder encoder;

    public CstaCodecFactory(CstaCounters counters) {
        this(counters, CstaMessages.DEFAULT_NAMESPACE);
    }

    public CstaCodecFactory(CstaCounters counters, String namespace) {
        this.decoder = new CstaDecoder(counters);
        this.encoder = new CstaEncoder(counters, namespace);
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return decoder;
    }
}
