package org.ccs.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ccs.server.media.MediaFixture;
import org.ccs.server.media.TextChannels;
import org.ccs.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The chat's WebSocket endpoint outside the container: deployed as in WildFly (Undertow's Jakarta
 * WebSocket implementation) over the text channels of a test database, a real WebSocket client
 * (java.net.http) chats with an agent and the transcript is stored message by message.
 */
class ChatSocketTest {

    private static TestDatabase db;
    private static MediaFixture fx;
    private static Undertow server;
    private static XnioWorker worker;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("ccs_chatws");
        fx = new MediaFixture(db, Clock.systemUTC(), new TextChannels.Limits(200, 1000, 1000, 1000));
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        worker = Xnio.getInstance().createWorker(OptionMap.builder().set(Options.WORKER_IO_THREADS, 2).getMap());
        WebSocketDeploymentInfo ws = new WebSocketDeploymentInfo()
                .setWorker(worker)
                .setBuffers(new DefaultByteBufferPool(true, 8192))
                .addEndpoint(ChatSocketConfig.endpoint(ChatSocketConfig.PATH, () -> fx.channels));
        DeploymentInfo deployment = Servlets.deployment().setClassLoader(ChatSocketTest.class.getClassLoader())
                .setContextPath("/contact").setDeploymentName("contact-web.war")
                .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, ws);
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        server = Undertow.builder().addHttpListener(port, "127.0.0.1")
                .setHandler(io.undertow.Handlers.path().addPrefixPath("/contact", manager.start())).build();
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (worker != null) {
            worker.shutdownNow();
        }
        db.close();
    }

    /** A WebSocket client that queues what it receives. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client connect() throws Exception {
            Client c = new Client();
            c.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/contact/chat"), c).get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.add(statusCode);
            return null;
        }

        void send(String json) throws Exception {
            socket.sendText(json, true).get(10, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException {
            String f = frames.poll(10, TimeUnit.SECONDS);
            assertNotNull(f, "a frame within 10 s");
            return f;
        }

        String nextOfType(String type) throws InterruptedException {
            while (true) {
                String f = next();
                if (f.contains("\"type\":\"" + type + "\"")) {
                    return f;
                }
            }
        }
    }

    @Test
    void aCustomerChatsWithAnAgentOverTheWebSocketAndTheTranscriptIsStored() throws Exception {
        fx.agentAvailable();
        TextChannels.ChatSession chat = fx.channels.startChat(new TextChannels.ChatStart(MediaFixture.ENTRY_POINT, fx.chatKey,
                "Jane", "jane.doe@example.com", "Hello, can you help me with order 1005?"), null, "192.0.2.30");
        Client customer = Client.connect();
        customer.send("{\"type\":\"join\",\"chatId\":\"" + chat.chatId() + "\",\"token\":\"" + chat.token() + "\",\"after\":0}");
        assertTrue(customer.next().contains("\"type\":\"joined\""));
        assertTrue(customer.next().contains("Hello, can you help me with order 1005?"), "the messages so far are sent on join");

        fx.accept(chat.chatId());
        fx.channels.agentSays(chat.chatId(), fx.agentId, "sam", "Of course, one moment please.");
        String pushed = customer.nextOfType("message");
        assertTrue(pushed.contains("\"from\":\"AGENT\"") && pushed.contains("Of course, one moment please."), pushed);

        customer.send("{\"type\":\"message\",\"text\":\"Thanks, I'll wait.\"}");
        String echoed = customer.nextOfType("message");
        assertTrue(echoed.contains("\"seq\":3") && echoed.contains("\"from\":\"CUSTOMER\""), echoed);

        customer.send("{\"type\":\"message\",\"text\":\"" + "x".repeat(201) + "\"}");
        assertTrue(customer.nextOfType("error").contains("at most 200 characters"));
        customer.send("not json");
        assertTrue(customer.nextOfType("error").contains("not a JSON frame"));

        customer.send("{\"type\":\"end\"}");
        assertTrue(customer.nextOfType("ended").contains("ended"));
        assertEquals(1000, customer.closed.poll(10, TimeUnit.SECONDS), "closed normally");

        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("select t.seq, t.sender_type, t.message_text "
                + "from transcript_message t join contact_record r on r.id = t.contact_id where r.conversation_ref = ? "
                + "and r.channel = 'CHAT' order by t.seq")) {
            ps.setString(1, chat.chatId());
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            assertEquals(List.of("1 CUSTOMER Hello, can you help me with order 1005?", "2 AGENT Of course, one moment please.",
                    "3 CUSTOMER Thanks, I'll wait."), lines);
        }
        fx.router.close(fx.agentId, chat.chatId());
        fx.router.agentUnavailable(fx.agentId);
    }

    @Test
    void aWrongTokenClosesTheSocketAndOversizedFramesAreRefused() throws Exception {
        TextChannels.ChatSession chat = fx.channels.startChat(new TextChannels.ChatStart(MediaFixture.ENTRY_POINT, fx.chatKey,
                null, null, null), null, "192.0.2.31");
        Client intruder = Client.connect();
        intruder.send("{\"type\":\"join\",\"chatId\":\"" + chat.chatId() + "\",\"token\":\"guessed\"}");
        assertEquals(1008, intruder.closed.poll(10, TimeUnit.SECONDS), "policy violation");

        Client early = Client.connect();
        early.send("{\"type\":\"message\",\"text\":\"hi\"}");
        assertTrue(early.nextOfType("error").contains("join a chat first"));

        Client big = Client.connect();
        big.send("{\"type\":\"message\",\"text\":\"" + "y".repeat(ChatSocket.MAX_FRAME + 10) + "\"}");
        assertEquals(1009, big.closed.poll(10, TimeUnit.SECONDS), "too big");
        fx.channels.customerEnds(chat.chatId(), chat.token());
    }
}
