package org.ccs.server.media;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.ccs.server.common.Settings;
import org.ccs.server.contact.Channel;
import org.ccs.server.contact.TranscriptMessage;
import org.ccs.server.contact.TranscriptMessage.SenderType;

/**
 * Web chat and open media, the logic behind the public interfaces (contact-web) and the agent's side:
 * a chat starts at an entry point whose access key the caller presents, the customer gets a chat token
 * (only its hash is stored), messages are stored one by one as they come and pushed to whoever follows
 * the chat, and the end writes the contact record with its transcript. Open-media connectors post a
 * sender's messages; a sender's open conversation collects them. Requests are rate-limited (chat
 * starts per client, messages per chat, posts per connector) and messages bounded in size. Plain Java:
 * transactions, routing and push are given to it.
 */
public final class TextChannels {

    /** What the site's widget sends to start a chat: the entry point and its key, optionally who and a first message. */
    public record ChatStart(String entryPoint, String key, String name, String email, String message) {
    }

    /** A started chat: its id, the customer's token for every further request, and the limits. */
    public record ChatSession(String chatId, String token, int maxMessageChars) {
    }

    /** What a connector posts: its channel (SMS, ...), the sender's id there, optionally a name, and the text. */
    public record OpenMessage(String channel, String senderId, String senderName, String text) {
    }

    /** A posted message: the conversation it went to and its number there. */
    public record OpenAccepted(String conversationId, int seq, boolean newConversation) {
    }

    /** Limits of the public interfaces. */
    public record Limits(int maxMessageChars, int chatStartsPerMinute, int messagesPerSecond, int connectorPostsPerSecond) {
        public Limits {
            if (maxMessageChars < 1 || maxMessageChars > TranscriptMessage.MAX_TEXT) {
                throw new IllegalArgumentException("a message may have 1 to " + TranscriptMessage.MAX_TEXT + " characters");
            }
        }

        /** ccs.chat.message.max.chars (2000), ccs.chat.starts.per.minute (10 per client address),
         *  ccs.chat.messages.per.second (2 per chat, burst 10), ccs.open.posts.per.second (50 per connector). */
        public static Limits fromSettings() {
            return new Limits(Settings.getInt("ccs.chat.message.max.chars", 2000),
                    Settings.getInt("ccs.chat.starts.per.minute", 10),
                    Settings.getInt("ccs.chat.messages.per.second", 2),
                    Settings.getInt("ccs.open.posts.per.second", 50));
        }
    }

    private static final String BAD_KEY = "unknown entry point or wrong key";
    private static final int MAX_READ = 500;

    private final StoreTx tx;
    private final WorkQueue queue;
    private final ConversationHub hub;
    private final AccessKeys keys;
    private final Limits limits;
    private final RateLimiter starts;
    private final RateLimiter messages;
    private final RateLimiter posts;

    public TextChannels(StoreTx tx, WorkQueue queue, ConversationHub hub, AccessKeys keys, Clock clock, Limits limits) {
        this.tx = Objects.requireNonNull(tx, "transactions are required");
        this.queue = Objects.requireNonNull(queue, "work queue is required");
        this.hub = Objects.requireNonNull(hub, "hub is required");
        this.keys = Objects.requireNonNull(keys, "keys are required");
        this.limits = Objects.requireNonNull(limits, "limits are required");
        this.starts = new RateLimiter(clock, Math.max(1, limits.chatStartsPerMinute()),
                Duration.ofMinutes(1).dividedBy(Math.max(1, limits.chatStartsPerMinute())));
        this.messages = new RateLimiter(clock, 10, Duration.ofSeconds(1).dividedBy(Math.max(1, limits.messagesPerSecond())));
        this.posts = new RateLimiter(clock, Math.max(1, limits.connectorPostsPerSecond()) * 2,
                Duration.ofSeconds(1).dividedBy(Math.max(1, limits.connectorPostsPerSecond())));
    }

