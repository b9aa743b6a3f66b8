package org.ccs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import org.ccs.csta.sim.PbxSimulator;
import org.ccs.it.pages.AgentHomePage;
import org.ccs.it.pages.Browser;
import org.ccs.it.pages.LoginPage;
import org.ccs.it.pages.ManagerContactsPage;
import org.ccs.csta.sim.Scenario;
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
import org.openqa.selenium.WebDriver;

/**
 * The walking skeleton end to end: the real EAR on the provisioned WildFly against the real
 * PostgreSQL, the PBX simulator over TCP. A call to the contact center number becomes exactly one
 * contact record, which a manager sees in the Manager over HTTPS; the agent sees their own name
 * and state in the Agent Portal; direct-dial and internal calls leave no record.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SkeletonIT {

    private static PbxSimulator pbx;
    private static ItEnvironment env;
    private static String firstCaller;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ccs.ear")));
    }

    @BeforeAll
    static void pbx() throws Exception {
        env = new ItEnvironment();
        pbx = PbxSimulator.start(env.cstaPort());
        assertTrue(pbx.awaitClient(Duration.ofSeconds(60)), "the server connects to the PBX");
        assertTrue(pbx.awaitMonitored(Set.of("4000", "2001"), Duration.ofSeconds(30)),
                "the server monitors the designated number and the agent's extension");
    }

    @AfterAll
    static void stopPbx() {
        if (pbx != null) {
            pbx.close();
        }
    }

    @Test
    @Order(1)
    void anInboundCallToTheContactCenterNumberBecomesOneContactRecord() throws Exception {
        int before = countVoiceRecords();
        PbxSimulator.Playback played = pbx.play(Scenario.load("inbound-answered"));
        String caller = played.caller();
        firstCaller = caller;
        assertTrue(caller.startsWith("+44207946"), "the simulator uses the reserved range");

        awaitRecords(before + 1);
        try (Connection c = env.admin();
             PreparedStatement ps = c.prepareStatement("select r.channel, r.caller_id_norm, r.caller_id_raw, "
                     + "r.designated_number, r.outcome, r.talk_seconds, a.login_name, "
                     + "(select count(*) from contact_leg l where l.contact_id = r.id) legs "
                     + "from contact_record r left join agent a on a.id = r.agent_id where r.caller_id_norm = ?")) {
            ps.setString(1, caller);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "a record for the caller");
                assertEquals("VOICE", rs.getString("channel"));
                assertEquals(caller, rs.getString("caller_id_norm"));
                assertTrue(rs.getString("caller_id_raw").contains(caller.substring(3)), "raw caller id kept as the PBX sent it");
                assertEquals("4000", rs.getString("designated_number"));
                assertEquals("ANSWERED", rs.getString("outcome"));
                assertEquals("agent2001", rs.getString("login_name"));
                assertTrue(rs.getInt("legs") >= 3, "queue, ring and talk legs");
                assertFalse(rs.next(), "exactly one record for the call");
            }
        }

        Https manager = new Https();
        HttpResponse<String> login = manager.login("/manager", "manager", env.managerPassword());
        assertEquals(302, login.statusCode(), "a successful login redirects back to the page");
        HttpResponse<String> list = manager.get(Https.https("/manager/api/contacts?size=10"));
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains(caller), "the manager sees the record in the list: " + list.statusCode());
        assertTrue(list.body().contains("\"outcome\":\"ANSWERED\""));
        HttpResponse<String> page = manager.get(Https.https("/manager/index.xhtml"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(caller), "the Manager's contact page lists the record");
    }

    @Test
    @Order(2)
    void directDialAndInternalCallsLeaveNoRecord() throws Exception {
        int before = countVoiceRecords();
        pbx.play(Scenario.load("direct-dial"));
        pbx.play(Scenario.load("internal"));
        // a call to the contact center afterwards proves the link delivered the two before it
        pbx.play(Scenario.load("inbound-answered"));
        awaitRecords(before + 1);
        Thread.sleep(500);
        assertEquals(before + 1, countVoiceRecords(), "only the contact center call became a record");
    }

    @Test
    @Order(3)
    void theAgentSeesTheirNameAndState() throws Exception {
        Https agent = new Https();
        assertEquals(302, agent.login("/agent", "agent2001", env.agentPassword()).statusCode());
        HttpResponse<String> me = agent.get(Https.https("/agent/api/me"));
        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains("\"displayName\":\"Alex Example\""), me.body());
        assertTrue(me.body().contains("\"state\":\"LOGGED_OFF\""), me.body());
        HttpResponse<String> page = agent.get(Https.https("/agent/index.xhtml"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Alex Example"));
        assertTrue(page.body().contains("LOGGED_OFF"));
    }

    @Test
    @Order(4)
    void plainHttpIsRedirectedToHttps() throws Exception {
        for (String path : new String[] {"/agent/", "/agent/login.html", "/manager/"}) {
            HttpResponse<String> r = new Https().get("http://" + Https.HOST + ":" + Https.HTTP_PORT + path);
            assertEquals(302, r.statusCode(), path);
            String location = r.headers().firstValue("Location").orElse("");
            assertTrue(location.startsWith("https://") && location.contains(":" + Https.HTTPS_PORT + "/"),
                    path + " -> " + location);
        }
    }

    @Test
    @Order(5)
    void aWrongPasswordOrAnotherRoleIsRefused() throws Exception {
        Https wrong = new Https();
        HttpResponse<String> r = wrong.login("/manager", "manager", "not-the-password");
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/manager/login-error.html"),
                "the login error page is shown: " + r.headers().firstValue("Location"));
        assertTrue(wrong.get(Https.https("/manager/login-error.html")).body().contains("not right"));
        HttpResponse<String> after = wrong.get(Https.https("/manager/api/contacts"));
        assertFalse(after.body().contains("\"items\""), "still not signed in: no contacts");
        assertTrue(after.body().contains("j_security_check"), "still not signed in: the login form");

        Https agentInManager = new Https();
        agentInManager.login("/manager", "agent2001", env.agentPassword());
        assertEquals(403, agentInManager.get(Https.https("/manager/api/contacts")).statusCode(),
                "an agent may not read the Manager's contact list");
    }

    @Test
    @Order(6)
    void healthIsUpAndCountsTheLink() throws Exception {
        HttpResponse<String> r = new Https().get(Https.https("/manager/health"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"status\":\"UP\""), r.body());
        assertTrue(r.body().contains("\"state\":\"READY\""), r.body());
        assertTrue(r.body().contains("\"connected\":true"), r.body());
        assertFalse(r.body().contains("\"contactsStored\":0"), "the calls were counted: " + r.body());
        HttpResponse<String> server = new Https().get("http://" + Https.HOST + ":" + Https.MANAGEMENT_PORT + "/health/ready");
        assertEquals(200, server.statusCode(), "WildFly's own readiness: " + server.body());
    }

    @Test
    @Order(7)
    void inChromiumTheManagerSeesTheCallAndTheAgentTheirState() throws Exception {
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            // typed as a person would: plain HTTP, redirected to HTTPS, the login form, the list
            LoginPage login = LoginPage.open(driver, "http://" + Https.HOST + ":" + Https.HTTP_PORT + "/manager/");
            assertTrue(driver.getCurrentUrl().startsWith("https://"), driver.getCurrentUrl());
            login.signIn("manager", env.managerPassword());
            ManagerContactsPage contacts = new ManagerContactsPage(driver);
            browser.screenshot("manager-contacts");
            assertTrue(contacts.callers().contains(firstCaller), "the call is listed: " + contacts.callers());
            assertTrue(contacts.outcomes().contains("ANSWERED"), contacts.outcomes().toString());
        }
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            LoginPage login = LoginPage.open(driver, Https.https("/agent/"));
            login.signIn("agent2001", "wrong-password");
            assertTrue(new LoginPage(driver).showsError(), "a wrong password shows the error");
            LoginPage.open(driver, Https.https("/agent/")).signIn("agent2001", env.agentPassword());
            AgentHomePage home = new AgentHomePage(driver);
            browser.screenshot("agent-home");
            assertEquals("Alex Example", home.name());
            assertEquals("2001", home.extension());
            assertEquals("LOGGED_OFF", home.state());
        }
    }

    @Test
    @Order(8)
    void agentStatesFromThePbxReachThePortalAndTheHistory() throws Exception {
        pbx.play(Scenario.parse("agent-ready", "event AgentLoggedOn agent=2001\nevent AgentReady agent=2001\n"));
        Https agent = new Https();
        agent.login("/agent", "agent2001", env.agentPassword());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = "";
        while (System.nanoTime() < deadline && !body.contains("\"state\":\"READY\"")) {
            body = agent.get(Https.https("/agent/api/me")).body();
            Thread.sleep(100);
        }
        assertTrue(body.contains("\"state\":\"READY\""), body);
        try (Connection c = env.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select h.state from agent_state_history h join agent a on a.id = h.agent_id "
                     + "where a.login_name = 'agent2001' order by h.entered_at, h.id")) {
            StringBuilder states = new StringBuilder();
            while (rs.next()) {
                states.append(rs.getString(1)).append(' ');
            }
            assertEquals("NOT_READY READY", states.toString().strip(), "logged on (not yet ready), then ready");
        }
    }

    @Test
    @Order(9)
    void clickToDialStartsACallFromTheAgentsPhone() throws Exception {
        Https agent = new Https();
        agent.login("/agent", "agent2001", env.agentPassword());
        HttpResponse<String> started = agent.postJson(Https.https("/agent/api/calls"), "{\"number\":\"+44 20 7946 0999\"}");
        assertEquals(200, started.statusCode(), started.body());
        assertTrue(started.body().matches("\\{\"callId\":\"[^\"]+\"\\}"), started.body());
        HttpResponse<String> bad = agent.postJson(Https.https("/agent/api/calls"), "{\"number\":\"call me\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertFalse(bad.body().contains("call me"), "the typed text is not echoed back");

        Https manager = new Https();
        manager.login("/agent", "manager", env.managerPassword());
        assertEquals(403, manager.postJson(Https.https("/agent/api/calls"), "{\"number\":\"2002\"}").statusCode(),
                "only agents dial");
    }

    @Test
    @Order(10)
    void retentionIsKeptWithinTenYearsAndTheScheduledPurgeRunsInTheServer() throws Exception {
        Https manager = new Https();
        manager.login("/manager", "manager", env.managerPassword());
        String policy = Https.https("/manager/api/retention/policies/CONTACT_RECORD");
        HttpResponse<String> tooLong = manager.putJson(policy, "{\"days\":3654}");
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.body().contains("3653"), "the reason is given: " + tooLong.body());
        String before = manager.get(policy).body();

        try (Connection c = env.admin(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into contact_record (channel, direction, source_ref, caller_presentation, started_at,"
                    + " ended_at, queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, created_at) values"
                    + " ('VOICE', 'INBOUND', 'it:retention:old', 'NOT_KNOWN', now() - interval '40 days',"
                    + " now() - interval '40 days', 0, 0, 0, 0, 'ANSWERED', now() - interval '40 days')");
        }
        // A call may still be in flight from the click-to-dial test and be stored during the purge; compare
        // only the records that existed when the purge was started.
        java.sql.Timestamp cut;
        try (Connection c = env.admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select now()")) {
            rs.next();
            cut = rs.getTimestamp(1);
        }
        int recent = countVoiceRecordsCreatedBy(cut) - 1;
        HttpResponse<String> changed = manager.putJson(policy, "{\"days\":30}");
        assertEquals(200, changed.statusCode(), changed.body());
        try {
            HttpResponse<String> run = manager.postJson(Https.https("/manager/api/retention/purge/run"), "{}");
            assertEquals(202, run.statusCode(), run.body());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String runs = "";
            while (System.nanoTime() < deadline && !runs.contains("\"status\":\"DONE\"")) {
                Thread.sleep(500);
                runs = manager.get(Https.https("/manager/api/retention/purge/runs?limit=1")).body();
            }
            assertTrue(runs.contains("\"status\":\"DONE\""), "the purge ran through Quartz in the server: " + runs);
            try (Connection c = env.admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from contact_record where source_ref = 'it:retention:old'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the record past its retention is gone");
            }
            assertEquals(recent, countVoiceRecordsCreatedBy(cut), "the recent records stay");
            try (Connection c = env.admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from audit_entry")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 2, "the change and the purge are audited");
            }
        } finally {
            String days = before.replaceAll(".*\"days\":(\\d+).*", "$1");
            manager.putJson(policy, "{\"days\":" + days + "}");
        }
    }

    private static int countVoiceRecordsCreatedBy(java.sql.Timestamp cut) throws Exception {
        try (Connection c = env.admin();
             java.sql.PreparedStatement s = c.prepareStatement(
                     "select count(*) from contact_record where channel = 'VOICE' and created_at <= ?")) {
            s.setTimestamp(1, cut);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int countVoiceRecords() throws Exception {
        try (Connection c = env.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from contact_record where channel = 'VOICE'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void awaitRecords(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (countVoiceRecords() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(expected, countVoiceRecords(), "voice records after the call");
    }
}
