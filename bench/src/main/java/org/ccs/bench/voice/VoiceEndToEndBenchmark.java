package org.ccs.bench.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.ccs.csta.sim.PbxSimulator;
import org.ccs.csta.sim.Scenario;
import org.ccs.db.Dialect;
import org.ccs.db.Migrator;

/**
 * Voice end to end (issue 3): PBX simulator -> CSTA link -> WildFly with the real EAR -> committed
 * contact records in PostgreSQL, on one machine, next to a raw JDBC batch insert of the same rows in the
 * same run. Targets: at least 2,000 calls/s and half the raw insert rate; p99 from CallCleared to commit
 * under 100 ms at 20 calls/s.
 *
 * <p>What it does, given a running private PostgreSQL (bench/bin/voice-e2e starts it with bin/lib/pg.sh
 * on port 55462 and stops it):
 * <ol>
 * <li>creates the database {@value #DB} afresh, migrates it with db-scripts' Migrator, creates the
 * application login (member of ccs_app) and seeds {@code --agents} agents on extensions 2001... and the
 * designated number 4000 (ACD group) with plain SQL;</li>
 * <li>starts the PBX simulator in this JVM on {@code --sim-port} (18850);</li>
 * <li>starts the provisioned WildFly (server-ear/target/server) with ccs.ear in its own base directory
 * under the work folder, port offset {@code --port-offset} (500: HTTPS 8943), pointed at the database and
 * the simulator; waits for /manager/health UP and for the simulator to see every device monitored;</li>
 * <li>warm-up: {@code --warmup-rate} calls/s for {@code --warmup} s of the simulator's load-call scenario
 * (queued at 4000, distributed to an agent, answered, 2 s of talk, cleared: 3 s a call), until stored;</li>
 * <li>latency: {@code --latency-rate} calls/s for {@code --latency-duration} s, each call played by its
 * own thread with {@link PbxSimulator#play}; the moment the play returns (CallCleared, the last event,
 * written to the link) is the call's CallCleared time; a separate JDBC session polls contact_record every
 * {@code --poll-ms} ms for new rows, and the moment the poll that first returns a call's row completes is
 * its commit time (an upper bound; the resolution is the measured polling period). p50/p99/max;</li>
 * <li>throughput: {@link PbxSimulator#load} at {@code --rate} calls/s for {@code --duration} s across the
 * agents, the committed VOICE rows counted every 100 ms from another session; committed calls/s = rows
 * committed / (time the last one became visible - time the first call was cleared), and the best 5 s
 * window; the phase ends when every call is stored or at most 60 s after the load started. CPU time of
 * WildFly (per thread), PostgreSQL and this JVM during the phase;</li>
 * <li>WildFly is stopped, then the baseline on the same database: the rows the throughput phase
 * committed (contact_record + contact_leg) read back and inserted again (source_ref prefixed) with plain
 * JDBC batches of {@code --raw-batch} calls per transaction, as the application login; and, to show the
 * cost of a commit per call, the first {@code --raw-single} of them with one transaction per call;</li>
 * <li>prints the table and writes it to {@code WORK/result.md}.</li>
 * </ol>
 * Everything it started (WildFly, the simulator) is stopped on the way out, also on failure or Ctrl-C.
 *
 * <pre>
 * bench/bin/voice-e2e [options]       # builds nothing; needs ./mvnw -B -ntp package -DskipTests first
 * </pre>
 */
public final class VoiceEndToEndBenchmark {

    static final String DB = "ccs_voice_bench";
    static final String APP_LOGIN = "ccs_voice_bench_server";
    static final String DESIGNATED = "4000";
    static final int FIRST_AGENT = 2001;
    /** Longest a measured phase may take (shared machine: keep runs short). */
    static final Duration PHASE_LIMIT = Duration.ofSeconds(60);

    private final Map<String, String> opt;
    private final int pgPort;
    private final int simPort;
    private final int portOffset;
    private final int agentCount;
    private final double rate;
    private final int duration;
    private final double latencyRate;
    private final int latencyDuration;
    private final double warmupRate;
    private final int warmupDuration;
    private final int pollMillis;
    private final int rawBatch;
    private final int rawSingle;
    private final Path work;
    private final String adminUrl;
    private final String dbUrl;
    private final String appPassword = random();
    private final StringBuilder report = new StringBuilder();

