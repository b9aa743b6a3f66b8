package org.ccs.bench.retention;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ccs.db.Dialect;
import org.ccs.db.Migrator;
import org.ccs.server.retention.PurgeOptions;
import org.ccs.server.retention.PurgeRunView;
import org.ccs.server.retention.PurgeRunner;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Retention purge of the oldest month of a large contact history, next to concurrent ingestion
 * (issue 5). Not a test: run by hand, figures go to docs/performance.md.
 *
 * <ol>
 * <li>A database of its own on the PostgreSQL at --host/--port (the test one by default), migrated by
 * db-scripts; {@code --rows} contact records (2 legs each; one in ten linked to a customer with an
 * identifier and a consent, two contacts per customer within a month) spread evenly over {@code --months}
 * months, generated in the database, then VACUUM ANALYZE.</li>
 * <li>{@code --writers} threads ingest contacts as the server does (look-up by channel and source
 * reference, INSERT of the record and its two legs, COMMIT; one transaction per contact) at
 * {@code --rate} contacts per second in total, all through the measurement.</li>
 * <li>{@code --repeat} times: a window of {@code --baseline} seconds without purge, then the purge of the
 * oldest month left by {@link PurgeRunner} (the server's purge: the database routines of V9, as a member
 * of ccs_app; the clock is set so that the CONTACT_RECORD cutoff is the end of that month, the other
 * categories have nothing due). Each ingested contact counts in the window it started in, so that both
 * figures see the same background load of the machine.</li>
 * <li>Prints each purge's time and counts and the ingestion latency percentiles of both kinds of
 * window; drops the database (unless --keep; then {@code --reuse NAME --purge-month K} measures the
 * months from K on again).</li>
 * </ol>
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -cp 'bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' org.ccs.bench.retention.PurgeBenchmark \
 *      --rows 10000000 --months 120 --batch 2000 --writers 4 --rate 200 --repeat 3
 * </pre>
 */
