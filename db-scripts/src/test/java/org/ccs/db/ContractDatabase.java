package org.ccs.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The database the GDPR contract suite runs on. By default a throw-away database on the test
 * PostgreSQL ({@link PgTestDatabase}) with LOGIN members of ccs_gdpr and ccs_app made for the run.
 * Pointed at another database with system properties, the same suite runs there (e.g. Informix):
 *
 * <pre>
 *   -Dccs.contract.url=jdbc:informix-sqli://dbhost:9088/ccs_contract:INFORMIXSERVER=ol_ccs
 *   -Dccs.contract.user=...      -Dccs.contract.password=...       the schema owner (DBA on Informix)
 *   -Dccs.contract.gdpr.user=... -Dccs.contract.gdpr.password=...  optional: a member of ccs_gdpr
 *   -Dccs.contract.app.user=...  -Dccs.contract.app.password=...   optional: a member of ccs_app
 * </pre>
 *
 * The given database is migrated with {@link Migrator} (dialect from the URL) and every CCS data table
 * in it is emptied before each test: use a database of its own, created empty ({@code WITH LOG} on
 * Informix). Without the optional users the procedures run as the owner and the test that ccs_app
 * cannot erase is skipped.
 */
final class ContractDatabase implements AutoCloseable {

    /** Child tables first: what {@link #clean()} empties, in this order. */
    static final List<String> DATA_TABLES = List.of("gdpr_text_identifier", "conversation_message", "media_conversation",
            "agent_media_skill", "open_media_connector", "mail_sync_state", "transcript_message", "email_reference",
            "contact_data", "contact_leg", "legal_hold", "contact_record", "consent_record", "customer_identifier",
            "customer", "speed_list_entry", "agent_state_history", "team_visibility", "group_supervisor", "app_user",
            "agent_group_member", "designated_number", "mailbox", "chat_entry_point", "agent", "agent_group",
            "department", "audit_entry", "gdpr_request_log");

    private final Dialect dialect;
    private final String url;
    private final String ownerUser;
    private final String ownerPassword;
    private final String gdprUser;
    private final String gdprPassword;
    private final String appUser;
    private final String appPassword;
    private final PgTestDatabase pg;

    private ContractDatabase(Dialect dialect, String url, String ownerUser, String ownerPassword, String gdprUser,
                             String gdprPassword, String appUser, String appPassword, PgTestDatabase pg) {
        this.dialect = dialect;
        this.url = url;
        this.ownerUser = ownerUser;
        this.ownerPassword = ownerPassword;
        this.gdprUser = gdprUser;
        this.gdprPassword = gdprPassword;
        this.appUser = appUser;
        this.appPassword = appPassword;
        this.pg = pg;
    }

    /** The database named by ccs.contract.url, or a new one on the test PostgreSQL; migrated. */
    static ContractDatabase open() throws SQLException {
        String url = System.getProperty("ccs.contract.url", "");
        ContractDatabase db;
        if (url.isBlank()) {
            PgTestDatabase pg = PgTestDatabase.create("ccs_gdpr_contract");
            String gdpr = pg.createLoginMember("ccs_gdpr");
            String app = pg.createLoginMember("ccs_app");
            db = new ContractDatabase(Dialect.POSTGRESQL, pg.url(), pg.adminUser(), pg.adminPassword(), gdpr,
                    pg.password(gdpr), app, pg.password(app), pg);
        } else {
            Dialect dialect = url.toLowerCase(Locale.ROOT).startsWith("jdbc:informix") ? Dialect.INFORMIX : Dialect.POSTGRESQL;
            String user = System.getProperty("ccs.contract.user");
            String password = System.getProperty("ccs.contract.password", "");
            db = new ContractDatabase(dialect, url, user, password,
                    blankToNull(System.getProperty("ccs.contract.gdpr.user")), System.getProperty("ccs.contract.gdpr.password", ""),
                    blankToNull(System.getProperty("ccs.contract.app.user")), System.getProperty("ccs.contract.app.password", ""),
                    null);
        }
        Migrator.migrate(db.url, db.ownerUser, db.ownerPassword, db.dialect);
        return db;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    Dialect dialect() {
        return dialect;
    }

    boolean isInformix() {
        return dialect == Dialect.INFORMIX;
    }

    Connection owner() throws SQLException {
        return DriverManager.getConnection(url, ownerUser, ownerPassword);
    }

    /** A member of ccs_gdpr (role made active on Informix), or the owner when none was given. */
    Connection gdpr() throws SQLException {
        if (gdprUser == null) {
            return owner();
        }
        Connection c = DriverManager.getConnection(url, gdprUser, gdprPassword);
        setRole(c, "ccs_gdpr");
        return c;
    }

    boolean hasAppUser() {
        return appUser != null;
    }

    /** A member of ccs_app: the application's login. */
    Connection app() throws SQLException {
        Connection c = DriverManager.getConnection(url, appUser, appPassword);
        setRole(c, "ccs_app");
        return c;
    }

    private void setRole(Connection c, String role) throws SQLException {
        if (isInformix()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET ROLE " + role);
            }
        }
    }

    /** Empties every CCS data table (configuration of the site secret and numbering stays). */
    void clean() throws SQLException {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            for (String table : DATA_TABLES) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (pg != null) {
            pg.close();
        }
    }
}