    public Limits limits() {
        return limits;
    }

    public ConversationHub hub() {
        return hub;
    }

    // ---------------------------------------------------------------- web chat, the customer's side

    /**
     * Starts a chat. {@code origin} is the browser's Origin header (null from other clients), {@code client}
     * the client's address for the rate limit.
     */
    public ChatSession startChat(ChatStart start, String origin, String client) {
        if (start == null || start.entryPoint() == null || start.key() == null) {
            throw new MediaException(MediaException.Reason.UNAUTHORIZED, BAD_KEY);
        }
        if (!starts.tryAcquire("start:" + client)) {
            throw new MediaException(MediaException.Reason.RATE_LIMITED, "too many chats started from this address; try again later");
        }
        String first = start.message() == null || start.message().isBlank() ? null : bounded(start.message());
        String email = start.email() == null || start.email().isBlank() ? null : start.email().strip();
        if (email != null && (email.length() > 128 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw new MediaException(MediaException.Reason.INVALID, "the e-mail address is not valid");
        }
        String token = AccessKeys.newToken();
        Conversation c = tx.call(store -> {
            ChatEntryPoint entry = store.em().createNamedQuery(ChatEntryPoint.BY_KEY, ChatEntryPoint.class)
                    .setParameter("entryKey", start.entryPoint()).getResultStream().findFirst().orElse(null);
            if (entry == null || !keys.verify("chat:" + entry.id(), entry.keyHash(), start.key())) {
                throw new MediaException(MediaException.Reason.UNAUTHORIZED, BAD_KEY);
            }
            if (origin != null && entry.allowedOrigin() != null && !entry.allowedOrigin().equalsIgnoreCase(origin)) {
                throw new MediaException(MediaException.Reason.FORBIDDEN, "chats from this web site are not accepted here");
            }
            Conversation.Party party = new Conversation.Party(email, email == null ? null : email.toLowerCase(Locale.ROOT),
                    start.name());
            Conversation started = store.start(Channel.CHAT, entry.id(), null, entry.groupId(), party,
                    AccessKeys.sha256Hex(token));
            if (first != null) {
                store.append(started, SenderType.CUSTOMER, null, first);
            }
            return started;
        });
        queue.waiting(c.ref(), Channel.CHAT, c.groupId(), c.queuedAt());
        return new ChatSession(c.ref(), token, limits.maxMessageChars());
    }

    /** The customer writes; the message is stored and pushed to the followers. */
    public MessageView customerSays(String chatId, String token, String text) {
        String body = bounded(text);
        if (!messages.tryAcquire("chat:" + chatId)) {
            throw new MediaException(MediaException.Reason.RATE_LIMITED, "too many messages; slow down");
        }
        MessageView m = tx.call(store -> {
            Conversation c = customersChat(store, chatId, token);
            requireOpen(c);
            return store.append(c, SenderType.CUSTOMER, null, body);
        });
        hub.message(chatId, m);
        return m;
    }

    /** The chat's messages after {@code afterSeq} (also after it ended: then from the stored transcript). */
    public List<MessageView> chatMessages(String chatId, String token, int afterSeq) {
        return tx.call(store -> store.messagesAfter(customersChat(store, chatId, token), Math.max(0, afterSeq), MAX_READ));
    }

    /** Checks the token and follows the chat live (the WebSocket). */
    public AutoCloseable followChat(String chatId, String token, ConversationListener listener) {
        tx.call(store -> customersChat(store, chatId, token));
        return hub.follow(chatId, listener);
    }

    /** The customer leaves: the chat ends and is recorded with its transcript. */
    public void customerEnds(String chatId, String token) {
        boolean ended = tx.call(store -> {
            Conversation c = customersChat(store, chatId, token);
            if (!c.isOpen()) {
                return false;
            }
            store.end(c, entryKeyOf(store, c));
            return true;
        });
        if (ended) {
            queue.gone(chatId);
            hub.ended(chatId);
        }
    }

    private Conversation customersChat(ConversationStore store, String chatId, String token) {
        Conversation c = store.byRef(chatId).filter(x -> x.channel() == Channel.CHAT).orElse(null);
        if (c == null || !AccessKeys.tokenMatches(token, c.accessHash())) {
            // the same answer for an unknown chat and a wrong token
            throw new MediaException(MediaException.Reason.NOT_FOUND, "no such chat");
        }
        return c;
    }

    // ---------------------------------------------------------------- open media, the connectors' side

    public OpenAccepted post(String connector, String key, OpenMessage message) {
        if (message == null || message.senderId() == null || message.senderId().isBlank()) {
            throw new MediaException(MediaException.Reason.INVALID, "a message needs the sender's id");
        }
        if (message.channel() == null || !message.channel().matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new MediaException(MediaException.Reason.INVALID, "channel: 1-32 letters, digits, '.', '-' or '_'");
        }
        String body = bounded(message.text());
        if (!posts.tryAcquire("open:" + connector)) {
            throw new MediaException(MediaException.Reason.RATE_LIMITED, "too many posts; slow down");
        }
        String senderId = message.senderId().strip();
        if (senderId.length() > 128) {
            throw new MediaException(MediaException.Reason.INVALID, "the sender's id is longer than 128 characters");
        }
        String channel = message.channel().toUpperCase(Locale.ROOT);
        String norm = normalizeSender(senderId);
        boolean[] fresh = new boolean[1];
        Conversation[] conv = new Conversation[1];
        MessageView m = tx.call(store -> {
            OpenMediaConnector oc = connector(store, connector, key);
            Conversation c = store.openOfParty(Channel.OPEN_MEDIA, oc.id(), norm)
                    .filter(x -> channel.equals(x.subChannel())).orElse(null);
            if (c == null) {
                c = store.start(Channel.OPEN_MEDIA, oc.id(), channel, oc.groupId(),
                        new Conversation.Party(senderId, norm, message.senderName()), null);
                fresh[0] = true;
            }
            conv[0] = c;
            return store.append(c, SenderType.CUSTOMER, senderId, body);
        });
        if (fresh[0]) {
            queue.waiting(conv[0].ref(), Channel.OPEN_MEDIA, conv[0].groupId(), conv[0].queuedAt());
        }
        hub.message(conv[0].ref(), m);
        return new OpenAccepted(conv[0].ref(), m.seq(), fresh[0]);
    }

    /** A conversation's messages after {@code afterSeq}, the agent's replies among them, for the connector to deliver. */
    public List<MessageView> openMessages(String connector, String key, String conversationId, int afterSeq) {
        return tx.call(store -> store.messagesAfter(connectorsConversation(store, connector, key, conversationId),
                Math.max(0, afterSeq), MAX_READ));
    }

    /** The connector ends a conversation (the sender left, the session expired). */
    public void openEnds(String connector, String key, String conversationId) {
        boolean ended = tx.call(store -> {
            Conversation c = connectorsConversation(store, connector, key, conversationId);
            if (!c.isOpen()) {
                return false;
            }
            store.end(c, c.subChannel());
            return true;
        });
        if (ended) {
            queue.gone(conversationId);
            hub.ended(conversationId);
        }
    }

    private OpenMediaConnector connector(ConversationStore store, String name, String key) {
        OpenMediaConnector oc = name == null ? null : store.em().createNamedQuery(OpenMediaConnector.BY_NAME,
                OpenMediaConnector.class).setParameter("name", name).getResultStream().findFirst().orElse(null);
        if (oc == null || !keys.verify("open:" + oc.id(), oc.keyHash(), key)) {
            throw new MediaException(MediaException.Reason.UNAUTHORIZED, "unknown connector or wrong key");
        }
        return oc;
    }

    private Conversation connectorsConversation(ConversationStore store, String connector, String key, String ref) {
        OpenMediaConnector oc = connector(store, connector, key);
        return store.byRef(ref).filter(c -> c.channel() == Channel.OPEN_MEDIA && c.sourceId() == oc.id())
                .orElseThrow(() -> new MediaException(MediaException.Reason.NOT_FOUND, "no such conversation"));
    }

    /**
     * Phone-like ids in E.164 (national numbers with the site's country, ccs.csta.region, as for the
     * callers of voice calls, so that one person's SMS and calls carry the same number), + and digits when
     * they are no public number; anything else lower case.
     */
    static String normalizeSender(String id) {
        return normalizeSender(id, Settings.get("ccs.csta.region", "GB"));
    }

    static String normalizeSender(String id, String region) {
        String s = id.strip();
        if (s.matches("\\+?[0-9 ().-]{5,}")) {
            String e164 = org.ccs.csta.PhoneNumbers.normalize(s, region);
            if (e164 != null) {
                return e164;
            }
            String digits = s.replaceAll("[^0-9]", "");
            return (s.startsWith("+") ? "+" : "") + digits;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.length() <= 64 ? lower : lower.substring(0, 64);
    }

    // ---------------------------------------------------------------- the agent's side

    /** The agent who has accepted the chat or open-media conversation writes to the customer. */
    public MessageView agentSays(String ref, long agentId, String agentLogin, String text) {
        String body = bounded(text);
        MessageView m = tx.call(store -> {
            Conversation c = agentsConversation(store, ref, agentId);
            if (c.channel() == Channel.EMAIL) {
                throw new MediaException(MediaException.Reason.CONFLICT, "an e-mail is answered with a reply, not a message");
            }
            requireOpen(c);
            return store.append(c, SenderType.AGENT, agentLogin, body);
        });
        hub.message(ref, m);
        return m;
    }

    /** The agent's view of the messages. */
    public List<MessageView> agentReads(String ref, long agentId, int afterSeq) {
        return tx.call(store -> store.messagesAfter(agentsConversation(store, ref, agentId), Math.max(0, afterSeq), MAX_READ));
    }

    /** The agent ends a chat or open-media conversation (it is recorded with its transcript). */
    public void agentEnds(String ref, long agentId) {
        boolean ended = tx.call(store -> {
            Conversation c = agentsConversation(store, ref, agentId);
            if (!c.isOpen()) {
                return false;
            }
            if (c.channel() == Channel.EMAIL) {
                store.closeThread(c);
            } else {
                store.end(c, c.channel() == Channel.CHAT ? entryKeyOf(store, c) : c.subChannel());
            }
            return true;
        });
        if (ended) {
            hub.ended(ref);
        }
    }

    private static Conversation agentsConversation(ConversationStore store, String ref, long agentId) {
        Conversation c = store.byRef(ref).orElse(null);
        if (c == null || c.agentId() == null || c.agentId() != agentId || c.state() == Conversation.State.OFFERED) {
            throw new MediaException(MediaException.Reason.NOT_FOUND, "no such contact among yours");
        }
        return c;
    }

    private static String entryKeyOf(ConversationStore store, Conversation c) {
        return Optional.ofNullable(store.em().find(ChatEntryPoint.class, c.sourceId())).map(ChatEntryPoint::entryKey)
                .orElse(null);
    }

    private static void requireOpen(Conversation c) {
        if (!c.isOpen()) {
            throw new MediaException(MediaException.Reason.CONFLICT, "the conversation has ended");
        }
    }

    private String bounded(String text) {
        if (text == null || text.isBlank()) {
            throw new MediaException(MediaException.Reason.INVALID, "the message is empty");
        }
        if (text.length() > limits.maxMessageChars()) {
            throw new MediaException(MediaException.Reason.TOO_LARGE,
                    "a message has at most " + limits.maxMessageChars() + " characters");
        }
        return text;
    }
}