public final class PurgeBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ZonedDateTime FIRST_MONTH = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private String host = "127.0.0.1";
    private String port = "55432";
    private String admin = "postgres";
    private long rows = 10_000_000;
    private int months = 120;
    private int batch = 2000;
    private int pauseMillis = 0;
    private int writers = 4;
    private int rate = 200;
    private int baselineSeconds = 5;
    private int repeat = 3;
    private boolean keep;
    /** One contact in three is a chat of a closed conversation (two contacts each), which V13 purges with them. */
    private boolean conversations = true;
    private String reuse;
    private int purgeMonth;

    public static void main(String[] args) throws Exception {
        PurgeBenchmark b = new PurgeBenchmark();
        b.parse(args);
        b.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--host" -> host = args[++i];
                case "--port" -> port = args[++i];
                case "--admin" -> admin = args[++i];
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--months" -> months = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--pause" -> pauseMillis = Integer.parseInt(args[++i]);
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--baseline" -> baselineSeconds = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                case "--no-conversations" -> conversations = false;
                case "--reuse" -> reuse = args[++i];
                case "--purge-month" -> purgeMonth = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + a + "; see the class comment");
            }
        }
    }

    private String url(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    private void run() throws Exception {
        String db = reuse != null ? reuse : "ccs_bench_purge_" + suffix();
        String appUser = "bench_app_" + suffix();
        String appPassword = "pw-" + appUser;
        try (Connection c = DriverManager.getConnection(url("postgres"), admin, "");
             Statement s = c.createStatement()) {
            if (reuse == null) {
                s.execute("CREATE DATABASE " + db);
            }
            s.execute("CREATE ROLE " + appUser + " LOGIN PASSWORD '" + appPassword + "' IN ROLE ccs_app");
        } catch (SQLException e) {
            if (reuse == null) {
                throw e;
            }
        }
        try {
            long perMonth = rows / months;
            System.out.printf(Locale.ROOT, "database %s: %,d contact records over %d months (%,d a month), 2 legs each%n",
                    db, perMonth * months, months, perMonth);
            if (reuse == null) {
                Migrator.migrate(url(db), admin, "", Dialect.POSTGRESQL);
                generate(db, perMonth);
            }
            measure(db, appUser, appPassword, perMonth);
        } finally {
            try (Connection c = DriverManager.getConnection(url("postgres"), admin, "");
                 Statement s = c.createStatement()) {
                if (!keep) {
                    s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                    System.out.println("database " + db + " dropped");
                } else {
                    System.out.println("database " + db + " kept (--keep)");
                }
                s.execute("DROP ROLE IF EXISTS " + appUser);
            }
        }
    }

    /** Month by month in the database: customers, contacts with their legs; then VACUUM ANALYZE. */
    private void generate(String db, long perMonth) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url(db), admin, "")) {
            c.setAutoCommit(true);
            long customersPerMonth = perMonth / 20;
            for (int m = 0; m < months; m++) {
                ZonedDateTime from = FIRST_MONTH.plusMonths(m);
                long seconds = Duration.between(from, from.plusMonths(1)).toSeconds();
                long customerBase = (long) m * 1_000_000L;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer (id, display_name, created_at)"
                        + " SELECT ? + g, 'Customer ' || (? + g), ? FROM generate_series(1, ?) g")) {
                    ps.setLong(1, customerBase);
                    ps.setLong(2, customerBase);
                    ps.setTimestamp(3, Timestamp.from(from.toInstant()));
                    ps.setLong(4, customersPerMonth);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer_identifier (customer_id, identifier_type,"
                        + " raw_value, normalised_value, created_at) SELECT ? + g, 'PHONE', '+44 7700 ' || (? + g),"
                        + " '447700' || (? + g), ? FROM generate_series(1, ?) g")) {
                    ps.setLong(1, customerBase);
                    ps.setLong(2, customerBase);
                    ps.setLong(3, customerBase);
                    ps.setTimestamp(4, Timestamp.from(from.toInstant()));
                    ps.setLong(5, customersPerMonth);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_record (customer_id, purpose, status, source,"
                        + " recorded_by, recorded_at) SELECT ? + g, 'recording', 'GRANTED', 'IVR', 'ivr', ?"
                        + " FROM generate_series(1, ?) g")) {
                    ps.setLong(1, customerBase);
                    ps.setTimestamp(2, Timestamp.from(from.toInstant()));
                    ps.setLong(3, customersPerMonth);
                    ps.executeUpdate();
                }
                // one contact in ten has a customer, each customer two contacts of the month
                try (PreparedStatement ps = c.prepareStatement("WITH ins AS ("
                        + " INSERT INTO contact_record (channel, direction, source_ref, caller_id_raw, caller_id_norm,"
                        + " caller_presentation, designated_number, started_at, answered_at, ended_at, queue_seconds,"
                        + " ring_seconds, talk_seconds, hold_seconds, outcome, customer_id, created_at, conversation_ref)"
                        + " SELECT CASE WHEN " + conversations + " AND g % 3 = 0 THEN 'CHAT' ELSE 'VOICE' END, 'INBOUND',"
                        + " 'bench-' || ? || '-' || g, '+44 20 7946 ' || (g % 10000),"
                        + " '442079' || lpad(CAST((g * 7919) % 1000000 AS text), 6, '0'), 'AVAILABLE', '4000', t,"
                        + " t + interval '8 seconds', t + interval '190 seconds', 5, 3, 180, 0, 'ANSWERED',"
                        + " CASE WHEN g % 10 = 0 AND ? > 0 THEN ? + 1 + (g / 10) % ? END, t,"
                        + " CASE WHEN " + conversations + " AND g % 3 = 0 THEN 'conv-" + m + "-' || (g / 6) END"
                        + " FROM (SELECT g, CAST(? AS timestamptz) + (g * CAST(? AS double precision)) * interval '1 second' AS t"
                        + " FROM generate_series(0, CAST(? AS bigint) - 1) g) x"
                        + " RETURNING id, started_at, ended_at)"
                        + " INSERT INTO contact_leg (contact_id, leg_no, leg_type, device, started_at, ended_at)"
                        + " SELECT ins.id, l, CASE l WHEN 1 THEN 'QUEUE' ELSE 'TALK' END, '2001', ins.started_at, ins.ended_at"
                        + " FROM ins CROSS JOIN generate_series(1, 2) l")) {
                    ps.setInt(1, m);
                    ps.setLong(2, customersPerMonth);
                    ps.setLong(3, customerBase);
                    ps.setLong(4, Math.max(1, customersPerMonth));
                    ps.setTimestamp(5, Timestamp.from(from.toInstant()));
                    ps.setDouble(6, (double) seconds / perMonth);
                    ps.setLong(7, perMonth);
                    ps.executeUpdate();
                }
                if (conversations) {
                    // the closed conversations of the month's chats (party data cleared at the end, as V10 keeps them)
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO media_conversation (conversation_ref,"
                            + " channel, source_id, state, next_seq, started_at, queued_at, ended_at, last_activity_at)"
                            + " SELECT 'conv-" + m + "-' || k, 'CHAT', 1, 'CLOSED', 3, t, t, t, t FROM (SELECT k,"
                            + " CAST(? AS timestamptz) + (k * 6 * CAST(? AS double precision)) * interval '1 second' AS t"
                            + " FROM generate_series(0, (CAST(? AS bigint) - 1) / 6) k) x")) {
                        ps.setTimestamp(1, Timestamp.from(from.toInstant()));
                        ps.setDouble(2, (double) seconds / perMonth);
                        ps.setLong(3, perMonth);
                        ps.executeUpdate();
                    }
                }
                if (m % 12 == 11 || m == months - 1) {
                    System.out.printf(Locale.ROOT, "  generated %d of %d months, %,d s%n", m + 1, months,
                            (System.nanoTime() - started) / 1_000_000_000L);
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT setval('customer_id_seq', (SELECT max(id) FROM customer))");
                s.execute("VACUUM ANALYZE");
                s.execute("CHECKPOINT");
            }
        }
        System.out.printf(Locale.ROOT, "generated in %,d s%n", (System.nanoTime() - started) / 1_000_000_000L);
    }

    private void measure(String db, String appUser, String appPassword, long perMonth) throws Exception {
        try (Connection c = DriverManager.getConnection(url(db), admin, ""); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE retention_policy SET days = 3653");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM contact_record")) {
                rs.next();
                System.out.printf(Locale.ROOT, "contact records in the database: %,d%n", rs.getLong(1));
            }
        }
        PGSimpleDataSource app = new PGSimpleDataSource();
        app.setUrl(url(db));
        app.setUser(appUser);
        app.setPassword(appPassword);

        int days = 3650;
        Instant ingestAt = FIRST_MONTH.plusMonths(months).toInstant();
        Ingestion ingestion = new Ingestion(app, ingestAt);
        ingestion.start();
        Thread.sleep(2_000); // steady before the first window
        List<long[]> purgeWindows = new ArrayList<>();
        List<long[]> baseWindows = new ArrayList<>();
        List<String> purges = new ArrayList<>();
        try {
            for (int r = 0; r < repeat; r++) {
                int month = purgeMonth + r;
                // the oldest month left: its end is the CONTACT_RECORD cutoff
                Instant cutoff = FIRST_MONTH.plusMonths(month + 1L).toInstant();
                long due;
                try (Connection c = DriverManager.getConnection(url(db), admin, ""); Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE retention_policy SET days = " + days + " WHERE category = 'CONTACT_RECORD'");
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM contact_record WHERE started_at < '" + cutoff + "'")) {
                        rs.next();
                        due = rs.getLong(1);
                    }
                }
                long b0 = System.nanoTime();
                Thread.sleep(baselineSeconds * 1000L);
                baseWindows.add(new long[] {b0, System.nanoTime()});

                PurgeRunner runner = new PurgeRunner(app, Clock.fixed(cutoff.plus(Duration.ofDays(days)), ZoneOffset.UTC));
                long t0 = System.nanoTime();
                PurgeRunView run = runner.run(new PurgeOptions(batch, pauseMillis, 60), "bench", "bench", () -> false);
                long t1 = System.nanoTime();
                purgeWindows.add(new long[] {t0, t1});
                var contacts = run.categories().stream().filter(p -> p.category().name().equals("CONTACT_RECORD"))
                        .findFirst().orElseThrow();
                purges.add(String.format(Locale.ROOT, "month %d: %.2f s, %,d of %,d due contact records (+%,d legs) and %,d"
                                + " customers deleted, %d batches, %s", month, (t1 - t0) / 1e9, contacts.rowsDeleted(), due,
                        contacts.rowsDeleted() * 2, contacts.customersDeleted(), contacts.batches(), run.status()));
                Thread.sleep(1_000);
            }
        } finally {
            ingestion.stop();
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "purge of the oldest month (batch %d, pause %d ms), load average %s:%n", batch, pauseMillis,
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
        purges.forEach(p -> System.out.println("  " + p));
        System.out.printf(Locale.ROOT, "ingestion (%d writers, %d contacts/s in total, one transaction per contact + 2 legs),"
                + " %d windows of each:%n", writers, rate, repeat);
        Stats base = ingestion.stats(baseWindows);
        Stats during = ingestion.stats(purgeWindows);
        base.print("  without purge");
        during.print("  during purge ");
        System.out.printf(Locale.ROOT, "  p99 during / without: %.2f%n", during.p(99) / base.p(99));
    }

    /** Sorted latencies (ms) of one kind of window. */
    private record Stats(double[] ms, long errors) {
        double p(double pct) {
            if (ms.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(pct / 100.0 * ms.length) - 1;
            return ms[Math.max(0, Math.min(ms.length - 1, i))];
        }

        void print(String label) {
            System.out.printf(Locale.ROOT, "%s: %,d contacts, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    label, ms.length, p(50), p(95), p(99), ms.length == 0 ? Double.NaN : ms[ms.length - 1]);
        }
    }

    /**
     * {@code writers} threads ingesting contacts as the server does, each at rate/writers a second, for as
     * long as it runs; every contact's start time and latency is kept and later counted in the window it
     * started in.
     */
    private final class Ingestion {
        private final PGSimpleDataSource ds;
        private final Instant at;
        private final String tag;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final long[][] starts;
        private final long[][] latencies;
        private final int[] counts;
        private final AtomicLong errors = new AtomicLong();
        private final CountDownLatch ready;

        Ingestion(PGSimpleDataSource ds, Instant at) {
            this.ds = ds;
            this.at = at;
            this.tag = "ingest-" + suffix(); // unique per invocation: --reuse measures the same database again
            this.starts = new long[writers][500_000];
            this.latencies = new long[writers][500_000];
            this.counts = new int[writers];
            this.ready = new CountDownLatch(writers);
        }

        void start() throws InterruptedException {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Thread t = new Thread(() -> write(writer), tag + "-" + w);
                threads.add(t);
                t.start();
            }
            ready.await();
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }

        Stats stats(List<long[]> windows) {
            List<Long> in = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                for (int i = 0; i < counts[w]; i++) {
                    long s = starts[w][i];
                    for (long[] win : windows) {
                        if (s >= win[0] && s < win[1]) {
                            in.add(latencies[w][i]);
                            break;
                        }
                    }
                }
            }
            double[] ms = in.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
            return new Stats(ms, errors.get());
        }

        private void write(int writer) {
            long interval = 1_000_000_000L * writers / rate;
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                PreparedStatement find = c.prepareStatement("SELECT id FROM contact_record WHERE channel = ? AND source_ref = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO contact_record (channel, direction, source_ref,"
                        + " caller_id_raw, caller_id_norm, caller_presentation, designated_number, started_at, answered_at,"
                        + " ended_at, queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, created_at)"
                        + " VALUES ('VOICE', 'INBOUND', ?, '+44 20 7946 0101', '442079460101', 'AVAILABLE', '4000', ?, ?, ?,"
                        + " 3, 4, 60, 0, 'ANSWERED', ?) RETURNING id");
                PreparedStatement leg = c.prepareStatement("INSERT INTO contact_leg (contact_id, leg_no, leg_type, device,"
                        + " started_at, ended_at) VALUES (?, ?, ?, '2001', ?, ?)");
                ready.countDown();
                long next = System.nanoTime();
                long seq = 0;
                while (running.get()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    next += interval;
                    String ref = tag + "-" + writer + "-" + (seq++);
                    Timestamp ts = Timestamp.from(at.plusMillis(seq));
                    long t0 = System.nanoTime();
                    try {
                        find.setString(1, "VOICE");
                        find.setString(2, ref);
                        try (ResultSet rs = find.executeQuery()) {
                            if (rs.next()) {
                                c.rollback();
                                continue;
                            }
                        }
                        insert.setString(1, ref);
                        insert.setTimestamp(2, ts);
                        insert.setTimestamp(3, ts);
                        insert.setTimestamp(4, ts);
                        insert.setTimestamp(5, ts);
                        long id;
                        try (ResultSet rs = insert.executeQuery()) {
                            rs.next();
                            id = rs.getLong(1);
                        }
                        for (int l = 1; l <= 2; l++) {
                            leg.setLong(1, id);
                            leg.setInt(2, l);
                            leg.setString(3, l == 1 ? "QUEUE" : "TALK");
                            leg.setTimestamp(4, ts);
                            leg.setTimestamp(5, ts);
                            leg.executeUpdate();
                        }
                        c.commit();
                    } catch (SQLException e) {
                        errors.incrementAndGet();
                        c.rollback();
                        continue;
                    }
                    long t1 = System.nanoTime();
                    int n = counts[writer];
                    if (n < starts[writer].length) {
                        starts[writer][n] = t0;
                        latencies[writer][n] = t1 - t0;
                        counts[writer] = n + 1;
                    }
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String suffix() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
