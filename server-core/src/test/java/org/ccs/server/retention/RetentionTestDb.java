package org.ccs.server.retention;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.ccs.db.Dialect;
import org.ccs.db.Migrator;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own on the test PostgreSQL (ccs.test.db.host/port/admin.user), migrated by
 * db-scripts, with a LOGIN member of ccs_app (the server's role); dropped by {@link #close()}.
 */
final class RetentionTestDb implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String HOST = System.getProperty("ccs.test.db.host", "127.0.0.1");
    static final String PORT = System.getProperty("ccs.test.db.port", "55432");
    static final String ADMIN = System.getProperty("ccs.test.db.admin.user", "postgres");
    static final String ADMIN_PASSWORD = System.getProperty("ccs.test.db.admin.password", "");

    final String name;
    final String appUser;
    final String appPassword;
    private final List<String> roles = new ArrayList<>();

    RetentionTestDb(String prefix) throws SQLException {
        name = prefix + "_" + suffix();
        try (Connection c = DriverManager.getConnection(url("postgres"), ADMIN, ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        Migrator.migrate(url(name), ADMIN, ADMIN_PASSWORD, Dialect.POSTGRESQL);
        appUser = createLoginMember("ccs_app");
        appPassword = "pw-" + appUser;
    }

    static String url(String db) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db;
    }

    String url() {
        return url(name);
    }

    /** Connections as the application (member of ccs_app), as the server's datasource gives them. */
    DataSource appDataSource() {
        return dataSource(appUser, appPassword);
    }

    /** Connections as the owner of the schema. */
    DataSource adminDataSource() {
        return dataSource(ADMIN, ADMIN_PASSWORD);
    }

    DataSource dataSource(String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url());
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    Connection admin() throws SQLException {
        return DriverManager.getConnection(url(), ADMIN, ADMIN_PASSWORD);
    }

    String createLoginMember(String group) throws SQLException {
        String role = "t_" + group + "_" + suffix();
        try (Connection c = DriverManager.getConnection(url("postgres"), ADMIN, ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw-" + role + "' IN ROLE " + group);
        }
        roles.add(role);
        return role;
    }

    // ---- data ---------------------------------------------------------------------------------------

    long customer(Instant createdAt) throws SQLException {
        try (Connection c = admin()) {
            long id = insertReturningId(c, "INSERT INTO customer (display_name, created_at) VALUES ('Test Customer', ?)", createdAt);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer_identifier (customer_id, identifier_type,"
                    + " raw_value, normalised_value, created_at) VALUES (?, 'PHONE', '+44 20 7946 0' || ?, '44207946' || ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, Long.toString(id));
                ps.setString(3, Long.toString(id));
                ps.setTimestamp(4, Timestamp.from(createdAt));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_record (customer_id, purpose, status, source,"
                    + " recorded_by, recorded_at) VALUES (?, 'marketing', 'GRANTED', 'AGENT', 'agent', ?)")) {
                ps.setLong(1, id);
                ps.setTimestamp(2, Timestamp.from(createdAt));
                ps.executeUpdate();
            }
            return id;
        }
    }

    /** A voice contact started at {@code at} with two legs and one IVR datum; {@code customerId} may be null. */
    long contact(Instant at, Long customerId) throws SQLException {
        try (Connection c = admin()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_record (channel, direction, source_ref,"
                    + " caller_id_raw, caller_id_norm, caller_presentation, designated_number, started_at, answered_at, ended_at,"
                    + " queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, customer_id, created_at)"
                    + " VALUES ('VOICE', 'INBOUND', ?, '+44 20 7946 0101', '442079460101', 'AVAILABLE', '4000', ?, ?, ?, 1, 2,"
                    + " 30, 0, 'ANSWERED', ?, ?) RETURNING id")) {
                ps.setString(1, "t-" + suffix());
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setTimestamp(3, Timestamp.from(at));
                ps.setTimestamp(4, Timestamp.from(at.plusSeconds(33)));
                if (customerId == null) {
                    ps.setNull(5, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(5, customerId);
                }
                ps.setTimestamp(6, Timestamp.from(at));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            for (int leg = 1; leg <= 2; leg++) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_leg (contact_id, leg_no, leg_type, device,"
                        + " started_at, ended_at) VALUES (?, ?, ?, '4711', ?, ?)")) {
                    ps.setLong(1, id);
                    ps.setInt(2, leg);
                    ps.setString(3, leg == 1 ? "QUEUE" : "TALK");
                    ps.setTimestamp(4, Timestamp.from(at));
                    ps.setTimestamp(5, Timestamp.from(at.plusSeconds(10)));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_data (contact_id, seq, data_key, masked_value,"
                    + " collected_at) VALUES (?, 1, 'account', '******1234', ?)")) {
                ps.setLong(1, id);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.executeUpdate();
            }
            return id;
        }
    }

    /** {@code n} contacts, one every {@code stepSeconds} from {@code first}, each with two legs; returns their tag. */
    String bulkContacts(int n, Instant first, long stepSeconds) throws SQLException {
        String tag = "bulk-" + suffix();
        try (Connection c = admin()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_record (channel, direction, source_ref,"
                    + " caller_presentation, designated_number, started_at, answered_at, ended_at, queue_seconds, ring_seconds,"
                    + " talk_seconds, hold_seconds, outcome, created_at)"
                    + " SELECT 'VOICE', 'INBOUND', ? || '-' || g, 'NOT_KNOWN', '4000', t, t, t + interval '30 seconds', 1, 2, 27, 0,"
                    + " 'ANSWERED', t FROM (SELECT g, CAST(? AS timestamptz) + g * (CAST(? AS bigint) * interval '1 second') AS t"
                    + " FROM generate_series(0, CAST(? AS integer) - 1) g) x")) {
                ps.setString(1, tag);
                ps.setTimestamp(2, Timestamp.from(first));
                ps.setLong(3, stepSeconds);
                ps.setInt(4, n);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_leg (contact_id, leg_no, leg_type, device,"
                    + " started_at, ended_at) SELECT c.id, l, CASE l WHEN 1 THEN 'QUEUE' ELSE 'TALK' END, '4711', c.started_at,"
                    + " c.ended_at FROM contact_record c, generate_series(1, 2) l WHERE c.source_ref LIKE ? || '-%'")) {
                ps.setString(1, tag);
                ps.executeUpdate();
            }
        }
        return tag;
    }

    long transcript(long contactId, Instant sentAt) throws SQLException {
        try (Connection c = admin()) {
            return insertReturningId(c, "INSERT INTO transcript_message (contact_id, seq, sender_type, sent_at, message_text)"
                    + " VALUES (" + contactId + ", (SELECT count(*) + 1 FROM transcript_message WHERE contact_id = " + contactId
                    + "), 'CUSTOMER', ?, 'hello')", sentAt);
        }
    }

    long email(long contactId, Instant receivedAt) throws SQLException {
        try (Connection c = admin()) {
            return insertReturningId(c, "INSERT INTO email_reference (contact_id, mailbox, folder, uid_validity, uid, message_id,"
                    + " received_at) VALUES (" + contactId + ", 'support@example.com', 'INBOX', 1, " + contactId + ", '<m"
                    + contactId + "@example.com>', ?)", receivedAt);
        }
    }

    long agent() throws SQLException {
        try (Connection c = admin()) {
            String login = "a" + suffix();
            return insertReturningId(c, "INSERT INTO agent (login_name, state, state_since, pseudonym, created_at)"
                    + " VALUES ('" + login + "', 'READY', ?, 'p-" + login + "', now())", Instant.now());
        }
    }

    long agentState(long agentId, Instant enteredAt) throws SQLException {
        try (Connection c = admin()) {
            return insertReturningId(c, "INSERT INTO agent_state_history (agent_id, state, entered_at) VALUES (" + agentId
                    + ", 'READY', ?)", enteredAt);
        }
    }

    long audit(Instant at) throws SQLException {
        try (Connection c = admin()) {
            return insertReturningId(c, "INSERT INTO audit_entry (occurred_at, actor, action_name, outcome)"
                    + " VALUES (?, 'manager', 'test.action', 'SUCCESS')", at);
        }
    }

    long gdprLog(Instant at) throws SQLException {
        try (Connection c = admin()) {
            return insertReturningId(c, "INSERT INTO gdpr_request_log (subject_hash, procedure_name, db_user, rows_found,"
                    + " rows_erased, executed_at) VALUES ('ab12', 'ccs_gdpr_find', 'dba', 1, 0, ?)", at);
        }
    }

    void setRetention(RetentionCategory category, int days) throws SQLException {
        update("UPDATE retention_policy SET days = " + days + " WHERE category = '" + category + "'");
    }

    /** A hold placed directly (the service is tested elsewhere): on a customer, a contact or a category. */
    long hold(Long customerId, Long contactId, RetentionCategory category) throws SQLException {
        try (Connection c = admin()) {
            return insertReturningId(c, "INSERT INTO legal_hold (matter_ref, category, customer_id, contact_id, placed_by,"
                    + " placed_at) VALUES ('CASE-1', " + (category == null ? "NULL" : "'" + category + "'") + ", "
                    + customerId + ", " + contactId + ", 'manager', ?)", Instant.now());
        }
    }

    void release(long holdId) throws SQLException {
        update("UPDATE legal_hold SET released_by = 'manager', released_at = now() WHERE id = " + holdId);
    }

    boolean exists(String table, long id) throws SQLException {
        return count("SELECT count(*) FROM " + table + " WHERE id = " + id) == 1;
    }

    long count(String sql) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    int update(String sql) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static long insertReturningId(Connection c, String sql, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql + " RETURNING id")) {
            ps.setTimestamp(1, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), ADMIN, ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            for (String role : roles) {
                s.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    static String suffix() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
