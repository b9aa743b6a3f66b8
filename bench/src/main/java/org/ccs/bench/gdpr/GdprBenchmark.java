package org.ccs.bench.gdpr;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.ccs.db.Dialect;
import org.ccs.db.Migrator;

/**
 * GDPR find and erase of one data subject with 100 contacts in a large contact history (issue 6),
 * each next to the same question answered by sequential scans in the same run. Not a test: run by
 * hand, figures go to docs/performance.md.
 *
 * <ol>
 * <li>A database of its own on the PostgreSQL at --host/--port (the test one by default), migrated by
 * db-scripts. {@code --contacts} contact records over ten years, generated in the database: 70 % voice
 * (queue and talk legs, IVR digits on one in ten), 15 % e-mail (with a mail reference), 12 % chat and 3 %
 * open media (six-message transcripts; some messages give a phone number, an e-mail address or an order
 * number); callers: 10 % anonymous, 45 % one-off callers (a pool of contacts/2), 45 % regulars (a pool of
 * contacts/50, about 22 contacts each, each with a 360-degree customer record: phone, e-mail, consents);
 * 200 agents with speed lists. Plain indexes are dropped for the bulk load and rebuilt after it (same
 * definitions); the text-identifier trigger of V8 runs as in production. Then {@code --subjects} data
 * subjects are added with ordinary INSERTs: each 100 contacts (60 calls, 20 e-mails, 15 chats under her
 * e-mail that mention her name and number, 5 anonymous open-media contacts where she writes her address),
 * a customer record with three identifiers, two consents, two speed-list entries; ANALYZE.</li>
 * <li>find ({@code ccs_gdpr_find}) of subject 1 by phone, e-mail and name: the first call in a new
 * session, then the median of {@code --repeat} calls; the same by phone and e-mail only; the same with
 * sequential scans forced ({@code enable_indexscan}, {@code enable_bitmapscan} and
 * {@code enable_indexonlyscan} off in the session; {@code --seq-runs} runs, default 1).</li>
 * <li>erase ({@code ccs_gdpr_erase}, not a dry run) of subjects 2 .. n-1, one each (median), then of
 * subject n with sequential scans forced.</li>
 * <li>Drops the database (unless --keep). {@code --reuse NAME --first-subject 9} measures a kept database
 * again with subjects 9 .. 8+n added first ({@code --no-seq}: without the sequential-scan runs).</li>
 * </ol>
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -cp 'bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' org.ccs.bench.gdpr.GdprBenchmark --contacts 1000000
 * java -cp 'bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' org.ccs.bench.gdpr.GdprBenchmark --contacts 10000000
 * </pre>
 */
