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
 * 200 agents with speed lists and media skills. Every text contact has its conversation (V10
 * media_conversation, closed: no party data, conversation_ref on the contact record). Plain indexes are
 * dropped for the bulk load and rebuilt after it (same definitions); the text-identifier trigger of V8
 * runs as in production. Then the working set of open conversations through ordinary INSERTs (the
 * trigger of V12 indexes their messages): 160 chats (one in five anonymous) and 140 SMS, queued, offered
 * or active, with one to seven messages each, and the latest 100 e-mail threads reopened. Then
 * {@code --subjects} data subjects are added with ordinary INSERTs: each 100 contacts (60 calls, 20 e-mails
 * in 10 threads, 15 chats under her e-mail that mention her name and number, 5 anonymous open-media
 * contacts where she writes her address; their conversations closed), a customer record with three
 * identifiers, two consents, two speed-list entries, and four open conversations: a chat under her
 * address and name, an SMS from her number in national form, an anonymous chat in which she writes her
 * address, another customer's chat that names her and gives her number; ANALYZE.</li>
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
            "gdpr_text_identifier", "media_conversation", "conversation_message");
    /** Open conversations of other customers (chats, SMS, e-mail threads), the working set of a busy site. */
    private static final int OPEN_CHATS = 160;
    private static final int OPEN_SMS = 140;
    private static final int OPEN_MAIL_THREADS = 100;

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
                System.out.printf(Locale.ROOT, "generated in %.1f min%s%n", (System.nanoTime() - t0) / 6e10, load());
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
                INSERT INTO mailbox (address, display_name, imap_host, imap_port, imap_folder, login_name, credential_alias,
                                     group_id, active, smtp_host, smtp_port, sent_folder, error_folder)
                    VALUES ('support@example.com', 'Support', 'mail.example.com', 993, 'INBOX', 'support', 'mail-support', 1,
                            true, 'mail.example.com', 587, 'Sent', 'Unparseable');
                INSERT INTO chat_entry_point (entry_key, name, allowed_origin, group_id, active, key_hash)
                    VALUES ('web-shop', 'Web shop', 'https://shop.example.com', 2, true, 'bench-no-key');
                INSERT INTO open_media_connector (name, key_hash, group_id, active) VALUES ('sms-gateway', 'bench-no-key', 3, true);
                INSERT INTO agent_media_skill (agent_id, media, max_parallel)
                    SELECT a, m, CASE m WHEN 'EMAIL' THEN 5 ELSE 3 END
                      FROM generate_series(1, 200) a, unnest(ARRAY['EMAIL', 'CHAT', 'OPEN_MEDIA']) m
                     WHERE m <> 'OPEN_MEDIA' OR a % 2 = 0;
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
                        ring_seconds, talk_seconds, hold_seconds, outcome, agent_id, customer_id, correlator_data, created_at,
                        conversation_ref)
                SELECT g, ch, 'INBOUND', lower(ch) || ':' || g,
                       CASE WHEN kind = 0 THEN NULL WHEN ch = 'VOICE' THEN '0' || substr(num, 4) ELSE mail END,
                       CASE WHEN kind = 0 THEN NULL WHEN ch = 'VOICE' THEN num ELSE lower(mail) END,
                       CASE WHEN kind = 0 THEN 'RESTRICTED' ELSE 'AVAILABLE' END,
                       CASE WHEN ch = 'VOICE' THEN '4000' END,
                       at, at + interval '20 seconds', at + interval '200 seconds', 12, 8, 170, 10,
                       CASE WHEN ch = 'VOICE' THEN 'ANSWERED' ELSE 'HANDLED' END, 1 + (g %% 200),
                       CASE WHEN kind = 2 THEN pool END, NULL, at,
                       CASE WHEN ch <> 'VOICE' THEN md5('conversation-' || g)::uuid::text END
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
        // every text contact came from a conversation (V10); closed ones keep their row without party data
        step(c, "conversations", """
                INSERT INTO media_conversation (id, conversation_ref, channel, source_id, sub_channel, group_id, state,
                        party_raw, party_norm, party_name, access_hash, agent_id, next_seq, started_at, queued_at,
                        accepted_at, ended_at, last_activity_at)
                    SELECT c.id, c.conversation_ref, c.channel, 1, CASE WHEN c.channel = 'OPEN_MEDIA' THEN 'SMS' END,
                           1 + c.id % 10, 'CLOSED', NULL, NULL, NULL,
                           CASE WHEN c.channel = 'CHAT' THEN md5('token-' || c.id) || md5('token2-' || c.id) END,
                           c.agent_id, CASE WHEN c.channel = 'EMAIL' THEN 1 ELSE 7 END, c.started_at, c.started_at,
                           c.answered_at, c.ended_at, c.ended_at
                      FROM contact_record c WHERE c.conversation_ref IS NOT NULL;
                SELECT setval('media_conversation_id_seq', (SELECT max(id) FROM media_conversation));
                """);
        step(c, "indexes", String.join(";\n", indexes) + ";");
        openConversations(c);
    }

    /**
     * The working set of a busy site, through ordinary INSERTs (the text-identifier trigger of V12 runs):
     * open chats (one in five anonymous) and SMS conversations, queued, offered or active, with one to
     * seven messages each (customers give phone numbers, e-mail addresses and order numbers), and the
     * latest e-mail threads reopened by the customer's mail. Only reserved numbers (+44 20 7946 03xx to
     * 06xx) and example.com addresses.
     */
    private void openConversations(Connection c) throws SQLException {
        step(c, "open conversations", """
                INSERT INTO media_conversation (conversation_ref, channel, source_id, sub_channel, group_id, state,
                        party_raw, party_norm, party_name, access_hash, agent_id, next_seq, started_at, queued_at,
                        accepted_at, ended_at, last_activity_at)
                    SELECT md5('open-' || g)::uuid::text, ch, 1, CASE WHEN ch = 'OPEN_MEDIA' THEN 'SMS' END, 1 + g %% 10, st,
                           CASE WHEN ch = 'OPEN_MEDIA' THEN '020 7946 0' || (300 + g)
                                WHEN g %% 5 <> 0 THEN 'Open.Chat' || g || '@Example.com' END,
                           CASE WHEN ch = 'OPEN_MEDIA' THEN '+442079460' || (300 + g)
                                WHEN g %% 5 <> 0 THEN 'open.chat' || g || '@example.com' END,
                           CASE WHEN ch = 'CHAT' AND g %% 5 <> 0 THEN 'Chat Visitor' || g END,
                           CASE WHEN ch = 'CHAT' THEN md5('token-open-' || g) || md5('token2-open-' || g) END,
                           CASE WHEN st <> 'QUEUED' THEN 1 + g %% 200 END, 1 + n, now() - g * interval '20 seconds',
                           now() - g * interval '20 seconds', CASE WHEN st = 'ACTIVE' THEN now() - g * interval '10 seconds' END,
                           NULL, now() - g * interval '5 seconds'
                      FROM (SELECT g, CASE WHEN g <= %1$d THEN 'CHAT' ELSE 'OPEN_MEDIA' END AS ch,
                                   CASE WHEN g %% 20 < 5 THEN 'QUEUED' WHEN g %% 20 < 7 THEN 'OFFERED' ELSE 'ACTIVE' END AS st,
                                   1 + g %% 7 AS n
                              FROM generate_series(1, %2$d) g) o;
                INSERT INTO conversation_message (conversation_id, seq, sender_type, sender_id, sent_at, message_text)
                    SELECT m.id, s, CASE WHEN s %% 2 = 0 AND m.state = 'ACTIVE' THEN 'AGENT' ELSE 'CUSTOMER' END,
                           CASE WHEN s %% 2 = 0 AND m.state = 'ACTIVE' THEN 'agent' || m.agent_id
                                WHEN m.channel = 'OPEN_MEDIA' THEN m.party_raw END,
                           m.started_at + s * interval '1 second',
                           CASE WHEN s %% 2 = 0 AND m.state = 'ACTIVE' THEN
                                    (ARRAY['How can I help you today?', 'Let me check that for you.',
                                           'Thank you for waiting.', 'Is there anything else?'])[1 + ((m.id + s) %% 4)]
                                WHEN (m.id + s) %% 9 = 0 THEN 'You can call me back on 020 7946 0' || (300 + m.id %% 400)
                                WHEN (m.id + s) %% 13 = 0 THEN 'Please write to me at open.chat' || m.id %% 400 || '@example.com'
                                WHEN (m.id + s) %% 3 = 0 THEN 'It is about order ' || (m.id %% 100000) || ', still not here'
                                ELSE (ARRAY['Hello, I have a question about my delivery', 'My parcel has not arrived yet',
                                            'I would like to change my booking', 'The product I received is damaged',
                                            'Can you tell me when the shop opens?', 'Thanks, that helps a lot'])[1 + ((m.id * 7 + s) %% 6)]
                           END
                      FROM media_conversation m, generate_series(1, m.next_seq - 1) s
                     WHERE m.state <> 'CLOSED' AND m.channel <> 'EMAIL';
                UPDATE media_conversation m
                   SET state = CASE WHEN t.r %% 4 = 0 THEN 'ACTIVE' ELSE 'QUEUED' END, party_raw = t.caller_id_raw,
                       party_norm = t.caller_id_norm, agent_id = CASE WHEN t.r %% 4 = 0 THEN 1 + t.r %% 200 END,
                       next_seq = 1, queued_at = now() - t.r * interval '1 minute',
                       accepted_at = CASE WHEN t.r %% 4 = 0 THEN now() - t.r * interval '30 seconds' END, ended_at = NULL,
                       last_activity_at = now() - t.r * interval '30 seconds'
                  FROM (SELECT c.conversation_ref, c.caller_id_raw, c.caller_id_norm, row_number() OVER (ORDER BY c.id DESC) AS r
                          FROM contact_record c
                         WHERE c.channel = 'EMAIL' AND c.caller_id_norm IS NOT NULL
                         ORDER BY c.id DESC LIMIT %3$d) t
                 WHERE m.conversation_ref = t.conversation_ref;
                """.formatted(OPEN_CHATS, OPEN_CHATS + OPEN_SMS, OPEN_MAIL_THREADS));
    }

    /** Subject k: 100 contacts and the rest, through ordinary INSERTs (the text trigger indexes her words). */
    private void subject(Connection c, int k) throws SQLException {
        String phone = "+44207946" + String.format(Locale.ROOT, "%04d", 100 + k);
        String national = "020 7946 " + String.format(Locale.ROOT, "%04d", 100 + k);
        String mail = "bench.subject" + k + "@example.com";
        String name = name(k);
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
                + " queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, agent_id, customer_id, created_at,"
                + " conversation_ref)"
                + " VALUES (?, 'INBOUND', ?, ?, ?, ?, ?, timestamptz '2016-01-01' + ? * interval '1 day', NULL,"
                + " timestamptz '2016-01-01' + ? * interval '1 day' + interval '5 minutes', 10, 5, 280, 0, 'HANDLED', ?, ?, now(),"
                + " ?)",
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
                // text contacts came from a conversation, closed since (no party data left); two mails to a thread
                String ref = channel.equals("VOICE") ? null
                        : uuid("bench-subject-" + k + "-" + (channel.equals("EMAIL") ? "thread-" + i / 2 : "conversation-" + i));
                contact.setString(11, ref);
                if (ref != null && (!channel.equals("EMAIL") || i % 2 == 0)) {
                    conversation(c, ref, channel, channel.equals("OPEN_MEDIA") ? "SMS" : null, "CLOSED", null, null, null,
                            1 + (i + k) % 200, channel.equals("EMAIL") ? 1 : 4);
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
        openConversations(c, k, phone, national, mail, name);
        c.commit();
        c.setAutoCommit(true);
    }

    /**
     * Subject k's conversations open now (V12): a chat under her address (typed in another case) with her
     * name, an SMS from her number as the gateway gives it (national form; the server keeps the party's
     * normal form in E.164, as for callers), an anonymous chat in which she writes her address, and another customer's open chat that
     * names her and gives her number.
     */
    private static void openConversations(Connection c, int k, String phone, String national, String mail, String name)
            throws SQLException {
        String typed = "Bench.Subject" + k + "@Example.com";
        long chat = conversation(c, uuid("bench-subject-" + k + "-open-chat"), "CHAT", null, "ACTIVE", typed, mail, name,
                1 + k % 200, 4);
        message(c, chat, 1, "CUSTOMER", null, "Hello again, the green umbrella from order 66" + k + " has not come");
        message(c, chat, 2, "AGENT", "agent" + (1 + k % 200), "Let me look into it.");
        message(c, chat, 3, "CUSTOMER", null, "Text me on " + national + " please");
        long sms = conversation(c, uuid("bench-subject-" + k + "-open-sms"), "OPEN_MEDIA", "SMS", "QUEUED", national,
                phone, null, null, 2);
        message(c, sms, 1, "CUSTOMER", national, "Is the refund for parcel 77" + k + " on its way?");
        long anonymous = conversation(c, uuid("bench-subject-" + k + "-open-anonymous"), "CHAT", null, "ACTIVE", null, null,
                null, 1 + (k + 3) % 200, 4);
        message(c, anonymous, 1, "CUSTOMER", null, "Hi, I am asking for my mother, about a return");
        message(c, anonymous, 2, "AGENT", "agent" + (1 + (k + 3) % 200), "Of course, where should we write to?");
        message(c, anonymous, 3, "CUSTOMER", null, "Please write to " + typed.toUpperCase(Locale.ROOT));
        String other = "olwen.neighbour" + k + "@example.com";
        long neighbour = conversation(c, uuid("bench-subject-" + k + "-open-neighbour"), "CHAT", null, "ACTIVE", other, other,
                "Olwen Neighbour", 1 + (k + 5) % 200, 4);
        message(c, neighbour, 1, "CUSTOMER", null, "I would like to change my delivery address");
        message(c, neighbour, 2, "AGENT", "agent" + (1 + (k + 5) % 200), "Of course, what is the new address?");
        message(c, neighbour, 3, "CUSTOMER", null, "Same as my neighbour " + name + ", she said you can call her on (020) 7946-"
                + phone.substring(phone.length() - 4));
    }

    private static long conversation(Connection c, String ref, String channel, String subChannel, String state, String partyRaw,
                                     String partyNorm, String partyName, Integer agent, int nextSeq) throws SQLException {
        boolean closed = state.equals("CLOSED");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO media_conversation (conversation_ref, channel, source_id,"
                + " sub_channel, group_id, state, party_raw, party_norm, party_name, access_hash, agent_id, next_seq, started_at,"
                + " queued_at, accepted_at, ended_at, last_activity_at) VALUES (?, ?, 1, ?, 1, ?, ?, ?, ?, ?, ?, ?,"
                + " now() - interval '10 minutes', now() - interval '10 minutes',"
                + " CASE WHEN ? THEN now() - interval '9 minutes' END, CASE WHEN ? THEN now() END, now())",
                new String[] {"id"})) {
            ps.setString(1, ref);
            ps.setString(2, channel);
            ps.setString(3, subChannel);
            ps.setString(4, state);
            ps.setString(5, partyRaw);
            ps.setString(6, partyNorm);
            ps.setString(7, partyName);
            ps.setString(8, channel.equals("CHAT") ? HexFormat.of().formatHex(bytes(32)) : null);
            if (agent == null) {
                ps.setNull(9, java.sql.Types.BIGINT);
            } else {
                ps.setLong(9, agent);
            }
            ps.setInt(10, nextSeq);
            ps.setBoolean(11, agent != null);
            ps.setBoolean(12, closed);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void message(Connection c, long conversation, int seq, String senderType, String senderId, String text)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_message (conversation_id, seq, sender_type,"
                + " sender_id, sent_at, message_text) VALUES (?, ?, ?, ?, now(), ?)")) {
            ps.setLong(1, conversation);
            ps.setInt(2, seq);
            ps.setString(3, senderType);
            ps.setString(4, senderId);
            ps.setString(5, text);
            ps.executeUpdate();
        }
    }

    private static String uuid(String seed) {
        return java.util.UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
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
        System.out.printf(Locale.ROOT, "find (phone, e-mail, name), first call in a new session: %.1f ms, %d rows%s%n", cold, rows, load());
        double warm = median(db, full, false, repeat);
        System.out.printf(Locale.ROOT, "find (phone, e-mail, name), median of %d: %.1f ms%s%n", repeat, warm, load());
        double warmNoName = median(db, noName, false, repeat);
        System.out.printf(Locale.ROOT, "find (phone, e-mail), median of %d: %.1f ms%s%n", repeat, warmNoName, load());
        double seq = sequentialToo ? median(db, full, true, seqRuns) : Double.NaN;
        System.out.printf(Locale.ROOT, "find (phone, e-mail, name), sequential scans, median of %d: %.1f ms (%.0fx)%s%n", seqRuns,
                seq, seq / warm, load());

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
                + " (all: %s)%s%n", erased, erase.length, eraseMedian, Arrays.toString(erase), load());
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
        System.out.printf(Locale.ROOT, "erase, sequential scans: %.1f ms (%.0fx)%s%n", eraseSeq, eraseSeq / eraseMedian, load());
        System.out.printf(Locale.ROOT, "RESULT contacts=%d find_ms=%.1f find_cold_ms=%.1f find_no_name_ms=%.1f find_seq_ms=%.1f"
                + " erase_ms=%.1f erase_seq_ms=%.1f%n", contacts, warm, cold, warmNoName, seq, eraseMedian, eraseSeq);
    }

    /** Subject k's name: one letter after "Subjectova" up to k = 25 (as in the first runs), two letters from 26 on. */
    private static String name(int k) {
        if (k < 1 || k > 99) {
            throw new IllegalArgumentException("subjects are numbered 1 to 99 (phone +44 20 7946 0101 .. 0199)");
        }
        return "Quinta Subjectova" + (k < 26 ? String.valueOf((char) ('a' + k))
                : String.valueOf((char) ('a' + k / 26)) + (char) ('a' + k % 26));
    }

    private static String subjectSpec(int k, boolean withName) {
        return "phone:020 7946 " + String.format(Locale.ROOT, "%04d", 100 + k) + ";email:Bench.Subject" + k + "@example.com"
                + (withName ? ";name:" + name(k) : "");
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
                + " 'customer', 'customer_identifier', 'gdpr_text_identifier', 'media_conversation', 'conversation_message')"
                + " ORDER BY relname")) {
            StringBuilder b = new StringBuilder("rows:");
            while (rs.next()) {
                b.append(String.format(Locale.ROOT, " %s=%,d", rs.getString(1), rs.getLong(2)));
            }
            System.out.println(b);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT string_agg(channel || ' ' || state || '="
                + "' || n, ', ' ORDER BY channel, state) FROM (SELECT channel, state, count(*) AS n FROM media_conversation"
                + " WHERE state <> 'CLOSED' GROUP BY channel, state) o")) {
            rs.next();
            System.out.println("open conversations: " + rs.getString(1));
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

    /** The load average (1, 5, 15 minutes) when a figure is printed: the machine may be shared. */
    private static String load() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return " [load " + f[0] + " " + f[1] + " " + f[2] + "]";
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
