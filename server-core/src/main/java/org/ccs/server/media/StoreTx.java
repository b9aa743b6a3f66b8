package org.ccs.server.media;

import java.util.function.Function;

/** Runs work on the conversation store in a transaction of its own (the container's, or a test's). */
@FunctionalInterface
public interface StoreTx {

    <T> T call(Function<ConversationStore, T> work);
}