public final class GdprBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SECRET = "5f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100";
    /** Tables whose plain (non-key) indexes are dropped for the bulk load and rebuilt after it. */
    private static final List<String> BULK_TABLES = List.of("contact_record", "contact_leg", "contact_data",
            "transcript_message", "email_reference", "customer", "customer_identifier", "consent_record",
            "gdpr_text_identifier");

    private String host = "127.0.0.1";
    private String port = "55432";
    private String admin = "postgres";
    private long contacts = 1_000_000;
    private int subjects = 8;
    private int repeat = 15;
    private int seqRuns = 1;
    private int first = 1;
    private boolean sequentialToo = true;
    private boolean keep;
    private String reuse;

    public static void main(String[] args) throws Exception {
        GdprBenchmark b = new GdprBenchmark();
        b.parse(args);
        b.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = args[++i];
                case "--admin" -> admin = args[++i];
                case "--contacts" -> contacts = Long.parseLong(args[++i]);
                case "--subjects" -> subjects = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--seq-runs" -> seqRuns = Integer.parseInt(args[++i]);
                case "--first-subject" -> first = Integer.parseInt(args[++i]);
                case "--no-seq" -> sequentialToo = false;
                case "--keep" -> keep = true;
                case "--reuse" -> reuse = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; see the class comment");
            }
        }
        if (subjects < 3) {
            throw new IllegalArgumentException("--subjects must be at least 3 (find, erase, erase by sequential scan)");
        }
    }

    private String url(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    private void run() throws Exception {
        String db = reuse != null ? reuse : "ccs_bench_gdpr_" + HexFormat.of().formatHex(bytes(4));
        if (reuse == null) {
            try (Connection c = DriverManager.getConnection(url("postgres"), admin, ""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db);
            }
        }
        System.out.printf(Locale.ROOT, "database %s, %,d contacts, %d subjects of 100 contacts%n", db, contacts, subjects);
        try {
            if (reuse == null) {
                Migrator.migrate(url(db), admin, "", Dialect.POSTGRESQL);
                long t0 = System.nanoTime();
                try (Connection c = DriverManager.getConnection(url(db), admin, "")) {
                    generate(c);
                    for (int k = 1; k <= subjects; k++) {
                        subject(c, k);
                    }
                    exec(c, "ANALYZE");
                    printSizes(c);
                }
                System.out.printf(Locale.ROOT, "generated in %.1f min%n", (System.nanoTime() - t0) / 6e10);
            }
            if (reuse != null && first > 1) {
                // fresh subjects in a database measured before (its first subjects are erased)
                try (Connection c = DriverManager.getConnection(url(db), admin, "")) {
                    for (int k = first; k < first + subjects; k++) {
                        subject(c, k);
                    }
                    exec(c, "ANALYZE");
                }
            }
            measure(db);
        } finally {
            if (!keep) {
                try (Connection c = DriverManager.getConnection(url("postgres"), admin, ""); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                }
                System.out.println("dropped " + db);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // generation
    // ------------------------------------------------------------------------------------------

    private void generate(Connection c) throws SQLException {
        long n = contacts;
        long regulars = Math.max(1, n / 50);
        long oneOffs = Math.max(1, n / 2);
        exec(c, "SELECT setseed(0.42)");
        exec(c, "INSERT INTO gdpr_site_secret (secret_hex, active, created_at) VALUES ('" + SECRET + "', true, now())");
        List<String> indexes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT i.indexname, i.indexdef FROM pg_indexes i"
                + " WHERE i.schemaname = current_schema() AND i.tablename IN ('" + String.join("','", BULK_TABLES) + "')"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)")) {
            while (rs.next()) {
                indexes.add(rs.getString(2));
                try (Statement d = c.createStatement()) {
                    d.execute("DROP INDEX " + rs.getString(1));
                }
            }
        }
        step(c, "organisation", """
                INSERT INTO department (name) VALUES ('Contact centre');
                INSERT INTO agent_group (name, department_id) SELECT 'Group ' || g, 1 FROM generate_series(1, 10) g;
                INSERT INTO agent (login_name, first_name, last_name, extension, department_id, state, state_since, pseudonym,
                                   created_at)
                    SELECT 'agent' || g, 'Agentfirst' || g, 'Agentlast' || g, (3000 + g)::text, 1, 'LOGGED_OFF', now(),
                           'agent-' || md5('agent' || g), now()
                      FROM generate_series(1, 200) g;
                INSERT INTO agent_group_member (group_id, agent_id, added_at)
                    SELECT 1 + (g % 10), g, now() FROM generate_series(1, 200) g;
                INSERT INTO speed_list_entry (agent_id, display_name, phone_number, phone_number_norm, source, sort_order, created_at)
                    SELECT 1 + (g % 200), 'Contact ' || g, '07700 ' || lpad((g % 1000000)::text, 6, '0'),
                           '+447700' || lpad((g % 1000000)::text, 6, '0'), 'MANUAL', g % 25, now()
                      FROM generate_series(1, 5000) g;
                """);
        step(c, "customers", """
                INSERT INTO customer (id, display_name, created_at)
                    SELECT g, 'Regular Customer' || g, timestamptz '2016-01-01' + g * interval '1 minute'
                      FROM generate_series(1, %1$d) g;
                SELECT setval('customer_id_seq', %1$d);
                INSERT INTO customer_identifier (customer_id, identifier_type, raw_value, normalised_value, created_at)
                    SELECT g, 'PHONE', '077 ' || lpad(g::text, 8, '0'), '+4477' || lpad(g::text, 8, '0'), now()
                      FROM generate_series(1, %1$d) g;
                INSERT INTO customer_identifier (customer_id, identifier_type, raw_value, normalised_value, created_at)
                    SELECT g, 'EMAIL', 'Regular' || g || '@Example.com', 'regular' || g || '@example.com', now()
                      FROM generate_series(1, %1$d) g;
                INSERT INTO consent_record (customer_id, purpose, status, source, recorded_by, recorded_at)
                    SELECT g, 'MARKETING_EMAIL', CASE WHEN g %% 3 = 0 THEN 'WITHDRAWN' ELSE 'GRANTED' END, 'WEB', 'web', now()
                      FROM generate_series(1, %1$d) g WHERE g %% 10 < 3;
                """.formatted(regulars));
        // one row per contact: channel, caller kind, pools drawn per row
        step(c, "contact records", """
                INSERT INTO contact_record (id, channel, direction, source_ref, caller_id_raw, caller_id_norm,
                        caller_presentation, designated_number, started_at, answered_at, ended_at, queue_seconds,
                        ring_seconds, talk_seconds, hold_seconds, outcome, agent_id, customer_id, correlator_data, created_at)
                SELECT g, ch, 'INBOUND', lower(ch) || ':' || g,
                       CASE WHEN kind = 0 THEN NULL WHEN ch = 'VOICE' THEN '0' || substr(num, 4) ELSE mail END,
                       CASE WHEN kind = 0 THEN NULL WHEN ch = 'VOICE' THEN num ELSE lower(mail) END,
                       CASE WHEN kind = 0 THEN 'RESTRICTED' ELSE 'AVAILABLE' END,
                       CASE WHEN ch = 'VOICE' THEN '4000' END,
                       at, at + interval '20 seconds', at + interval '200 seconds', 12, 8, 170, 10,
                       CASE WHEN ch = 'VOICE' THEN 'ANSWERED' ELSE 'HANDLED' END, 1 + (g %% 200),
                       CASE WHEN kind = 2 THEN pool END, NULL, at
                  FROM (SELECT g, at, kind, pool,
                               CASE WHEN rc < 0.70 THEN 'VOICE' WHEN rc < 0.85 THEN 'EMAIL' WHEN rc < 0.97 THEN 'CHAT'
                                    ELSE 'OPEN_MEDIA' END AS ch,
                               CASE WHEN kind = 2 THEN '+4477' ELSE '+4478' END || lpad(pool::text, 8, '0') AS num,
                               CASE WHEN kind = 2 THEN 'Regular' ELSE 'Oneoff' END || pool || '@Example.com' AS mail
                          FROM (SELECT g, random() AS rc,
                                       timestamptz '2016-01-01' + (g::float8 / %1$d) * interval '3650 days' AS at,
                                       CASE WHEN random() < 0.10 THEN 0 WHEN random() < 0.5 THEN 1 ELSE 2 END AS kind,
                                       random() AS rp
                                  FROM generate_series(1, %1$d) g) r0,
                               LATERAL (SELECT CASE WHEN r0.kind = 2 THEN 1 + floor(r0.rp * %2$d)::bigint
                                                    ELSE 1 + floor(r0.rp * %3$d)::bigint END AS pool) p) r;
                SELECT setval('contact_record_id_seq', %1$d);
                """.formatted(n, regulars, oneOffs));
        step(c, "legs", """
                INSERT INTO contact_leg (contact_id, leg_no, leg_type, device, agent_id, started_at, ended_at)
                    SELECT c.id, l.no, CASE l.no WHEN 1 THEN 'QUEUE' ELSE 'TALK' END,
                           CASE l.no WHEN 1 THEN '4000' ELSE (3000 + c.agent_id)::text END,
                           CASE l.no WHEN 1 THEN NULL ELSE c.agent_id END,
                           c.started_at + (l.no - 1) * interval '20 seconds', c.started_at + l.no * interval '100 seconds'
                      FROM contact_record c, (VALUES (1), (2)) l (no)
                     WHERE c.channel = 'VOICE';
                INSERT INTO contact_data (contact_id, seq, data_key, masked_value, encrypted_value, key_id, collected_at)
                    SELECT c.id, 1, 'account_number', '******' || lpad((c.id % 10000)::text, 4, '0'),
                           md5(c.id::text), 'ivr-1', c.started_at
                      FROM contact_record c WHERE c.channel = 'VOICE' AND c.id % 10 = 3;
                """);
        step(c, "e-mail references", """
                INSERT INTO email_reference (contact_id, mailbox, folder, uid_validity, uid, message_id, subject, received_at)
                    SELECT c.id, 'support@example.com', 'INBOX', 1, c.id, '<' || c.id || '.bench@mail.example.com>',
                           (ARRAY['Question about my invoice', 'Delivery delayed', 'Refund for order ' || (c.id % 100000),
                                  'Change of address', 'Complaint', 'Re: your ticket ' || (c.id % 1000000)])[1 + (c.id % 6)],
                           c.started_at
                      FROM contact_record c WHERE c.channel = 'EMAIL';
                """);
        step(c, "transcripts", """
                INSERT INTO transcript_message (contact_id, seq, sender_type, sender_id, sent_at, message_text)
                    SELECT c.id, m.seq, CASE WHEN m.seq % 2 = 1 THEN 'CUSTOMER' ELSE 'AGENT' END,
                           CASE WHEN m.seq % 2 = 1 THEN c.caller_id_norm ELSE 'agent' || c.agent_id END,
                           c.started_at + m.seq * interval '30 seconds',
                           CASE WHEN m.seq % 2 = 0 THEN
                                    (ARRAY['How can I help you today?', 'Let me check that for you.',
                                           'Thank you for waiting.', 'Is there anything else?'])[1 + ((c.id + m.seq) % 4)]
                                WHEN (c.id + m.seq) % 33 = 0 AND c.caller_id_norm LIKE '+%'
                                    THEN 'You can call me back on 0' || substr(c.caller_id_norm, 4) || ' after six'
                                WHEN (c.id + m.seq) % 47 = 0
                                    THEN 'Please write to me at ' || coalesce(c.caller_id_raw, 'someone' || c.id || '@example.com')
                                WHEN (c.id + m.seq) % 7 = 0 THEN 'It is about order ' || (c.id % 100000) || ', still not here'
                                ELSE (ARRAY['Hello, I have a question about my delivery', 'My parcel has not arrived yet',
                                            'I would like to change my booking', 'The product I received is damaged',
                                            'Can you tell me when the shop opens?', 'Thanks, that helps a lot'])[1 + ((c.id * 7 + m.seq) % 6)]
                           END
                      FROM contact_record c, generate_series(1, 6) m (seq)
                     WHERE c.channel IN ('CHAT', 'OPEN_MEDIA');
                """);
        step(c, "indexes", String.join(";\n", indexes) + ";");
    }

    /** Subject k: 100 contacts and the rest, through ordinary INSERTs (the text trigger indexes her words). */
    private void subject(Connection c, int k) throws SQLException {
        String phone = "+44207946" + String.format(Locale.ROOT, "%04d", 100 + k);
        String national = "020 7946 " + String.format(Locale.ROOT, "%04d", 100 + k);
        String mail = "bench.subject" + k + "@example.com";
        String name = "Quinta Subjectova" + (char) ('a' + k);
        long customer;
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer (display_name, created_at) VALUES (?, now())",
                new String[] {"id"})) {
            ps.setString(1, name);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                customer = rs.getLong(1);
            }
        }
        update(c, "INSERT INTO customer_identifier (customer_id, identifier_type, raw_value, normalised_value, created_at)"
                + " VALUES (?, 'PHONE', ?, ?, now()), (?, 'EMAIL', ?, ?, now()), (?, 'CUSTOMER_ID', ?, ?, now())",
                customer, national, phone, customer, mail, mail, customer, "C-" + k, "C-" + k);
        update(c, "INSERT INTO consent_record (customer_id, purpose, status, source, recorded_by, recorded_at)"
                + " VALUES (?, 'MARKETING_EMAIL', 'GRANTED', 'WEB', 'web', now()), (?, 'CALL_RECORDING', 'GRANTED', 'IVR', 'ivr', now())",
                customer, customer);
        update(c, "INSERT INTO speed_list_entry (agent_id, display_name, phone_number, phone_number_norm, source, sort_order,"
                + " created_at) VALUES (?, ?, ?, ?, 'MANUAL', 1, now()), (?, ?, ?, ?, 'MANUAL', 1, now())",
                (long) (k % 200 + 1), name, national, phone, (long) ((k + 7) % 200 + 1), name, national, phone);
        try (PreparedStatement contact = c.prepareStatement("INSERT INTO contact_record (channel, direction, source_ref,"
                + " caller_id_raw, caller_id_norm, caller_presentation, designated_number, started_at, answered_at, ended_at,"
                + " queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, agent_id, customer_id, created_at)"
                + " VALUES (?, 'INBOUND', ?, ?, ?, ?, ?, timestamptz '2016-01-01' + ? * interval '1 day', NULL,"
                + " timestamptz '2016-01-01' + ? * interval '1 day' + interval '5 minutes', 10, 5, 280, 0, 'HANDLED', ?, ?, now())",
                new String[] {"id"})) {
            for (int i = 0; i < 100; i++) {
                String channel = i < 60 ? "VOICE" : i < 80 ? "EMAIL" : i < 95 ? "CHAT" : "OPEN_MEDIA";
                boolean anonymous = channel.equals("OPEN_MEDIA");
                contact.setString(1, channel);
                contact.setString(2, "bench-subject-" + k + "-" + i);
                contact.setString(3, anonymous ? null : channel.equals("VOICE") ? national : name + " <" + mail + ">");
                contact.setString(4, anonymous ? null : channel.equals("VOICE") ? phone : mail);
                contact.setString(5, anonymous ? "NOT_KNOWN" : "AVAILABLE");
                contact.setString(6, channel.equals("VOICE") ? "4000" : null);
                contact.setInt(7, (int) (i * 36.5 + k));
                contact.setInt(8, (int) (i * 36.5 + k));
                contact.setLong(9, 1 + (i + k) % 200);
                if (channel.equals("VOICE") && i % 2 == 0) {
                    contact.setLong(10, customer);
                } else {
                    contact.setNull(10, java.sql.Types.BIGINT);
                }
                contact.executeUpdate();
                long id;
                try (ResultSet rs = contact.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                switch (channel) {
                    case "VOICE" -> {
                        update(c, "INSERT INTO contact_leg (contact_id, leg_no, leg_type, device, agent_id, started_at, ended_at)"
                                + " SELECT ?, l, CASE l WHEN 1 THEN 'QUEUE' ELSE 'TALK' END, '4000', NULL, now(), now()"
                                + " FROM generate_series(1, 2) l", id);
                        if (i % 10 == 0) {
                            update(c, "INSERT INTO contact_data (contact_id, seq, data_key, masked_value, collected_at)"
                                    + " VALUES (?, 1, 'account_number', '******1234', now())", id);
                        }
                    }
                    case "EMAIL" -> update(c, "INSERT INTO email_reference (contact_id, mailbox, folder, uid_validity, uid,"
                            + " message_id, subject, received_at) VALUES (?, 'support@example.com', 'INBOX', 2, ?, ?, ?, now())",
                            id, id, "<s" + k + "." + i + "@mail.example.com>", "My parcel " + i + " (" + name + ")");
                    default -> {
                        String[] texts = anonymous
                                ? new String[] {"Hello, I am writing from a friend's account", "Please answer to " + mail,
                                    "Thank you"}
                                : new String[] {"Hi, this is " + name + " again", "You can reach me on " + national,
                                    "The blue teapot was broken on arrival"};
                        for (int m = 0; m < texts.length; m++) {
                            update(c, "INSERT INTO transcript_message (contact_id, seq, sender_type, sender_id, sent_at,"
                                    + " message_text) VALUES (?, ?, 'CUSTOMER', NULL, now(), ?)", id, (long) (m + 1), texts[m]);
                        }
                    }
                }
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    // ------------------------------------------------------------------------------------------
    // measurement
    // ------------------------------------------------------------------------------------------

    private void measure(String db) throws SQLException {
        String full = subjectSpec(first, true);
        String noName = subjectSpec(first, false);
        // the first call in a new session (plans not cached yet), then warm calls
        double cold;
        int rows;
        try (Connection c = DriverManager.getConnection(url(db), admin, "")) {
            long t = System.nanoTime();
            rows = find(c, full);
            cold = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf(Locale.ROOT, "find (phone, e-mail, name), first call in a new session: %.1f ms, %d rows%n", cold, rows);
        double warm = median(db, full, false, repeat);
        System.out.printf(Locale.ROOT, "find (phone, e-mail, name), median of %d: %.1f ms%n", repeat, warm);
        double warmNoName = median(db, noName, false, repeat);
        System.out.printf(Locale.ROOT, "find (phone, e-mail), median of %d: %.1f ms%n", repeat, warmNoName);
        double seq = sequentialToo ? median(db, full, true, seqRuns) : Double.NaN;
        System.out.printf(Locale.ROOT, "find (phone, e-mail, name), sequential scans, median of %d: %.1f ms (%.0fx)%n", seqRuns,
                seq, seq / warm);

        double[] erase = new double[subjects - 2];
        int erased = 0;
        for (int k = first + 1; k < first + subjects - 1; k++) {
            try (Connection c = DriverManager.getConnection(url(db), admin, "")) {
                find(c, "phone:+44 20 7946 0000"); // plans of the session ready, as for the find above
                long t = System.nanoTime();
                erased = erase(c, subjectSpec(k, true));
                erase[k - first - 1] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(erase);
        double eraseMedian = erase[erase.length / 2];
        System.out.printf(Locale.ROOT, "erase (phone, e-mail, name; %d rows changed or deleted), median of %d subjects: %.1f ms"
                + " (all: %s)%n", erased, erase.length, eraseMedian, Arrays.toString(erase));
        double eraseSeq = Double.NaN;
        if (sequentialToo) {
            try (Connection c = DriverManager.getConnection(url(db), admin, "")) {
                sequential(c);
                find(c, "phone:+44 20 7946 0000");
                long t = System.nanoTime();
                erase(c, subjectSpec(first + subjects - 1, true));
                eraseSeq = (System.nanoTime() - t) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "erase, sequential scans: %.1f ms (%.0fx)%n", eraseSeq, eraseSeq / eraseMedian);
        System.out.printf(Locale.ROOT, "RESULT contacts=%d find_ms=%.1f find_cold_ms=%.1f find_no_name_ms=%.1f find_seq_ms=%.1f"
                + " erase_ms=%.1f erase_seq_ms=%.1f%n", contacts, warm, cold, warmNoName, seq, eraseMedian, eraseSeq);
    }

    private static String subjectSpec(int k, boolean withName) {
        return "phone:020 7946 " + String.format(Locale.ROOT, "%04d", 100 + k) + ";email:Bench.Subject" + k + "@example.com"
                + (withName ? ";name:Quinta Subjectova" + (char) ('a' + k) : "");
    }

    private double median(String db, String subject, boolean sequential, int runs) throws SQLException {
        double[] ms = new double[runs];
        try (Connection c = DriverManager.getConnection(url(db), admin, "")) {
            if (sequential) {
                sequential(c);
            } else {
                find(c, subject); // warm-up: plans cached as in a session that has run a request before
            }
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                find(c, subject);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static void sequential(Connection c) throws SQLException {
        exec(c, "SET enable_indexscan = off");
        exec(c, "SET enable_bitmapscan = off");
        exec(c, "SET enable_indexonlyscan = off");
    }

    private static int find(Connection c, String subject) throws SQLException {
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ccs_gdpr_find(?, 'BENCH-1')")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
        }
        return rows;
    }

    private static int erase(Connection c, String subject) throws SQLException {
        int changed = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ccs_gdpr_erase(?, 'BENCH-2', false)")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString("erase_action").equals("KEEP")) {
                        changed += rs.getInt("row_count");
                    }
                    if (rs.getString("erase_action").equals("REFUSED")) {
                        throw new IllegalStateException(rs.getString("note"));
                    }
                }
            }
        }
        return changed;
    }

    private void printSizes(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT relname, n_live_tup FROM pg_stat_user_tables"
                + " WHERE relname IN ('contact_record', 'contact_leg', 'contact_data', 'transcript_message', 'email_reference',"
                + " 'customer', 'customer_identifier', 'gdpr_text_identifier') ORDER BY relname")) {
            StringBuilder b = new StringBuilder("rows:");
            while (rs.next()) {
                b.append(String.format(Locale.ROOT, " %s=%,d", rs.getString(1), rs.getLong(2)));
            }
            System.out.println(b);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_size_pretty(pg_database_size(current_database()))")) {
            rs.next();
            System.out.println("database size: " + rs.getString(1));
        }
    }

    private static void step(Connection c, String what, String sql) throws SQLException {
        long t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        System.out.printf(Locale.ROOT, "  %-18s %6.1f s%n", what, (System.nanoTime() - t) / 1e9);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else {
                    ps.setString(i + 1, (String) values[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
