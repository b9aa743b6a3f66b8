package org.ccs.server.media;

import java.time.Instant;
import org.ccs.server.contact.Channel;

/** Where a text channel hands a conversation that needs an agent, and says when it is gone. */
public interface WorkQueue {

    void waiting(String ref, Channel channel, Long groupId, Instant since);

    void gone(String ref);

    /** A conversation that nobody routes. */
    WorkQueue NONE = new WorkQueue() {
        @Override public void waiting(String ref, Channel channel, Long groupId, Instant since) { }
        @Override public void gone(String ref) { }
    };
}
