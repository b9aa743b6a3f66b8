package org.ccs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ccs.it.MediaIT.field;
import static org.ccs.it.MediaIT.objects;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Data-subject requests on the deployed EAR: the Manager's GDPR endpoints over HTTPS call the
 * database's GDPR procedures through the GDPR datasource, which the build adds to the IT server with
 * the site's own datasource-gdpr.cli (its login a member of ccs_gdpr, made by PrepareItDatabase with a
 * random password). The subject, Dorothy Vane, reaches the contact center through the product:
 * a chat that ended, a chat still open and an SMS still open (contact-web's REST); another customer's
 * open chat names her. A manager finds, exports, counts (dry run) and erases her; afterwards no
 * table holds her identifiers or her words, the other customer's chat keeps all but the message
 * about her, every call is in the audit trail, the request log holds her identifiers only as keyed
 * hashes; an agent is refused, a subject under legal hold is refused with the matter named, and
 * without the GDPR datasource the endpoints answer 503.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GdprIT {

    private static final String REF = "DSR-IT-0601";
    private static final String HOLD_MATTER = "LH-IT-0007";

    /** Her number, +44 20 7946 0xxx: one the PBX simulator of the other ITs has not used as a caller. */
    private static String last4;
    /** The request as the DPO types it: her address, her number as she gave it, her name. */
    private static String subject;
    /** What must be gone from the database (and never be in the server's log). */
    private static List<String> needles;
    private static ItEnvironment env;
    private static Https manager;
    private static String chatKey;
    private static String connectorKey;
    private static String openChat;
    private static String openChatToken;
    private static String neighbourChat;
    private static String heldChat;
    private static long holdId;
    private static List<String> dryRunCounts;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ccs.ear")));
    }

    @BeforeAll
    static void seedThroughTheProduct() throws Exception {
        env = new ItEnvironment();
        for (int n = 311; n < 400 && last4 == null; n++) {
            String candidate = "0" + n;
            if (count("select (select count(*) from contact_record where caller_id_norm like '%79460" + n + "')"
                    + " + (select count(*) from gdpr_text_identifier where normalised_value = '+44207946" + candidate + "')") == 0) {
                last4 = candidate;
            }
        }
        subject = "{\"identifiers\":[{\"type\":\"email\",\"value\":\"Dorothy.Vane@example.com\"},"
                + "{\"type\":\"phone\",\"value\":\"020 7946 " + last4 + "\"},{\"type\":\"name\",\"value\":\"Dorothy Vane\"}],"
                + "\"requestRef\":\"" + REF + "\"";
        needles = List.of("dorothy", "vane@", "7946 " + last4, "7946" + last4, "walnut clock", "blue shutters");
        long groupId;
        // a group nobody is in: the conversations wait in the queue and are never offered
        try (Connection c = env.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("insert into agent_group (name) values ('GDPR IT') returning id")) {
            rs.next();
            groupId = rs.getLong(1);
        }
        manager = new Https();
        assertEquals(302, manager.login("/manager", "manager", env.managerPassword()).statusCode());
        HttpResponse<String> entry = manager.postJson(Https.https("/manager/api/media/chat-entry-points"),
                "{\"entryPoint\":\"gdpr-it-web\",\"name\":\"GDPR IT shop\",\"groupId\":" + groupId + "}");
        assertEquals(201, entry.statusCode(), entry.body());
        chatKey = field(entry.body(), "key");
        HttpResponse<String> connector = manager.postJson(Https.https("/manager/api/media/open-media-connectors"),
                "{\"name\":\"gdpr-it-sms\",\"groupId\":" + groupId + "}");
        assertEquals(201, connector.statusCode(), connector.body());
        connectorKey = field(connector.body(), "key");

        Https site = new Https();
        // a chat she had earlier: ended, so recorded with its transcript
        String[] earlier = startChat(site, "Dorothy Vane", "Dorothy.Vane@example.com", "My walnut clock arrived broken");
        assertEquals(204, site.send("DELETE", Https.https("/contact/api/chats/" + earlier[0]), null,
                "Authorization", "Bearer " + earlier[1]).statusCode());
        // her chat still open, and her SMS, the number written as her phone sends it
        String[] open = startChat(site, "Dorothy Vane", "Dorothy.Vane@example.com", "Hello again about the walnut clock");
        openChat = open[0];
        openChatToken = open[1];
        say(site, open, "You can reach me on 020 7946 " + last4);
        HttpResponse<String> sms = site.send("POST", Https.https("/contact/api/open-media/messages"),
                "{\"channel\":\"SMS\",\"senderId\":\"020 7946 " + last4 + "\",\"text\":\"Did you get the photos of the walnut clock?\"}",
                "X-CCS-Connector", "gdpr-it-sms", "X-CCS-Key", connectorKey);
        assertEquals(202, sms.statusCode(), sms.body());
        // a neighbour's open chat that names her: only that message is hers
        String[] neighbour = startChat(site, "Frank Lowe", "frank.lowe@example.com", "Hello, Frank here");
        neighbourChat = neighbour[0];
        say(site, neighbour, "Dorothy Vane next door, 020 7946 " + last4 + ", has the blue shutters");
        say(site, neighbour, "Where is my order?");
        // another customer's ended chat, to be held
        String[] held = startChat(site, "Edmund Hale", "edmund.hale@example.com", "I want to complain about the delivery");
        heldChat = held[0];
        assertEquals(204, site.send("DELETE", Https.https("/contact/api/chats/" + heldChat), null,
                "Authorization", "Bearer " + held[1]).statusCode());
    }

    @AfterAll
    static void liftTheHold() throws Exception {
        if (holdId > 0) {
            manager.postJson(Https.https("/manager/api/retention/holds/" + holdId + "/lift"), "{\"reason\":\"IT done\"}");
        }
    }

    @Test
    @Order(1)
    void anAgentMayNotMakeDataSubjectRequests() throws Exception {
        Https agent = new Https();
        agent.login("/manager", "agent2001", env.agentPassword());
        HttpResponse<String> r = agent.postJson(Https.https("/manager/api/gdpr/find"), subject + "}");
        assertEquals(403, r.statusCode(), r.body());
        assertFalse(r.body().toLowerCase(Locale.ROOT).contains("dorothy"));
        assertEquals(0, count("select count(*) from audit_entry where target_id = '" + REF + "'"), "nothing was run");
    }

    @Test
    @Order(2)
    void findListsHerContactsAndOpenConversationsWithWhatErasureDoes() throws Exception {
        HttpResponse<String> r = manager.postJson(Https.https("/manager/api/gdpr/find"), subject + "}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(REF, field(r.body(), "requestRef"));
        List<String> hits = objects(r.body());
        assertEquals(Integer.parseInt(field(r.body(), "rows")), hits.size());
        Map<String, Integer> byTable = new TreeMap<>();
        for (String h : hits) {
            byTable.merge(field(h, "table") + " " + field(h, "matchedBy") + " " + field(h, "eraseAction"), 1, Integer::sum);
        }
        assertEquals(Map.of(
                "contact_record caller ANONYMISE", 1,        // the ended chat
                "contact_leg contact KEEP", 1,               // its queue leg
                "transcript_message contact DELETE", 1,      // what she wrote in it
                "media_conversation contact KEEP", 1,        // its conversation, closed: nothing of her left there
                "media_conversation caller ANONYMISE", 2,    // her open chat (address) and SMS (number as written)
                "conversation_message conversation DELETE", 3,
                "conversation_message text BLANK", 1),       // the neighbour's message about her
                byTable);
    }

    @Test
    @Order(3)
    void exportGivesEveryRowAsJson() throws Exception {
        HttpResponse<String> r = manager.postJson(Https.https("/manager/api/gdpr/export"), subject + "}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.body().startsWith("{\"requestRef\":\"" + REF + "\",\"documents\":[{"), r.body());
        List<String> docs = objects(r.body());
        assertEquals(10, docs.size(), r.body());
        assertTrue(docs.stream().anyMatch(d -> "conversation_message".equals(value(d, "table"))
                && "Hello again about the walnut clock".equals(value(d, "message_text"))), r.body());
        assertTrue(docs.stream().anyMatch(d -> "media_conversation".equals(value(d, "table"))
                && ("020 7946 " + last4).equals(value(d, "party_raw")) && "SMS".equals(value(d, "sub_channel"))), r.body());
        assertTrue(docs.stream().anyMatch(d -> "contact_record".equals(value(d, "table"))
                && "Dorothy.Vane@example.com".equals(value(d, "caller_id_raw"))), r.body());
        assertFalse(r.body().contains("access_hash"), "not the hash of her chat token");
    }

    @Test
    @Order(4)
    void aDryRunCountsAndChangesNothing() throws Exception {
        HttpResponse<String> r = manager.postJson(Https.https("/manager/api/gdpr/erase"), subject + ",\"dryRun\":true}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"dryRun\":true") && r.body().contains("\"refused\":false"), r.body());
        dryRunCounts = counts(r.body());
        assertEquals(List.of("contact_leg KEEP 1", "contact_record ANONYMISE 1", "conversation_message BLANK 1",
                "conversation_message DELETE 3", "media_conversation ANONYMISE 2", "media_conversation KEEP 1",
                "transcript_message DELETE 1"), dryRunCounts);
        assertTrue(objects(r.body()).stream().allMatch(n -> field(n, "note").startsWith("dry run")), r.body());
        assertEquals(1, count("select count(*) from media_conversation where party_norm = 'dorothy.vane@example.com'"),
                "nothing changed");
        assertFalse(occurrences().isEmpty(), "she is still there");
    }

    @Test
    @Order(5)
    void eraseLeavesNoTraceOfHerAndTheNeighbourKeepsHisChat() throws Exception {
        HttpResponse<String> r = manager.postJson(Https.https("/manager/api/gdpr/erase"), subject + ",\"dryRun\":false}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"dryRun\":false") && r.body().contains("\"refused\":false"), r.body());
        assertEquals(dryRunCounts, counts(r.body()), "the dry run announced exactly what was done");
        assertEquals("8", field(r.body(), "rowsChanged"), "all but the two rows kept");

        assertEquals(List.of(), occurrences(), "no identifier or phrase of hers in any table");
        // her open chat goes on without her identification; the neighbour's keeps all but the message about her
        assertEquals(1, count("select count(*) from media_conversation where conversation_ref = '" + openChat
                + "' and state <> 'CLOSED' and party_raw is null and party_norm is null and party_name is null"));
        assertEquals(3, count("select count(*) from conversation_message m join media_conversation c on c.id = m.conversation_id"
                + " where c.conversation_ref = '" + neighbourChat + "'"));
        assertEquals(1, count("select count(*) from conversation_message m join media_conversation c on c.id = m.conversation_id"
                + " where c.conversation_ref = '" + neighbourChat + "' and m.message_text = '[erased]'"));
        assertEquals(1, count("select count(*) from media_conversation where conversation_ref = '" + neighbourChat
                + "' and party_norm = 'frank.lowe@example.com'"), "the neighbour is still who he is");

        // a second erasure and a search find nothing any more
        HttpResponse<String> again = manager.postJson(Https.https("/manager/api/gdpr/erase"), subject + ",\"dryRun\":false}");
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(List.of(), counts(again.body()));
        assertEquals("0", field(again.body(), "rowsChanged"));
        HttpResponse<String> find = manager.postJson(Https.https("/manager/api/gdpr/find"), subject + "}");
        assertEquals(200, find.statusCode(), find.body());
        assertEquals("0", field(find.body(), "rows"));

        // the chat itself goes on: she may still write in it (and her token still works)
        HttpResponse<String> more = new Https().send("POST", Https.https("/contact/api/chats/" + openChat + "/messages"),
                "{\"text\":\"Thanks\"}", "Authorization", "Bearer " + openChatToken);
        assertEquals(201, more.statusCode(), more.body());
    }

    @Test
    @Order(6)
    void everyCallIsAuditedAndTheRequestLogHoldsOnlyKeyedHashes() throws Exception {
        List<String> actions = new ArrayList<>();
        try (Connection c = env.admin(); PreparedStatement ps = c.prepareStatement("select action_name, actor, actor_role,"
                + " target_type, outcome, detail, source_address from audit_entry where target_id = ? order by id")) {
            ps.setString(1, REF);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                    assertEquals("manager", rs.getString(2));
                    assertEquals("MANAGER", rs.getString(3));
                    assertEquals("data_subject", rs.getString(4));
                    assertEquals("SUCCESS", rs.getString(5));
                    assertTrue(rs.getString(7) != null && !rs.getString(7).isBlank(), "the caller's address");
                    String detail = rs.getString(6).toLowerCase(Locale.ROOT);
                    needles.forEach(n -> assertFalse(detail.contains(n), detail));
                }
            }
        }
        assertEquals(List.of("gdpr.find", "gdpr.export", "gdpr.erase.dry_run", "gdpr.erase", "gdpr.erase", "gdpr.find"), actions,
                "one audit entry per call");

        String secret;
        try (Connection c = env.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select secret_hex from gdpr_site_secret where active")) {
            assertTrue(rs.next());
            secret = rs.getString(1);
        }
        Set<String> hashes = new TreeSet<>();
        Set<String> procedures = new TreeSet<>();
        try (Connection c = env.admin(); PreparedStatement ps = c.prepareStatement(
                "select * from gdpr_request_log where request_ref = ?")) {
            ps.setString(1, REF);
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    String text = row.toString().toLowerCase(Locale.ROOT);
                    needles.forEach(n -> assertFalse(text.contains(n), "the log holds no identifier: " + text));
                    assertTrue(rs.getString("subject_hash").matches("[0-9a-f]{64}"), text);
                    assertEquals(PrepareItDatabase.GDPR_LOGIN, rs.getString("db_user"), "the GDPR datasource's login ran it");
                    hashes.add(rs.getString("subject_hash"));
                    procedures.add(rs.getString("procedure_name"));
                }
            }
        }
        assertEquals(Set.of("ccs_gdpr_find", "ccs_gdpr_export", "ccs_gdpr_erase_dry_run", "ccs_gdpr_erase"), procedures);
        assertEquals(Set.of(hmac(secret, "EMAIL:dorothy.vane@example.com"), hmac(secret, "PHONE:+44207946" + last4),
                hmac(secret, "NAME:dorothy vane")), hashes, "her identifiers as HMAC-SHA-256 under the site secret");
    }

    @Test
    @Order(7)
    void aSubjectUnderLegalHoldIsRefusedWithTheMatterNamed() throws Exception {
        long contact = count("select id from contact_record where conversation_ref = '" + heldChat + "'");
        HttpResponse<String> hold = manager.postJson(Https.https("/manager/api/retention/holds"), "{\"matterRef\":\"" + HOLD_MATTER
                + "\",\"reason\":\"complaint under review\",\"contactIds\":[" + contact + "]}");
        assertEquals(201, hold.statusCode(), hold.body());
        holdId = Long.parseLong(field(objects(hold.body()).get(0), "id"));

        String edmund = "{\"identifiers\":[{\"type\":\"email\",\"value\":\"edmund.hale@example.com\"}],"
                + "\"requestRef\":\"DSR-IT-0602\",\"dryRun\":false}";
        HttpResponse<String> r = manager.postJson(Https.https("/manager/api/gdpr/erase"), edmund);
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"refused\":true"), r.body());
        String message = field(r.body(), "message");
        assertTrue(message.contains("legal hold") && message.contains(HOLD_MATTER), message);
        assertFalse(message.contains("edmund"), "the message names the matter, not the person: " + message);
        assertEquals(1, count("select count(*) from contact_record where id = " + contact
                + " and caller_id_norm = 'edmund.hale@example.com'"), "nothing erased");
        assertEquals(1, count("select count(*) from audit_entry where target_id = 'DSR-IT-0602' and action_name = 'gdpr.erase'"
                + " and outcome = 'DENIED'"));
    }

    @Test
    @Order(8)
    void withoutTheGdprDatasourceTheEndpointsAnswer503() throws Exception {
        // the service looks the datasource up at each call (ccs.gdpr.datasource): point it at a name
        // nothing is bound to, as on a server where datasource-gdpr.cli was never run
        cli("/system-property=ccs.gdpr.datasource:add(value=java:jboss/datasources/NoGdprDS)");
        try {
            HttpResponse<String> r = manager.postJson(Https.https("/manager/api/gdpr/find"),
                    "{\"identifiers\":[{\"type\":\"email\",\"value\":\"nobody@example.com\"}],\"requestRef\":\"DSR-IT-0603\"}");
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(field(r.body(), "error").contains("datasource-gdpr.cli"), r.body());
        } finally {
            cli("/system-property=ccs.gdpr.datasource:remove");
        }
        HttpResponse<String> back = manager.postJson(Https.https("/manager/api/gdpr/find"),
                "{\"identifiers\":[{\"type\":\"email\",\"value\":\"nobody@example.com\"}],\"requestRef\":\"DSR-IT-0603\"}");
        assertEquals(200, back.statusCode(), back.body());
    }

    @Test
    @Order(9)
    void theServerLogHoldsNoneOfHerIdentifiers() throws Exception {
        Path log = Path.of(System.getProperty("ccs.it.server.base"), "log", "server.log");
        String text = Files.readString(log, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        for (String needle : needles) {
            assertFalse(text.contains(needle), "server.log holds " + needle);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Starts a chat at the IT entry point as the site's widget does: {chatId, token}. */
    private static String[] startChat(Https site, String name, String email, String message) throws Exception {
        HttpResponse<String> r = site.send("POST", Https.https("/contact/api/chats"), "{\"entryPoint\":\"gdpr-it-web\",\"name\":\""
                + name + "\",\"email\":\"" + email + "\",\"message\":\"" + message + "\"}", "X-CCS-Key", chatKey);
        assertEquals(201, r.statusCode(), r.body());
        return new String[] {field(r.body(), "chatId"), field(r.body(), "token")};
    }

    private static void say(Https site, String[] chat, String text) throws Exception {
        HttpResponse<String> r = site.send("POST", Https.https("/contact/api/chats/" + chat[0] + "/messages"),
                "{\"text\":\"" + text + "\"}", "Authorization", "Bearer " + chat[1]);
        assertEquals(201, r.statusCode(), r.body());
    }

    /** "table ACTION rows" of an erase answer, in its order. */
    private static List<String> counts(String body) {
        int start = body.indexOf("\"counts\":[");
        assertTrue(start >= 0, body);
        // the counts array comes first (JSON-B orders the properties): its objects are the flat ones after it
        return objects(body.substring(start)).stream().map(n -> field(n, "table") + " " + field(n, "action") + " " + field(n, "rows")).toList();
    }

    /** A string, number or boolean field of a flat JSON object (blanks around ':' allowed); null for null. */
    private static String value(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name)
                + "\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9.]+|true|false)|null)").matcher(json);
        assertTrue(m.find(), "no " + name + " in " + json);
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** Every base table of the IT database as text, searched for what identifies her. */
    private static List<String> occurrences() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = env.admin(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables"
                    + " where table_schema = current_schema() and table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select lower(t::text) from " + table + " t")) {
                    while (rs.next()) {
                        for (String needle : needles) {
                            if (rs.getString(1).contains(needle)) {
                                found.add(table + ": " + needle);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = env.admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    private static String hmac(String keyHex, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(keyHex), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.US_ASCII)));
    }

    /** One management operation on the running IT server, through its own CLI (local authentication). */
    private static void cli(String operation) throws Exception {
        Path cli = Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh");
        Process p = new ProcessBuilder(cli.toString(), "--connect",
                "--controller=localhost:" + Https.MANAGEMENT_PORT, "--command=" + operation)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI finished");
        assertEquals(0, p.exitValue(), operation + ": " + out);
        assertTrue(out.contains("\"outcome\" => \"success\""), operation + ": " + out);
    }
}