    private VoiceEndToEndBenchmark(Map<String, String> opt) {
        this.opt = opt;
        pgPort = Integer.parseInt(opt.getOrDefault("pg-port", "55462"));
        simPort = Integer.parseInt(opt.getOrDefault("sim-port", "18850"));
        portOffset = Integer.parseInt(opt.getOrDefault("port-offset", "500"));
        agentCount = Integer.parseInt(opt.getOrDefault("agents", "200"));
        rate = Double.parseDouble(opt.getOrDefault("rate", "5000"));
        duration = Integer.parseInt(opt.getOrDefault("duration", "12"));
        latencyRate = Double.parseDouble(opt.getOrDefault("latency-rate", "20"));
        latencyDuration = Integer.parseInt(opt.getOrDefault("latency-duration", "60"));
        warmupRate = Double.parseDouble(opt.getOrDefault("warmup-rate", "100"));
        warmupDuration = Integer.parseInt(opt.getOrDefault("warmup", "10"));
        pollMillis = Integer.parseInt(opt.getOrDefault("poll-ms", "2"));
        rawBatch = Integer.parseInt(opt.getOrDefault("raw-batch", "500"));
        rawSingle = Integer.parseInt(opt.getOrDefault("raw-single", "5000"));
        work = Path.of(opt.getOrDefault("work", "bench/target/voice-e2e")).toAbsolutePath();
        adminUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
        dbUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + DB;
    }

