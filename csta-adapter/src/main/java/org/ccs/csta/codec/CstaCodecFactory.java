package org.ccs.csta.codec;

import java.util.Objects;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.ccs.csta.CstaCounters;
import org.ccs.csta.message.CstaMessages;

/**
 * Codec for CSTA XML over TCP without SOAP. The decoder keeps per-session state (its partial frame, its XML
 * reader), so each session gets its own ({@link org.apache.mina.filter.codec.ProtocolCodecFilter} asks once
 * per session and keeps it in the session); the stateless encoder is shared.
 */
public class CstaCodecFactory implements ProtocolCodecFactory {

    private final CstaCounters counters;
    private final CstaEncoder encoder;

    public CstaCodecFactory(CstaCounters counters) {
        this(counters, CstaMessages.DEFAULT_NAMESPACE);
    }

    public CstaCodecFactory(CstaCounters counters, String namespace) {
        this.counters = Objects.requireNonNull(counters, "counters are required");
        this.encoder = new CstaEncoder(counters, namespace);
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return new CstaDecoder(counters);
    }
}
