package org.ccs.contact;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.ccs.server.media.ConversationListener;
import org.ccs.server.media.MediaException;
import org.ccs.server.media.MessageView;
import org.ccs.server.media.TextChannels;

/**
 * The chat's WebSocket, {@code wss://HOST:8443/contact/chat}, JSON text frames. The customer first
 * joins a chat started over REST: {@code {"type":"join","chatId":"...","token":"...","after":0}};
 * the server answers {@code {"type":"joined"}} and sends the messages after {@code after}, then every
 * new one as {@code {"type":"message","seq":1,"from":"AGENT","sentAt":"...","text":"..."}}.
 * The customer writes with {@code {"type":"message","text":"..."}} and leaves with {@code {"type":"end"}};
 * {@code {"type":"ended"}} says the chat is over. Errors: {@code {"type":"error","message":"..."}}; a
 * wrong chat or token closes the socket (1008).
 */
public class ChatSocket extends Endpoint {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class.getName());
    /** Larger frames are refused by the container (the message limit itself is smaller). */
    static final int MAX_FRAME = 32 * 1024;
    private static final Jsonb JSON = JsonbBuilder.create();

    private final Supplier<TextChannels> channels;
    private volatile String chatId;
    private volatile String token;
    private volatile AutoCloseable following;

    /** A frame from or to the client. Fields not used by a type are null. */
    public static final class Frame {
        public String type;
        public String chatId;
        public String token;
        public Integer after;
        public Integer seq;
        public String from;
        public String sentAt;
        public String text;
        public String message;

        static Frame of(String type) {
            Frame f = new Frame();
            f.type = type;
            return f;
        }
    }

    public ChatSocket(Supplier<TextChannels> channels) {
        this.channels = Objects.requireNonNull(channels, "channels are required");
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_FRAME);
        session.setMaxIdleTimeout(30L * 60 * 1000);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> onText(session, text));
    }

    void onText(Session session, String text) {
        if (text.length() > MAX_FRAME) {
            close(session, new CloseReason(CloseReason.CloseCodes.TOO_BIG, "frame too large"));
            return;
        }
        Frame in;
        try {
            in = JSON.fromJson(text, Frame.class);
        } catch (JsonbException e) {
            send(session, error("not a JSON frame"));
            return;
        }
        if (in == null || in.type == null) {
            send(session, error("a frame needs a type"));
            return;
        }
        try {
            switch (in.type) {
                case "join" -> join(session, in);
                case "message" -> {
                    requireJoined();
                    channels.get().customerSays(chatId, token, in.text);
                }
                case "end" -> {
                    requireJoined();
                    channels.get().customerEnds(chatId, token);
                }
                default -> send(session, error("unknown frame type"));
            }
        } catch (MediaException e) {
            if (e.reason() == MediaException.Reason.NOT_FOUND || e.reason() == MediaException.Reason.UNAUTHORIZED) {
                close(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "no such chat"));
            } else {
                send(session, error(e.getMessage()));
            }
        } catch (RuntimeException e) {
            if (e.getCause() instanceof MediaException m) {
                send(session, error(m.getMessage()));
            } else {
                LOG.warning("chat frame failed: " + e.getClass().getSimpleName());
                send(session, error("internal error"));
            }
        }
    }

    private void join(Session session, Frame in) {
        if (chatId != null) {
            send(session, error("already joined"));
            return;
        }
        TextChannels text = channels.get();
        List<MessageView> earlier = text.chatMessages(in.chatId, in.token, in.after == null ? 0 : in.after);
        following = text.followChat(in.chatId, in.token, new ConversationListener() {
            @Override
            public void message(MessageView m) {
                send(session, frameOf(m));
            }

            @Override
            public void ended() {
                send(session, Frame.of("ended"));
                close(session, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "chat ended"));
            }
        });
        chatId = in.chatId;
        token = in.token;
        send(session, Frame.of("joined"));
        earlier.forEach(m -> send(session, frameOf(m)));
    }

    private void requireJoined() {
        if (chatId == null) {
            throw new MediaException(MediaException.Reason.INVALID, "join a chat first");
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        AutoCloseable f = following;
        following = null;
        if (f != null) {
            try {
                f.close();
            } catch (Exception e) {
                // nothing to release
            }
        }
    }

    private static Frame frameOf(MessageView m) {
        Frame f = Frame.of("message");
        f.seq = m.seq();
        f.from = m.from();
        f.sentAt = m.sentAt().toString();
        f.text = m.text();
        return f;
    }

    private static Frame error(String message) {
        Frame f = Frame.of("error");
        f.message = message;
        return f;
    }

    private static void send(Session session, Frame f) {
        if (!session.isOpen()) {
            return;
        }
        String json = JSON.toJson(f);
        synchronized (session) {
            try {
                session.getBasicRemote().sendText(json);
            } catch (IOException | IllegalStateException e) {
                // the client went away; onClose cleans up
            }
        }
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            // already closed
        }
    }
}
