package org.ccs.server.media;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/** The live followers of each open conversation, in memory (one server node). */
public final class ConversationHub {

    private final Map<String, Set<ConversationListener>> listeners = new ConcurrentHashMap<>();

    /** Follows the conversation until the returned handle is closed. */
    public AutoCloseable follow(String ref, ConversationListener l) {
        listeners.computeIfAbsent(ref, r -> new CopyOnWriteArraySet<>()).add(l);
        return () -> unfollow(ref, l);
    }

    private void unfollow(String ref, ConversationListener l) {
        listeners.computeIfPresent(ref, (r, set) -> {
            set.remove(l);
            return set.isEmpty() ? null : set;
        });
    }

    public void message(String ref, MessageView m) {
        for (ConversationListener l : listeners.getOrDefault(ref, Set.of())) {
            try {
                l.message(m);
            } catch (RuntimeException e) {
                unfollow(ref, l);
            }
        }
    }

    public void ended(String ref) {
        Set<ConversationListener> gone = listeners.remove(ref);
        if (gone != null) {
            for (ConversationListener l : gone) {
                try {
                    l.ended();
                } catch (RuntimeException e) {
                    // the follower is gone already
                }
            }
        }
    }

    public int following(String ref) {
        return listeners.getOrDefault(ref, Set.of()).size();
    }
}
