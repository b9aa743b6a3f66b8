package org.ccs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccs.csta.sim.PbxSimulator;
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

/**
 * Every voice scenario of the PBX simulator against the deployed EAR: the simulator speaks CSTA over
 * TCP to the server in WildFly, which writes the records into PostgreSQL; the test reads them there.
 * The server runs with ccs.csta.digits.source=call-information and a contact-data key (PrepareItDatabase).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VoiceScenariosIT {

    private static PbxSimulator pbx;
    private static ItEnvironment env;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ccs.ear")));
    }

    @BeforeAll
    static void pbx() throws Exception {
        env = new ItEnvironment();
        pbx = PbxSimulator.start(env.cstaPort());
        assertTrue(pbx.awaitClient(Duration.ofSeconds(60)), "the server connects to the PBX");
        assertTrue(pbx.awaitMonitored(Set.of("4000", "2001", "2002"), Duration.ofSeconds(30)),
                "the server monitors the designated number and both agents' extensions");
    }

    @AfterAll
    static void stopPbx() {
        if (pbx != null) {
            pbx.close();
        }
    }

    /** The stored record of a call, by the PBX's first callID; waits until it is committed. */
    private static Map<String, Object> record(String callId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = env.admin();
                 PreparedStatement ps = c.prepareStatement("select r.*, a.login_name from contact_record r"
                         + " left join agent a on a.id = r.agent_id where r.source_ref like ?")) {
                ps.setString(1, "csta:" + callId + ":%");
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                        }
                        assertFalse(rs.next(), "exactly one record for call " + callId);
                        return row;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no record for call " + callId + " within 20 s");
    }

    /** The legs of a record as "TYPE device login" in order. */
    private static List<String> legs(Object contactId) throws Exception {
        try (Connection c = env.admin();
             PreparedStatement ps = c.prepareStatement("select l.leg_type, l.device, a.login_name from contact_leg l"
                     + " left join agent a on a.id = l.agent_id where l.contact_id = ? order by l.leg_no")) {
            ps.setLong(1, ((Number) contactId).longValue());
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + (rs.getString(3) == null ? "" : " " + rs.getString(3)));
                }
            }
            return out;
        }
    }

    private static int recordsOfCaller(String caller, String sinceRef) throws Exception {
        try (Connection c = env.admin();
             PreparedStatement ps = c.prepareStatement("select count(*) from contact_record where source_ref like ?")) {
            ps.setString(1, sinceRef);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    @Order(1)
    void abandonedInQueueAndWhileRinging() throws Exception {
        PbxSimulator.Playback queue = pbx.play(Scenario.load("abandoned-queue"));
        PbxSimulator.Playback ringing = pbx.play(Scenario.load("abandoned-ringing"));
        Map<String, Object> q = record(queue.callIds().get("C1"));
        assertEquals("ABANDONED_QUEUE", q.get("outcome"));
        assertNull(q.get("login_name"), "nobody answered");
        assertNull(q.get("answered_at"));
        assertEquals(queue.caller(), q.get("caller_id_norm"));
        assertTrue(((Number) q.get("queue_seconds")).intValue() >= 0);
        Map<String, Object> r = record(ringing.callIds().get("C1"));
        assertEquals("ABANDONED_RINGING", r.get("outcome"));
        assertTrue(legs(r.get("id")).stream().anyMatch(l -> l.startsWith("RING 2001")), legs(r.get("id")).toString());
    }

    @Test
    @Order(2)
    void holdAndRetrieveGiveAHoldLeg() throws Exception {
        PbxSimulator.Playback p = pbx.play(Scenario.load("hold-retrieve"));
        Map<String, Object> r = record(p.callIds().get("C1"));
        assertEquals("ANSWERED", r.get("outcome"));
        assertEquals("agent2001", r.get("login_name"));
        List<String> legs = legs(r.get("id"));
        assertTrue(legs.contains("HOLD 2001 agent2001"), legs.toString());
        assertTrue(legs.contains("TALK 2001 agent2001"), legs.toString());
        assertEquals("NONE", r.get("resync"));
    }

    @Test
    @Order(3)
    void aTransferKeepsOneRecordWithBothAgentsAndTheTarget() throws Exception {
        PbxSimulator.Playback p = pbx.play(Scenario.load("transfer"));
        Map<String, Object> r = record(p.callIds().get("C1"));
        assertEquals("TRANSFERRED", r.get("outcome"));
        assertEquals("agent2001", r.get("login_name"), "the first agent who answered");
        List<String> legs = legs(r.get("id"));
        assertTrue(legs.contains("TALK 2001 agent2001") && legs.contains("TALK 2002 agent2002"), legs.toString());
        assertEquals("TRANSFER 2002 agent2002", legs.get(legs.size() - 1), legs.toString());
        assertEquals(0, recordsOfCaller(p.caller(), "csta:" + p.callIds().get("C3") + ":%"),
                "the call under its new callID is the same record, not a second one");
        assertEquals(0, recordsOfCaller(p.caller(), "csta:" + p.callIds().get("C2") + ":%"),
                "the internal consultation call is no record");
    }

    @Test
    @Order(4)
    void aConferenceNamesTheAddedAgent() throws Exception {
        PbxSimulator.Playback p = pbx.play(Scenario.load("conference"));
        Map<String, Object> r = record(p.callIds().get("C1"));
        assertEquals("ANSWERED", r.get("outcome"));
        List<String> legs = legs(r.get("id"));
        assertTrue(legs.contains("CONFERENCE 2002 agent2002"), legs.toString());
        assertTrue(legs.contains("TALK 2002 agent2002"), legs.toString());
    }

    @Test
    @Order(5)
    void ivrDigitsAreStoredMaskedAndEncryptedNeverInClear() throws Exception {
        PbxSimulator.Playback p = pbx.play(Scenario.load("ivr-digits"));
        Map<String, Object> r = record(p.callIds().get("C1"));
        assertEquals("ANSWERED", r.get("outcome"));
        try (Connection c = env.admin();
             PreparedStatement ps = c.prepareStatement("select data_key, masked_value, encrypted_value, key_id"
                     + " from contact_data where contact_id = ? order by seq")) {
            ps.setLong(1, ((Number) r.get("id")).longValue());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the collected digits are kept");
                assertEquals("ivr_digits", rs.getString("data_key"));
                assertEquals("**11", rs.getString("masked_value"), "agents see them masked");
                assertNotNull(rs.getString("encrypted_value"), "encrypted with the site's key");
                assertFalse(rs.getString("encrypted_value").contains("4711"));
                assertEquals("it-key", rs.getString("key_id"));
                assertTrue(rs.next(), "and the call's user data");
                assertEquals("user_data", rs.getString("data_key"));
                assertEquals("**11", rs.getString("masked_value"));
            }
        }
        try (Connection c = env.admin();
             PreparedStatement ps = c.prepareStatement("select count(*) from contact_record r, contact_data d"
                     + " where d.contact_id = r.id and r.id = ? and (d.masked_value like '%4711%'"
                     + " or coalesce(r.correlator_data, '') like '%4711%')")) {
            ps.setLong(1, ((Number) r.get("id")).longValue());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the digits 4711 appear nowhere in clear");
            }
        }
    }

    @Test
    @Order(6)
    void clickToDialBecomesAnOutboundRecordOfTheAgent() throws Exception {
        Https agent = new Https();
        agent.login("/agent", "agent2001", env.agentPassword());
        HttpResponse<String> started = agent.postJson(Https.https("/agent/api/calls"), "{\"number\":\"+44 20 7946 0888\"}");
        assertEquals(200, started.statusCode(), started.body());
        String callId = started.body().replaceAll(".*\"callId\":\"([^\"]+)\".*", "$1");
        Map<String, Object> r = record(callId);
        assertEquals("OUTBOUND", r.get("direction"));
        assertEquals("+442079460888", r.get("caller_id_norm"));
        assertNull(r.get("designated_number"));
    }

    @Test
    @Order(7)
    void aLinkDropInTheMiddleOfTwoCallsLosesNothingAndDoublesNothing() throws Exception {
        Map<String, String> vars = PbxSimulator.freshVariables("2001");
        PbxSimulator.Playback p = pbx.play(Scenario.load("link-drop"), vars);
        Map<String, Object> closed = record(p.callIds().get("C1"));
        assertEquals("CLOSED_BY_RESYNC", closed.get("resync"), "ended while the link was down: closed and flagged");
        assertEquals("agent2001", closed.get("login_name"));
        assertEquals(vars.get("caller"), closed.get("caller_id_norm"));
        Map<String, Object> continued = record(p.callIds().get("C2"));
        assertEquals("RESYNCHRONISED", continued.get("resync"));
        assertEquals("ANSWERED", continued.get("outcome"));
        assertEquals("agent2002", continued.get("login_name"), "answered while the link was down, found by the snapshot");
        assertEquals(vars.get("called"), continued.get("caller_id_norm"));

        HttpResponse<String> health = new Https().get(Https.https("/manager/health"));
        assertEquals(200, health.statusCode(), "the link is back: " + health.body());
    }
}
