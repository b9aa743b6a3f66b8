package org.ccs.csta.codec;

import javax.net.ssl.SSLContext;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA's {@link SslFilter} for the CSTA link and the simulator. After a failed handshake, MINA 2.2's
 * {@code sessionClosed} fails while closing the TLS engine and never passes the event on, so the handler
 * would not learn that the connection is gone (and the link would not reconnect); this filter passes it on
 * in any case.
 */
public class CstaSslFilter extends SslFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CstaSslFilter.class);

    public CstaSslFilter(SSLContext context) {
        super(context);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        try {
            super.sessionClosed(next, session);
        } catch (Exception e) {
            LOG.debug("closing the TLS engine failed ({}); passing the close on", e.getClass().getSimpleName());
            next.sessionClosed(session);
        }
    }
}
