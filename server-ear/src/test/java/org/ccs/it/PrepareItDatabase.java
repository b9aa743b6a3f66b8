package org.ccs.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import org.ccs.db.Dialect;
import org.ccs.db.Migrator;

/**
 * Runs before WildFly starts (failsafe's pre-integration-test phase, exec:java): creates a fresh
 * database on the test PostgreSQL, migrates it with the product's own migrations, creates the
 * application's login role and the login of the GDPR datasource (a member of ccs_gdpr, as a site's
 * DBA makes it), gives the site its GDPR secret as a DBA does (random, for this run only), and writes
 * the server properties (database address, logins with their random passwords, run-time secrets, the
 * PBX simulator's port) that arquillian.xml passes to WildFly with -P.
 */
public final class PrepareItDatabase {

    public static final String DB = "ccs_it";
    public static final String APP_LOGIN = "ccs_it_server";
    /** The login of the GDPR datasource (datasource-gdpr.cli): a member of ccs_gdpr. */
    public static final String GDPR_LOGIN = "ccs_it_gdpr";

    private PrepareItDatabase() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String host = System.getProperty("ccs.test.db.host", "127.0.0.1");
        String port = System.getProperty("ccs.test.db.port", "55432");
        String admin = System.getProperty("ccs.test.db.admin.user", "postgres");
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        String dbUrl = "jdbc:postgresql://" + host + ":" + port + "/" + DB;
        String appPassword = random();
        String gdprPassword = random();

        try (Connection c = DriverManager.getConnection(adminUrl, admin, "");
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DB + " with (force)");
            s.execute("create database " + DB);
        }
        Migrator.migrate(dbUrl, admin, "", Dialect.POSTGRESQL);
        try (Connection c = DriverManager.getConnection(dbUrl, admin, "");
             Statement s = c.createStatement()) {
            s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + APP_LOGIN + "') then "
                    + "create role " + APP_LOGIN + " login; end if; end $$");
            s.execute("grant ccs_app to " + APP_LOGIN);
            s.execute("alter role " + APP_LOGIN + " password '" + appPassword + "'");
            // the DPO's login of docs/dba-gdpr.md: may execute the GDPR procedures, the application's may not
            s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + GDPR_LOGIN + "') then "
                    + "create role " + GDPR_LOGIN + " login; end if; end $$");
            s.execute("grant ccs_gdpr to " + GDPR_LOGIN);
            s.execute("alter role " + GDPR_LOGIN + " password '" + gdprPassword + "'");
            s.execute("alter role " + GDPR_LOGIN + " set log_min_error_statement = panic");
            // the site secret of the GDPR request log's keyed hash, as the DBA stores it once
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            s.execute("insert into gdpr_site_secret (secret_hex, active, created_at) values ('"
                    + HexFormat.of().formatHex(secret) + "', true, now())");
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the login roles", e);
        }

        Properties p = new Properties();
        p.setProperty("ccs.db.url", dbUrl);
        p.setProperty("ccs.db.user", APP_LOGIN);
        p.setProperty("ccs.db.password", appPassword);
        // the GDPR datasource (added to the IT server by datasource-gdpr.cli); its URL defaults to ccs.db.url
        p.setProperty("ccs.gdpr.db.user", GDPR_LOGIN);
        p.setProperty("ccs.gdpr.db.password", gdprPassword);
        p.setProperty("ccs.initial.manager.password", random());
        p.setProperty("ccs.demo.agent.password", random());
        p.setProperty("ccs.csta.host", "127.0.0.1");
        p.setProperty("ccs.csta.port", Integer.toString(freePort()));
        p.setProperty("ccs.csta.region", "GB");
        p.setProperty("ccs.csta.reconnect.max.millis", "1000");
        // IVR digits as the simulator's ivr-digits scenario delivers them, kept encrypted under a test key
        p.setProperty("ccs.csta.digits.source", "call-information");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        p.setProperty("ccs.contact.data.key", java.util.Base64.getEncoder().encodeToString(key));
        p.setProperty("ccs.contact.data.key.id", "it-key");
        // text media (MediaIT): GreenMail on these loopback ports is the mail server, its self-signed
        // certificate taken as it is; the mailbox's password behind its credential alias
        p.setProperty("ccs.mail.ssl.trust", "127.0.0.1");
        p.setProperty("ccs.mail.poll.seconds", "5");
        p.setProperty("ccs.mail.retry.max.millis", "2000");
        p.setProperty("ccs.mail.credential.it-support", random());
        p.setProperty("ccs.it.mail.imaps.port", Integer.toString(freePort()));
        p.setProperty("ccs.it.mail.smtps.port", Integer.toString(freePort()));
        Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            p.store(o, "written by PrepareItDatabase for the Arquillian run; test secrets only");
        }
        System.out.println("IT database " + DB + " migrated; server properties in " + out);
    }

    private static String random() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return "It" + HexFormat.of().formatHex(b);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