    public static void main(String[] args) throws Exception {
        // before the first logger: the simulator's per-play INFO lines would cost time in the measurement
        System.setProperty("org.slf4j.simpleLogger.log.org.ccs.csta.sim", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: VoiceEndToEndBenchmark [--name value]... (see the class comment)");
                System.exit(64);
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        new VoiceEndToEndBenchmark(opt).run();
    }

    private void run() throws Exception {
        Path serverHome = Path.of(opt.getOrDefault("server", "server-ear/target/server")).toAbsolutePath();
        Path ear = Path.of(opt.getOrDefault("ear", "server-ear/target/ccs.ear")).toAbsolutePath();
        if (!Files.isExecutable(serverHome.resolve("bin/standalone.sh")) || !Files.isRegularFile(ear)) {
            throw new IllegalStateException("no provisioned server or EAR at " + serverHome + " / " + ear
                    + ": build first (./mvnw -B -ntp package -DskipTests)");
        }
        Files.createDirectories(work);
        String loadBefore = CpuUse.loadAverage();
        prepareDatabase();
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < agentCount; i++) {
            agents.add(Integer.toString(FIRST_AGENT + i));
        }
        Set<String> devices = new TreeSet<>(agents);
        devices.add(DESIGNATED);
        Scenario scenario = Scenario.load("load-call");

        List<WildFlyServer> started = new ArrayList<>();
        PbxSimulator sim = PbxSimulator.start(simPort);
        Thread stopOnSignal = new Thread(() -> {
            started.forEach(WildFlyServer::close);
            sim.close();
        }, "voice-e2e-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            System.out.printf("PBX simulator on 127.0.0.1:%d; starting WildFly (port offset %d, base %s)%n", sim.port(),
                    portOffset, work.resolve("wildfly"));
            long bootStart = System.nanoTime();
            WildFlyServer wf = WildFlyServer.start(serverHome, ear, work.resolve("wildfly"), portOffset, List.of(
                    "-Dccs.db.url=" + dbUrl, "-Dccs.db.user=" + APP_LOGIN,
                    "-Dccs.csta.host=127.0.0.1", "-Dccs.csta.port=" + sim.port(), "-Dccs.csta.region=GB",
                    "-Dccs.csta.reconnect.max.millis=1000"),
                    Map.of("CCS_DB_PASSWORD", appPassword, "CCS_INITIAL_MANAGER_PASSWORD", random()));
            started.add(wf);
            wf.awaitUp(Duration.ofSeconds(240));
            if (!sim.awaitMonitored(devices, Duration.ofSeconds(60))) {
                throw new IllegalStateException("the server monitors " + sim.monitoredDevices().size() + " of "
                        + devices.size() + " devices");
            }
            System.out.printf("WildFly UP and %d devices monitored after %.1f s%n", devices.size(),
                    (System.nanoTime() - bootStart) / 1e9);

            try (Connection mon = DriverManager.getConnection(dbUrl, "postgres", "")) {
                warmUp(sim, scenario, agents, mon);
                Latency latency = latency(sim, scenario, agents, mon);
                String healthAfterLatency = wf.health().orElse("?");
                Throughput tp = throughput(sim, scenario, agents, mon, wf);
                String healthAfter = wf.health().orElse("?");
                System.out.println("stopping WildFly before the raw baseline");
                wf.close();
                Raw raw = raw(mon, tp);
                report(loadBefore, latency, tp, raw, healthAfterLatency, healthAfter);
            }
        } finally {
            started.forEach(WildFlyServer::close);
            sim.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    // ------------------------------------------------------------------ database

    private void prepareDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DB + " with (force)");
            s.execute("create database " + DB);
        }
        Migrator.migrate(dbUrl, "postgres", "", Dialect.POSTGRESQL);
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + APP_LOGIN + "') then "
                    + "create role " + APP_LOGIN + " login; end if; end $$");
            s.execute("grant ccs_app to " + APP_LOGIN);
            s.execute("alter role " + APP_LOGIN + " password '" + appPassword + "'");
            // the seed: what a manager configures (FirstStart's demo seeding does the same for one agent)
            s.execute("insert into designated_number (device, kind, label, active) values ('" + DESIGNATED
                    + "', 'ACD_GROUP', 'Benchmark hotline', true)");
            s.execute("insert into agent (login_name, extension, state, state_since, pseudonym, created_at) "
                    + "select 'bench' || e, e::text, 'LOGGED_OFF', now(), 'agent-' || gen_random_uuid(), now() "
                    + "from generate_series(" + FIRST_AGENT + ", " + (FIRST_AGENT + agentCount - 1) + ") e");
        }
        System.out.printf("database %s migrated; %d agents, designated number %s%n", DB, agentCount, DESIGNATED);
    }

    private static long voiceRows(Connection c) throws SQLException {
        return queryLong(c, "select count(*) from contact_record where channel = 'VOICE'");
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String queryString(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    /** Waits until at least {@code expected} VOICE rows are committed; returns the count then. */
    private static long awaitRows(Connection c, long expected, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long n = voiceRows(c);
        while (n < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            n = voiceRows(c);
        }
        return n;
    }

    // ------------------------------------------------------------------ phases

    private void warmUp(PbxSimulator sim, Scenario scenario, List<String> agents, Connection mon) throws Exception {
        long before = voiceRows(mon);
        PbxSimulator.LoadReport r = sim.load(scenario, warmupRate, Duration.ofSeconds(warmupDuration), agents);
        long n = awaitRows(mon, before + r.calls(), Duration.ofSeconds(30)) - before;
        System.out.printf("warm-up: %d calls at %.0f/s, %d stored%n", r.calls(), warmupRate, n);
        if (n < r.calls()) {
            throw new IllegalStateException("warm-up: only " + n + " of " + r.calls() + " calls stored in 30 s");
        }
    }

    /** Latency figures of the 20 calls/s phase. */
    record Latency(int calls, int seen, double[] millis, double pollPeriodMillis, double sendSlackP50, double sendSlackP99,
                   double startLateP99, double seconds, String load, int seenBeforeReturn,
                   double[] split) {
    }

    private Latency latency(PbxSimulator sim, Scenario scenario, List<String> agents, Connection mon) throws Exception {
        int total = (int) Math.round(latencyRate * latencyDuration);
        long periodNanos = (long) (1e9 / latencyRate);
        long lengthNanos = scenario.length().toNanos();
        // callID -> {play start, play returned (nanoTime), play returned (epoch micros)}
        Map<String, long[]> sent = new ConcurrentHashMap<>();
        // callID -> {poll that first returned it (nanoTime), its created_at (epoch micros: the server's clock when its
        // store began), that poll's return (epoch micros)}
        Map<String, long[]> visible = new ConcurrentHashMap<>();
        long[] lateness = new long[total];
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicLong polls = new AtomicLong();
        long baseId = queryLong(mon, "select coalesce(max(id), 0) from contact_record");
        Thread poller = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
                 PreparedStatement ps = c.prepareStatement("select id, source_ref, created_at from contact_record where id > ? order by id")) {
                long maxId = baseId;
                while (polling.get()) {
                    ps.setLong(1, maxId);
                    try (ResultSet rs = ps.executeQuery()) {
                        long now = System.nanoTime();
                        long wall = epochMicros(Instant.now());
                        while (rs.next()) {
                            maxId = Math.max(maxId, rs.getLong(1));
                            long created = epochMicros(rs.getObject(3, OffsetDateTime.class).toInstant());
                            visible.putIfAbsent(callIdOf(rs.getString(2)), new long[] {now, created, wall});
                        }
                    }
                    polls.incrementAndGet();
                    Thread.sleep(pollMillis);
                }
            } catch (SQLException | InterruptedException e) {
                if (polling.get()) {
                    e.printStackTrace();
                }
            }
        }, "latency-poller");
        poller.setDaemon(true);
        poller.start();

        ExecutorService players = Executors.newCachedThreadPool(daemon("latency-call"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("latency-ticker"));
        CountDownLatch played = new CountDownLatch(total);
        System.out.printf("latency: %d calls at %.0f/s, polling every %d ms...%n", total, latencyRate, pollMillis);
        long pollsBefore = polls.get();
        long t0 = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            int call = i;
            long due = t0 + i * periodNanos;
            String agent = agents.get(i % agents.size());
            ticker.schedule(() -> players.execute(() -> {
                long start = System.nanoTime();
                lateness[call] = start - due;
                try {
                    PbxSimulator.Playback p = sim.play(scenario, PbxSimulator.freshVariables(agent));
                    long returned = System.nanoTime();
                    long wall = epochMicros(Instant.now());
                    sent.put(p.callIds().get("C1"), new long[] {start, returned, wall});
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    played.countDown();
                }
            }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        played.await(latencyDuration + lengthNanos / 1_000_000_000L + 30, TimeUnit.SECONDS);
        long playedAt = System.nanoTime();
        long deadline = playedAt + Duration.ofSeconds(15).toNanos();
        while (!visible.keySet().containsAll(sent.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double pollPeriod = seconds * 1000 / Math.max(1, polls.get() - pollsBefore);
        polling.set(false);
        poller.join(2000);
        ticker.shutdownNow();
        players.shutdownNow();
        String load = CpuUse.loadAverage();

        List<Double> ms = new ArrayList<>();
        List<Double> toStore = new ArrayList<>();
        List<Double> inStore = new ArrayList<>();
        List<Double> slack = new ArrayList<>();
        int negative = 0;
        StringBuilder csv = new StringBuilder("call_start_s,cleared_to_visible_ms,cleared_to_store_start_ms,store_start_to_visible_ms\n");
        for (Map.Entry<String, long[]> e : sent.entrySet()) {
            long[] t = e.getValue();
            slack.add((t[1] - (t[0] + lengthNanos)) / 1e6);
            long[] v = visible.get(e.getKey());
            if (v != null) {
                if (v[0] < t[1]) {
                    negative++;   // the row was seen before the play thread noted its return
                }
                double whole = Math.max(0, v[0] - t[1]) / 1e6;
                double before = (v[1] - t[2]) / 1e3;
                double during = (v[2] - v[1]) / 1e3;
                ms.add(whole);
                toStore.add(before);
                inStore.add(during);
                csv.append(String.format(Locale.ROOT, "%.3f,%.2f,%.2f,%.2f%n", (t[0] - t0) / 1e9, whole, before, during));
            }
        }
        Files.writeString(work.resolve("latency.csv"), csv);
        double[] lat = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] ts = toStore.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] is = inStore.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] sl = slack.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] late = Arrays.stream(lateness).mapToDouble(l -> l / 1e6).sorted().toArray();
        Latency l = new Latency(sent.size(), lat.length, lat, pollPeriod, pct(sl, 50), pct(sl, 99), pct(late, 99), seconds, load, negative,
                new double[] {pct(ts, 50), pct(ts, 99), pct(is, 50), pct(is, 99)});
        System.out.printf(Locale.ROOT, "latency: %d calls, %d rows seen, p50 %.1f ms, p99 %.1f ms, max %.1f ms (poll period %.2f ms;"
                        + " %d rows seen before the play returned)%n", l.calls, l.seen, pct(lat, 50), pct(lat, 99),
                lat.length == 0 ? Double.NaN : lat[lat.length - 1], pollPeriod, negative);
        return l;
    }

    /** Throughput figures. */
    record Throughput(int offered, double offeredRate, long committed, double seconds, double rate, double best5s,
                      boolean drained, double drainSeconds, long firstId, long lastId, double wildflyCpu, double pgCpu,
                      double benchCpu, double wall, List<String> topThreads, long commits, long walSyncs, String load) {
    }

    private Throughput throughput(PbxSimulator sim, Scenario scenario, List<String> agents, Connection mon, WildFlyServer wf)
            throws Exception {
        long base = voiceRows(mon);
        long baseId = queryLong(mon, "select coalesce(max(id), 0) from contact_record");
        long lengthNanos = scenario.length().toNanos();
        List<long[]> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "")) {
                while (sampling.get()) {
                    long t = System.nanoTime();
                    samples.add(new long[] {t, voiceRows(c) - base});
                    Thread.sleep(100);
                }
            } catch (SQLException | InterruptedException e) {
                if (sampling.get()) {
                    e.printStackTrace();
                }
            }
        }, "throughput-sampler");
        sampler.setDaemon(true);

        long wfPid = wf.jvm().map(ProcessHandle::pid).orElse(-1L);
        long pgPid = postmasterPid();
        Map<String, Long> threadsBefore = wfPid > 0 ? CpuUse.threadTicks(wfPid) : Map.of();
        long wfBefore = wfPid > 0 ? CpuUse.processTicks(wfPid) : 0;
        long pgBefore = pgPid > 0 ? CpuUse.treeTicks(pgPid) : 0;
        long benchBefore = CpuUse.processTicks(ProcessHandle.current().pid());
        long commitsBefore = queryLong(mon, "select xact_commit from pg_stat_database where datname = current_database()");
        long walBefore = walSyncs(mon);

        System.out.printf("throughput: %.0f calls/s for %d s across %d agents...%n", rate, duration, agents.size());
        sampler.start();
        long start = System.nanoTime();
        PbxSimulator.LoadReport r = sim.load(scenario, rate, Duration.ofSeconds(duration), agents);
        long playedOut = System.nanoTime();
        long limit = start + PHASE_LIMIT.toNanos();
        long n = voiceRows(mon) - base;
        while (n < r.calls() && System.nanoTime() < limit) {
            Thread.sleep(100);
            n = voiceRows(mon) - base;
        }
        long end = System.nanoTime();
        long lastId = queryLong(mon, "select coalesce(max(id), 0) from contact_record");
        sampling.set(false);
        sampler.join(2000);
        double wall = (end - start) / 1e9;
        long wfTicks = wfPid > 0 ? CpuUse.processTicks(wfPid) - wfBefore : 0;
        long pgTicks = pgPid > 0 ? CpuUse.treeTicks(pgPid) - pgBefore : 0;
        long benchTicks = CpuUse.processTicks(ProcessHandle.current().pid()) - benchBefore;
        List<String> top = wfPid > 0 ? CpuUse.top(threadsBefore, CpuUse.threadTicks(wfPid), 5, wall) : List.of();
        String load = CpuUse.loadAverage();
        // pg_stat counters reach the shared statistics at most once a second per backend
        Thread.sleep(1500);
        long commits = queryLong(mon, "select xact_commit from pg_stat_database where datname = current_database()")
                - commitsBefore;
        long wal = walSyncs(mon) - walBefore;
        samples.add(new long[] {end, n});
        StringBuilder csv = new StringBuilder("t_s,committed\n");
        synchronized (samples) {
            for (long[] x : samples) {
                csv.append(String.format(Locale.ROOT, "%.2f,%d%n", (x[0] - start) / 1e9, x[1]));
            }
        }
        Files.writeString(work.resolve("throughput.csv"), csv);

        long firstClear = start + lengthNanos;
        long lastChange = firstClear;
        long prev = -1;
        for (long[] s : samples) {
            if (s[1] != prev) {
                lastChange = s[0];
                prev = s[1];
            }
        }
        double best = 0;
        for (int i = 0, j = 0; i < samples.size(); i++) {
            while (j < samples.size() && samples.get(j)[0] - samples.get(i)[0] < 5_000_000_000L) {
                j++;
            }
            if (j < samples.size()) {
                long[] a = samples.get(i);
                long[] b = samples.get(j);
                best = Math.max(best, (b[1] - a[1]) / ((b[0] - a[0]) / 1e9));
            }
        }
        boolean drained = n >= r.calls();
        double seconds = (lastChange - firstClear) / 1e9;
        Throughput t = new Throughput(r.calls(), r.callsPerSecond(), n, seconds, n / seconds, best, drained,
                (end - playedOut) / 1e9, baseId, lastId,
                CpuUse.seconds(wfTicks), CpuUse.seconds(pgTicks), CpuUse.seconds(benchTicks), wall, top, commits, wal, load);
        System.out.printf(Locale.ROOT, "throughput: offered %d calls at %.0f/s; committed %d in %.1f s after the first"
                        + " CallCleared = %.0f calls/s (best 5 s: %.0f/s)%s%n", t.offered, t.offeredRate, t.committed, t.seconds,
                t.rate, t.best5s, drained ? "" : " - NOT all stored within the phase limit");
        return t;
    }

    private long postmasterPid() {
        try {
            Path pidFile = Path.of(opt.getOrDefault("pg-dir", work.resolve("pg").toString()), "data", "postmaster.pid");
            return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long walSyncs(Connection c) {
        try {
            return queryLong(c, "select wal_sync from pg_stat_wal");
        } catch (SQLException e) {
            return -1;
        }
    }

    /** One stored call, read back for the raw baseline. */
    record Row(Object[] record, List<Object[]> legs) {
    }

    record Raw(int calls, long legs, double batchSeconds, int singleCalls, double singleSeconds) {
        double batchCallsPerSecond() {
            return calls / batchSeconds;
        }

        double batchRowsPerSecond() {
            return (calls + legs) / batchSeconds;
        }

        double singleCallsPerSecond() {
            return singleCalls / singleSeconds;
        }
    }

    private static final String RECORD_COLUMNS = "channel, direction, source_ref, caller_id_raw, caller_id_norm, "
            + "caller_presentation, designated_number, started_at, answered_at, ended_at, queue_seconds, ring_seconds, "
            + "talk_seconds, hold_seconds, outcome, agent_id, customer_id, correlator_data, created_at";
    private static final String LEG_COLUMNS = "leg_no, leg_type, device, agent_id, started_at, ended_at";

    private Raw raw(Connection mon, Throughput tp) throws SQLException {
        // the rows the throughput phase committed, as stored
        Map<Long, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = mon.prepareStatement("select id, " + RECORD_COLUMNS + " from contact_record "
                + "where channel = 'VOICE' and id > ? and id <= ? order by id")) {
            ps.setLong(1, tp.firstId);
            ps.setLong(2, tp.lastId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), new Row(read(rs, 2, 19), new ArrayList<>()));
                }
            }
        }
        long legs = 0;
        try (PreparedStatement ps = mon.prepareStatement("select contact_id, " + LEG_COLUMNS + " from contact_leg "
                + "where contact_id > ? and contact_id <= ? order by contact_id, leg_no")) {
            ps.setLong(1, tp.firstId);
            ps.setLong(2, tp.lastId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = rows.get(rs.getLong(1));
                    if (r != null) {
                        r.legs.add(read(rs, 2, 6));
                        legs++;
                    }
                }
            }
        }
        List<Row> calls = new ArrayList<>(rows.values());
        System.out.printf("raw JDBC baseline: %d calls, %d legs, batches of %d calls per transaction...%n", calls.size(), legs,
                rawBatch);
        double batchSeconds;
        double singleSeconds;
        int single = Math.min(rawSingle, calls.size());
        try (Connection c = DriverManager.getConnection(dbUrl, APP_LOGIN, appPassword)) {
            batchSeconds = insert(c, calls, "raw-batch:", rawBatch);
            singleSeconds = insert(c, calls.subList(0, single), "raw-single:", 1);
        }
        Raw raw = new Raw(calls.size(), legs, batchSeconds, single, singleSeconds);
        System.out.printf(Locale.ROOT, "raw JDBC batch insert: %.0f calls/s (%.0f rows/s); one transaction per call: %.0f calls/s%n",
                raw.batchCallsPerSecond(), raw.batchRowsPerSecond(), raw.singleCallsPerSecond());
        return raw;
    }

    private static Object[] read(ResultSet rs, int from, int count) throws SQLException {
        Object[] v = new Object[count];
        for (int i = 0; i < count; i++) {
            int col = from + i;
            int type = rs.getMetaData().getColumnType(col);
            v[i] = type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE
                    ? rs.getObject(col, OffsetDateTime.class) : rs.getObject(col);
        }
        return v;
    }

    /** Inserts copies of the calls (source_ref prefixed), {@code perTransaction} calls per commit; returns seconds. */
    private static double insert(Connection c, List<Row> calls, String prefix, int perTransaction) throws SQLException {
        c.setAutoCommit(false);
        String recordSql = "insert into contact_record (" + RECORD_COLUMNS + ") values (?" + ", ?".repeat(18) + ")";
        String legSql = "insert into contact_leg (contact_id, " + LEG_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)";
        long start = System.nanoTime();
        try (PreparedStatement rec = c.prepareStatement(recordSql, new String[] {"id"});
             PreparedStatement leg = c.prepareStatement(legSql)) {
            for (int from = 0; from < calls.size(); from += perTransaction) {
                List<Row> chunk = calls.subList(from, Math.min(calls.size(), from + perTransaction));
                for (Row r : chunk) {
                    for (int i = 0; i < r.record.length; i++) {
                        rec.setObject(i + 1, i == 2 ? prefix + r.record[i] : r.record[i]);
                    }
                    rec.addBatch();
                }
                rec.executeBatch();
                List<Long> ids = new ArrayList<>(chunk.size());
                try (ResultSet keys = rec.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids.add(keys.getLong(1));
                    }
                }
                for (int k = 0; k < chunk.size(); k++) {
                    for (Object[] l : chunk.get(k).legs) {
                        leg.setLong(1, ids.get(k));
                        for (int i = 0; i < l.length; i++) {
                            leg.setObject(i + 2, l[i]);
                        }
                        leg.addBatch();
                    }
                }
                leg.executeBatch();
                c.commit();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        c.setAutoCommit(true);
        return seconds;
    }

    // ------------------------------------------------------------------ report

    private void report(String loadBefore, Latency l, Throughput t, Raw raw, String healthAfterLatency, String healthAfter)
            throws IOException, SQLException {
        String fsync;
        String syncCommit;
        String pgVersion;
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "")) {
            fsync = queryString(c, "show fsync");
            syncCommit = queryString(c, "show synchronous_commit");
            pgVersion = queryString(c, "show server_version");
        }
        String cpu = cpuModel();
        double ratio = t.rate / raw.batchCallsPerSecond();
        double p99 = pct(l.millis, 99);
        line("## Voice end to end: run of %s UTC", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        line("");
        line("Machine: %d CPUs (%s), Java %s, PostgreSQL %s (fsync=%s, synchronous_commit=%s); load average %s at the start.",
                Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("java.version"), pgVersion, fsync, syncCommit,
                loadBefore);
        line("Setup: %d agents (extensions %d-%d) and designated number %s; scenario load-call (3 s a call, ~8 CSTA frames);"
                + " simulator in the benchmark's JVM, WildFly 39 with ccs.ear (port offset %d), PostgreSQL on loopback.",
                agentCount, FIRST_AGENT, FIRST_AGENT + agentCount - 1, DESIGNATED, portOffset);
        line("");
        line("| measure | figure |");
        line("| --- | ---: |");
        line("| latency, %.0f calls/s for %d s: calls / rows seen | %d / %d |", latencyRate, latencyDuration, l.calls, l.seen);
        line("| CallCleared -> row visible, p50 / p99 / max | **%.1f / %.1f / %.1f ms** |", pct(l.millis, 50), p99,
                l.millis.length == 0 ? Double.NaN : l.millis[l.millis.length - 1]);
        line("| of which CallCleared -> server's store begins (link, tracking, queue; created_at), p50 / p99 | %.1f / %.1f ms |",
                l.split[0], l.split[1]);
        line("| of which store begins -> row visible (agent look-up, transaction, commit), p50 / p99 | %.1f / %.1f ms |",
                l.split[2], l.split[3]);
        line("| resolution: polling period (measured) | %.2f ms |", l.pollPeriodMillis);
        line("| rows seen before their play returned (counted as 0 ms) | %d |", l.seenBeforeReturn);
        line("| play started late (scheduling), p99 | %.2f ms |", l.startLateP99);
        line("| play's return after its nominal end (3 s), p50 / p99: bound on how late a CallCleared time can be | %.2f / %.2f ms |",
                l.sendSlackP50, l.sendSlackP99);
        line("| throughput, offered: calls started, rate | %d at %.0f calls/s for %d s |", t.offered, t.offeredRate, duration);
        line("| committed calls (all stored within the phase?) | %d (%s, %.1f s after the last call was played) |", t.committed,
                t.drained ? "yes" : "NO", t.drainSeconds);
        line("| committed calls/s (first CallCleared to last row visible) | **%.0f** |", t.rate);
        line("| best 5 s window | %.0f calls/s |", t.best5s);
        line("| raw JDBC batch insert, same rows (%d calls + %d legs, %d calls per transaction) | **%.0f calls/s** (%.0f rows/s) |",
                raw.calls, raw.legs, rawBatch, raw.batchCallsPerSecond(), raw.batchRowsPerSecond());
        line("| raw JDBC, one transaction per call (first %d calls) | %.0f calls/s |", raw.singleCalls, raw.singleCallsPerSecond());
        line("| ratio server / raw batch | **%.2f** |", ratio);
        line("| CPU during the throughput phase (%.1f s wall): WildFly / PostgreSQL / simulator+bench JVM | %.1f / %.1f / %.1f s |",
                t.wall, t.wildflyCpu, t.pgCpu, t.benchCpu);
        line("| PostgreSQL commits / WAL syncs in that phase (all sessions, per committed call) | %d / %d (%.1f / %.1f) |",
                t.commits, t.walSyncs, t.commits / (double) Math.max(1, t.committed), t.walSyncs / (double) Math.max(1, t.committed));
        line("| load average after the latency / throughput phase | %s / %s |", l.load, t.load);
        line("");
        line("WildFly threads with the most CPU in the throughput phase: %s.", String.join("; ", t.topThreads));
        line("PBX link health after the latency phase: `%s`; after the throughput phase: `%s`.", linkHealth(healthAfterLatency),
                linkHealth(healthAfter));
        line("");
        line("Targets: >= 2,000 calls/s: %s; >= 0.5 of the raw batch rate: %s; p99 < 100 ms at %.0f calls/s: %s.",
                t.rate >= 2000 && t.drained ? "met" : "NOT met", ratio >= 0.5 ? "met" : "NOT met", latencyRate,
                p99 < 100 && l.seen == l.calls ? "met" : "NOT met");
        System.out.println();
        System.out.println(report);
        Files.writeString(work.resolve("result.md"), report);
        System.out.println("written to " + work.resolve("result.md"));
    }

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /** The ccs-pbx-link check's data from a /manager/health answer. */
    static String linkHealth(String health) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"ccs-pbx-link\".*?\"data\":(\\{[^}]*\\})").matcher(health);
        return m.find() ? m.group(1) : health;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(s -> s.startsWith("model name"))
                    .map(s -> s.substring(s.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    // ------------------------------------------------------------------ helpers

    static long epochMicros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    /** The callID in a voice source_ref, {@code csta:<callID>:<epoch millis>}. */
    static String callIdOf(String sourceRef) {
        int a = sourceRef.indexOf(':');
        int b = sourceRef.indexOf(':', a + 1);
        return a < 0 || b < 0 ? sourceRef : sourceRef.substring(a + 1, b);
    }

    /** Nearest-rank percentile of sorted values. */
    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static String random() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return "Vb" + HexFormat.of().formatHex(b);
    }
}
