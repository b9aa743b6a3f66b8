package org.ccs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Text media on the deployed EAR: GreenMail as the contact center's mail server (IMAPS/SMTPS on the
 * ports PrepareItDatabase chose), configured through the Manager's REST; an e-mail becomes a contact
 * record, is offered to the agent, read from the mail server through CCS and answered with threading
 * headers; a web chat over REST and the WebSocket (wss) reaches the agent and its transcript is stored;
 * an open-media connector posts and reads the agent's reply; a mail server outage shows in health and
 * heals by itself. The mailbox is removed afterwards so that later tests see no mail check.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MediaIT {

    private static final String MAILBOX = "support@example.com";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*\\}");

    private static ItEnvironment env;
    private static GreenMail greenMail;
    private static GreenMailUser mailbox;
    private static Https manager;
    private static Https agent;
    private static String chatKey;
    private static String connectorKey;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ccs.ear")));
    }

    @BeforeAll
    static void configure() throws Exception {
        env = new ItEnvironment();
        startMailServer();
        long groupId;
        try (Connection c = env.admin(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("insert into agent_group (name) values ('Text media IT') returning id")) {
                rs.next();
                groupId = rs.getLong(1);
            }
            s.executeUpdate("insert into agent_group_member (group_id, agent_id, added_at) select " + groupId
                    + ", id, now() from agent where login_name = 'agent2001'");
        }
        manager = new Https();
        assertEquals(302, manager.login("/manager", "manager", env.managerPassword()).statusCode());
        HttpResponse<String> box = manager.postJson(Https.https("/manager/api/media/mailboxes"), "{\"address\":\"" + MAILBOX
                + "\",\"displayName\":\"Support\",\"imapHost\":\"127.0.0.1\",\"imapPort\":" + env.property("ccs.it.mail.imaps.port")
                + ",\"login\":\"" + MAILBOX + "\",\"credentialAlias\":\"it-support\",\"smtpHost\":\"127.0.0.1\",\"smtpPort\":"
                + env.property("ccs.it.mail.smtps.port") + ",\"groupId\":" + groupId + "}");
        assertEquals(201, box.statusCode(), box.body());
        assertFalse(box.body().contains(env.server.getProperty("ccs.mail.credential.it-support")), "no password anywhere");
        HttpResponse<String> entry = manager.postJson(Https.https("/manager/api/media/chat-entry-points"),
                "{\"entryPoint\":\"it-web\",\"name\":\"IT web shop\",\"groupId\":" + groupId + "}");
        assertEquals(201, entry.statusCode(), entry.body());
        chatKey = field(entry.body(), "key");
        HttpResponse<String> connector = manager.postJson(Https.https("/manager/api/media/open-media-connectors"),
                "{\"name\":\"it-sms\",\"groupId\":" + groupId + "}");
        assertEquals(201, connector.statusCode(), connector.body());
        connectorKey = field(connector.body(), "key");
        HttpResponse<String> skills = manager.send("PUT", Https.https("/manager/api/media/agents/agent2001"),
                "{\"EMAIL\":2,\"CHAT\":2,\"OPEN_MEDIA\":2}");
        assertEquals(200, skills.statusCode(), skills.body());

        agent = new Https();
        assertEquals(302, agent.login("/agent", "agent2001", env.agentPassword()).statusCode());
        HttpResponse<String> available = agent.send("PUT", Https.https("/agent/api/media/availability"), "{\"available\":true}");
        assertEquals(200, available.statusCode(), available.body());
        assertTrue(available.body().contains("\"available\":true"), available.body());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (env != null) {
            try (Connection c = env.admin(); Statement s = c.createStatement()) {
                s.executeUpdate("delete from mailbox where address = '" + MAILBOX + "'");
            }
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static void startMailServer() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(env.property("ccs.it.mail.smtps.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(env.property("ccs.it.mail.imaps.port"), "127.0.0.1", ServerSetup.PROTOCOL_IMAPS)});
        greenMail.start();
        mailbox = greenMail.setUser(MAILBOX, MAILBOX, env.server.getProperty("ccs.mail.credential.it-support"));
    }

    @Test
    @Order(1)
    void anEmailIsRecordedOfferedReadAndAnsweredInItsThread() throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress("Jane.Doe@example.com"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
        mail.setSubject("Order 2001 has not arrived");
        mail.setText("Where is my parcel?");
        mail.saveChanges();
        mailbox.deliver(mail);

        await("the mail is recorded", () -> count("select count(*) from contact_record r join email_reference e "
                + "on e.contact_id = r.id where e.mailbox = '" + MAILBOX + "' and r.direction = 'INBOUND' and e.message_id = '"
                + mail.getMessageID() + "' and r.caller_id_norm = 'jane.doe@example.com'") == 1);
        String id = awaitOffer("EMAIL");
        assertEquals(204, agent.send("POST", Https.https("/agent/api/media/work/" + id + "/accept"), null).statusCode());

        HttpResponse<String> mails = agent.get(Https.https("/agent/api/media/work/" + id + "/mails"));
        assertEquals(200, mails.statusCode(), mails.body());
        String mailId = field(objects(mails.body()).get(0), "id");
        HttpResponse<String> content = agent.get(Https.https("/agent/api/media/work/" + id + "/mails/" + mailId));
        assertEquals(200, content.statusCode(), content.body());
        assertTrue(content.body().contains("Where is my parcel?"), "the body is read from the mail server: " + content.body());

        HttpResponse<String> reply = agent.postJson(Https.https("/agent/api/media/work/" + id + "/reply"),
                "{\"text\":\"Your parcel arrives tomorrow.\"}");
        assertEquals(201, reply.statusCode(), reply.body());
        assertTrue(greenMail.waitForIncomingEmail(30_000, 2), "the reply went out over SMTPS");
        MimeMessage answer = null;
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (mail.getMessageID().equals(m.getHeader("In-Reply-To", null))) {
                answer = m;
            }
        }
        assertNotNull(answer, "a reply in the thread");
        assertTrue(answer.getHeader("References", " ").contains(mail.getMessageID()));
        assertEquals("Re: Order 2001 has not arrived", answer.getSubject());
        assertEquals(1, count("select count(distinct conversation_ref) from contact_record where conversation_ref = '" + id + "'"));
        assertEquals(1, count("select count(*) from contact_record r join agent a on a.id = r.agent_id where r.conversation_ref = '"
                + id + "' and r.direction = 'OUTBOUND' and r.channel = 'EMAIL' and a.login_name = 'agent2001'"));

        assertEquals(204, agent.send("POST", Https.https("/agent/api/media/work/" + id + "/close"), null).statusCode());
        assertFalse(agent.get(Https.https("/agent/api/media/work")).body().contains(id), "closed: off the agent's list");
    }

    @Test
    @Order(2)
    void aWebChatOverTheWebSocketReachesTheAgentAndItsTranscriptIsStored() throws Exception {
        Https site = new Https();
        HttpResponse<String> refused = site.send("POST", Https.https("/contact/api/chats"), "{\"entryPoint\":\"it-web\"}",
                "X-CCS-Key", "wrong");
        assertEquals(401, refused.statusCode(), refused.body());
        HttpResponse<String> started = site.send("POST", Https.https("/contact/api/chats"),
                "{\"entryPoint\":\"it-web\",\"name\":\"Jane\",\"message\":\"Hello, I need help with order 2002\"}",
                "X-CCS-Key", chatKey);
        assertEquals(201, started.statusCode(), started.body());
        String chatId = field(started.body(), "chatId");
        String token = field(started.body(), "token");

        Frames customer = new Frames();
        WebSocket ws = site.webSocket().buildAsync(URI.create("wss://" + Https.HOST + ":" + Https.HTTPS_PORT + "/contact/chat"),
                customer).get(30, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"join\",\"chatId\":\"" + chatId + "\",\"token\":\"" + token + "\"}", true).get(10, TimeUnit.SECONDS);
        assertTrue(customer.next().contains("joined"));
        assertTrue(customer.next().contains("order 2002"));

        assertEquals(chatId, awaitOffer("CHAT"));
        assertEquals(204, agent.send("POST", Https.https("/agent/api/media/work/" + chatId + "/accept"), null).statusCode());
        assertEquals(201, agent.postJson(Https.https("/agent/api/media/work/" + chatId + "/messages"),
                "{\"text\":\"Hello Jane, let me check.\"}").statusCode());
        String pushed = customer.next();
        assertTrue(pushed.contains("\"from\":\"AGENT\"") && pushed.contains("let me check"), pushed);

        ws.sendText("{\"type\":\"message\",\"text\":\"Thank you\"}", true).get(10, TimeUnit.SECONDS);
        assertTrue(customer.next().contains("Thank you"));
        assertTrue(agent.get(Https.https("/agent/api/media/work/" + chatId + "/messages?after=2")).body().contains("Thank you"));

        ws.sendText("{\"type\":\"end\"}", true).get(10, TimeUnit.SECONDS);
        assertTrue(customer.next().contains("ended"));
        await("the chat is recorded", () -> count("select count(*) from transcript_message t join contact_record r on r.id = t.contact_id "
                + "where r.conversation_ref = '" + chatId + "' and r.channel = 'CHAT' and r.outcome = 'HANDLED'") == 3);
        HttpResponse<String> afterwards = site.send("GET", Https.https("/contact/api/chats/" + chatId + "/messages"), null,
                "Authorization", "Bearer " + token);
        assertEquals(200, afterwards.statusCode());
        assertEquals(3, objects(afterwards.body()).size(), "the customer can read the transcript: " + afterwards.body());
    }

    @Test
    @Order(3)
    void anOpenMediaConnectorPostsAndDeliversTheAgentsReply() throws Exception {
        Https connector = new Https();
        HttpResponse<String> posted = connector.send("POST", Https.https("/contact/api/open-media/messages"),
                "{\"channel\":\"SMS\",\"senderId\":\"+44 20 7946 0456\",\"text\":\"Can I change my delivery address?\"}",
                "X-CCS-Connector", "it-sms", "X-CCS-Key", connectorKey);
        assertEquals(202, posted.statusCode(), posted.body());
        String id = field(posted.body(), "conversationId");
        assertEquals(id, awaitOffer("OPEN_MEDIA"));
        assertEquals(204, agent.send("POST", Https.https("/agent/api/media/work/" + id + "/accept"), null).statusCode());
        assertEquals(201, agent.postJson(Https.https("/agent/api/media/work/" + id + "/messages"),
                "{\"text\":\"Yes, reply with the new address.\"}").statusCode());
        HttpResponse<String> outbox = connector.send("GET", Https.https("/contact/api/open-media/conversations/" + id + "/messages?after=1"),
                null, "X-CCS-Connector", "it-sms", "X-CCS-Key", connectorKey);
        assertEquals(200, outbox.statusCode(), outbox.body());
        assertTrue(outbox.body().contains("\"from\":\"AGENT\"") && outbox.body().contains("new address"), outbox.body());
        assertEquals(204, agent.send("POST", Https.https("/agent/api/media/work/" + id + "/close"), null).statusCode());
        assertEquals(1, count("select count(*) from contact_record where conversation_ref = '" + id
                + "' and channel = 'OPEN_MEDIA' and caller_id_norm = '+442079460456'"));
    }

    @Test
    @Order(4)
    void thePublicInterfacesAreHttpsOnlyAndTheWidgetIsServed() throws Exception {
        HttpResponse<String> plain = new Https().get("http://" + Https.HOST + ":" + Https.HTTP_PORT + "/contact/widget/");
        assertEquals(302, plain.statusCode());
        assertTrue(plain.headers().firstValue("Location").orElse("").startsWith("https://"));
        HttpResponse<String> widget = new Https().get(Https.https("/contact/widget/"));
        assertEquals(200, widget.statusCode());
        assertTrue(widget.body().contains("Start chat"));
    }

    @Test
    @Order(5)
    void aMailServerOutageShowsInHealthAndHealsByItself() throws Exception {
        awaitHealth("\"name\":\"ccs-mail\",\"status\":\"UP\"");
        assertTrue(new Https().get(Https.https("/manager/health")).body().contains("\"connected\":1"));
        greenMail.stop();
        awaitHealth("\"name\":\"ccs-mail\",\"status\":\"DOWN\"");
        String down = new Https().get(Https.https("/manager/health")).body();
        assertFalse(down.contains("127.0.0.1") || down.contains(MAILBOX), "no address in the public health answer");
        startMailServer();
        awaitHealth("\"name\":\"ccs-mail\",\"status\":\"UP\"");
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress("after.outage@example.com"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
        mail.setSubject("After the outage");
        mail.setText("Still there?");
        mail.saveChanges();
        mailbox.deliver(mail);
        await("the mail after the outage is recorded", () -> count("select count(*) from email_reference where message_id = '"
                + mail.getMessageID() + "'") == 1);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static String awaitOffer(String media) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> work = agent.get(Https.https("/agent/api/media/work"));
            assertEquals(200, work.statusCode(), work.body());
            for (String o : objects(work.body())) {
                if (media.equals(field(o, "media")) && "OFFERED".equals(field(o, "state"))) {
                    return field(o, "id");
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + media + " offer reached the agent within " + WAIT.toSeconds() + " s");
    }

    private static void awaitHealth(String part) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = new Https().get(Https.https("/manager/health")).body();
            if (last.contains(part)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("health never showed " + part + ": " + last);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(250);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = env.admin(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The flat JSON objects of an answer (a list of transfer objects, or one). */
    static List<String> objects(String json) {
        List<String> out = new ArrayList<>();
        Matcher m = OBJECT.matcher(json);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** A string or number field of a flat JSON object. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9.]+))").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    /** A WebSocket listener that queues text frames. */
    private static final class Frames implements WebSocket.Listener {
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

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

        String next() throws InterruptedException {
            String f = frames.poll(30, TimeUnit.SECONDS);
            assertNotNull(f, "a WebSocket frame within 30 s");
            return f;
        }
    }
}
