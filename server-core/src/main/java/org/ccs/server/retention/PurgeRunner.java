package org.ccs.server.retention;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The retention purge, as plain JDBC over a {@link DataSource} with an injectable {@link Clock}: the
 * Quartz {@link PurgeJob} calls it inside the server, the tests and the benchmark call it directly.
 *
 * <p>A run is a row of {@code purge_run} with one {@code purge_progress} row per category (its cutoff:
 * now minus the category's retention). The database routines of db-scripts V9
 * ({@code ccs_purge_<category>(run, batch size)}) delete one bounded batch per call, in the order of
 * the category's time index, skip what a legal hold names, and record the batch in the progress row
 * in the same transaction; this class calls them until each category is finished, between two batches
 * checks whether it must stop (a manager asked for it, the scheduler is shutting down, the time budget
 * is used up), keeps the heartbeat, logs the progress (counts only, no personal data) and audits the
 * start and the end. A run that stops or fails is resumed by the next one, from the position each
 * category reached.
 *
 * <p>Runs outside any JTA transaction (a Quartz worker thread): it sets autocommit itself.
 */
public class PurgeRunner {

    private static final Logger LOG = Logger.getLogger(PurgeRunner.class.getName());

    /** The key under which the scheduler context holds the runner of the server. */
    public static final String CONTEXT_KEY = "ccs.retention.purgeRunner";
    /** The actor of scheduled runs in the audit trail and in {@code purge_run.started_by}. */
    public static final String SYSTEM_ACTOR = "system";

    /** What hangs on a contact first, so that each is counted under its own category, then the rest. */
    static final List<RetentionCategory> ORDER = List.of(RetentionCategory.TRANSCRIPT, RetentionCategory.EMAIL_REFERENCE,
            RetentionCategory.CONTACT_RECORD, RetentionCategory.AVAILABILITY_HISTORY, RetentionCategory.AUDIT_TRAIL,
            RetentionCategory.GDPR_REQUEST_LOG);

    private static final Duration LOG_EVERY = Duration.ofSeconds(15);
    /** A run whose heartbeat is older than this lost its node: the next start takes it over. */
    static final Duration HEARTBEAT_STALE = Duration.ofMinutes(10);
    private static final String UNFINISHED = "('RUNNING', 'STOPPING', 'STOPPED', 'FAILED')";

    private final DataSource dataSource;
    private final Clock clock;

    public PurgeRunner(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "data source is required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
    }

    /** The database routine that purges one batch of {@code category}. */
    static String routine(RetentionCategory category) {
        return "ccs_purge_" + category.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Purges everything past its retention: resumes the unfinished run if there is one, else starts a
     * new one. Returns the run as it ended (DONE, or STOPPED with the reason; it resumes at the next call).
     *
     * @param actor        who started it ({@link #SYSTEM_ACTOR} for the schedule, else the manager's login)
     * @param nodeId       which server runs it (the Quartz instance id), for the Manager
     * @param shuttingDown true when the run must stop now (the scheduler is going down)
     * @throws SQLException when the database fails; the run is then FAILED, and the next call resumes it
     * @throws PurgeBusyException when another execution is running the purge (recent heartbeat)
     */
    public PurgeRunView run(PurgeOptions options, String actor, String nodeId, BooleanSupplier shuttingDown)
            throws SQLException {
        Objects.requireNonNull(options, "options are required");
        requireText(actor, "actor");
        Objects.requireNonNull(shuttingDown, "stop condition is required");
        long budgetEnd = System.nanoTime() + options.maxDuration().toNanos();
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            Start start = startOrResume(c, actor, nodeId);
            long runId = start.runId();
            LOG.info(() -> "retention purge run " + runId + (start.resumed() ? " resumed" : " started") + " by " + actor
                    + " (batches of " + options.batchSize() + " rows)");
            audit(c, actor, start.resumed() ? "retention.purge.resume" : "retention.purge.start", runId,
                    "SUCCESS", "purge run " + runId + (start.resumed() ? " resumed" : " started"));
            String stopReason = null;
            long nextLog = System.nanoTime() + LOG_EVERY.toNanos();
            try {
                categories:
                for (RetentionCategory category : ORDER) {
                    while (true) {
                        stopReason = stopReason(c, runId, shuttingDown, budgetEnd, options);
                        if (stopReason != null) {
                            break categories;
                        }
                        if (batch(c, category, runId, options.batchSize()) == 0) {
                            break;
                        }
                        if (System.nanoTime() - nextLog > 0) {
                            nextLog = System.nanoTime() + LOG_EVERY.toNanos();
                            logProgress(c, runId, "in progress");
                        }
                        if (options.pauseMillis() > 0) {
                            Thread.sleep(options.pauseMillis());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopReason = "the purge thread was interrupted";
            } catch (SQLException | RuntimeException e) {
                String why = failure(e);
                try {
                    finish(c, runId, "FAILED", why);
                    audit(c, actor, "retention.purge", runId, "FAILED", "purge run " + runId + " failed: " + why);
                } catch (SQLException | RuntimeException again) {
                    e.addSuppressed(again);
                }
                LOG.severe("retention purge run " + runId + " failed (" + why + "); the next run resumes it");
                throw e;
            }
            if (stopReason != null) {
                String detail = stopReason + "; the next run resumes it";
                finish(c, runId, "STOPPED", detail);
                PurgeRunView view = find(c, runId).orElseThrow();
                audit(c, actor, "retention.purge", runId, "SUCCESS", truncate("purge run " + runId + " stopped: "
                        + stopReason + "; " + summary(view)));
                LOG.info("retention purge run " + runId + " stopped (" + detail + "): " + summary(view));
                return view;
            }
            finish(c, runId, "DONE", null);
            PurgeRunView view = find(c, runId).orElseThrow();
            audit(c, actor, "retention.purge", runId, "SUCCESS", truncate("purge run " + runId + " done: " + summary(view)));
            LOG.info("retention purge run " + runId + " done: " + summary(view));
            forgetOldRuns(c);
            return view;
        }
    }

    /** Asks the running purge (on whichever node) to stop after its current batch; false when none runs. */
    public boolean requestStop(String actor, String sourceAddress) throws SQLException {
        requireText(actor, "actor");
        try (Connection c = dataSource.getConnection()) {
            Long runId = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM purge_run WHERE status = 'RUNNING' ORDER BY id DESC")) {
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        runId = rs.getLong(1);
                    }
                }
            }
            if (runId == null) {
                return false;
            }
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE purge_run SET status = 'STOPPING' WHERE id = ? AND status = 'RUNNING'")) {
                ps.setLong(1, runId);
                n = ps.executeUpdate();
            }
            if (n == 1) {
                insertAudit(c, actor, "retention.purge.stop", runId, "SUCCESS", "stop of purge run " + runId + " requested",
                        sourceAddress);
                LOG.info("retention purge run " + runId + ": stop requested by " + actor);
            }
            return n == 1;
        }
    }

    /** Audits a manager's request for a run now (the run itself is audited when it starts and ends). */
    public void auditRequest(String actor, String sourceAddress) throws SQLException {
        requireText(actor, "actor");
        try (Connection c = dataSource.getConnection()) {
            insertAudit(c, actor, "retention.purge.request", null, "SUCCESS", "purge run requested", sourceAddress);
        }
    }

    /** The newest run, if any. */
    public Optional<PurgeRunView> latest() throws SQLException {
        List<PurgeRunView> runs = recent(1);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /** The newest runs first. */
    public List<PurgeRunView> recent(int limit) throws SQLException {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
        try (Connection c = dataSource.getConnection()) {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM purge_run ORDER BY id DESC")) {
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            List<PurgeRunView> out = new ArrayList<>();
            for (long id : ids) {
                find(c, id).ifPresent(out::add);
            }
            return out;
        }
    }

    public Optional<PurgeRunView> find(long runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, runId);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private record Start(long runId, boolean resumed) {
    }

    /**
     * In one transaction, with {@code purge_run} locked against other nodes starting at the same moment:
     * the unfinished run taken over, or a new run with a cutoff per category; refused while another
     * execution keeps the unfinished run's heartbeat fresh.
     */
    private Start startOrResume(Connection c, String actor, String nodeId) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE purge_run IN EXCLUSIVE MODE");
            }
            Instant now = clock.instant();
            Map<RetentionCategory, Instant> cutoffs = cutoffs(c, now);
            Long resume = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, status, heartbeat_at, node_id FROM purge_run"
                    + " WHERE status IN " + UNFINISHED + " ORDER BY id DESC")) {
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        resume = rs.getLong(1);
                        String status = rs.getString(2).strip();
                        Instant heartbeat = instant(rs, 3);
                        if (("RUNNING".equals(status) || "STOPPING".equals(status))
                                && heartbeat.isAfter(now.minus(HEARTBEAT_STALE))) {
                            throw new PurgeBusyException(resume, rs.getString(4));
                        }
                    }
                }
            }
            Start start;
            if (resume != null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE purge_run SET status = 'RUNNING', heartbeat_at = ?,"
                        + " node_id = ?, resumed_count = resumed_count + 1, detail = NULL WHERE id = ?")) {
                    setInstant(ps, 1, now);
                    ps.setString(2, truncate(nodeId, 128));
                    ps.setLong(3, resume);
                    ps.executeUpdate();
                }
                // a category hold lifted since: the category is due again
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE purge_progress SET state = 'PENDING' WHERE run_id = ? AND state = 'HELD'")) {
                    ps.setLong(1, resume);
                    ps.executeUpdate();
                }
                // a retention made longer since the run began: never delete what is now within it
                try (PreparedStatement ps = c.prepareStatement("UPDATE purge_progress SET cutoff_at = ?"
                        + " WHERE run_id = ? AND category = ? AND cutoff_at > ?")) {
                    for (Map.Entry<RetentionCategory, Instant> e : cutoffs.entrySet()) {
                        setInstant(ps, 1, e.getValue());
                        ps.setLong(2, resume);
                        ps.setString(3, e.getKey().name());
                        setInstant(ps, 4, e.getValue());
                        ps.executeUpdate();
                    }
                }
                start = new Start(resume, true);
            } else {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO purge_run (status, started_at, started_by,"
                        + " heartbeat_at, node_id, resumed_count) VALUES ('RUNNING', ?, ?, ?, ?, 0)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    setInstant(ps, 1, now);
                    ps.setString(2, truncate(actor, 64));
                    setInstant(ps, 3, now);
                    ps.setString(4, truncate(nodeId, 128));
                    ps.executeUpdate();
                    id = generatedId(c, ps);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO purge_progress (run_id, category, cutoff_at,"
                        + " state, rows_deleted, rows_held, customers_deleted, batches) VALUES (?, ?, ?, 'PENDING', 0, 0, 0, 0)")) {
                    for (RetentionCategory category : ORDER) {
                        ps.setLong(1, id);
                        ps.setString(2, category.name());
                        setInstant(ps, 3, cutoffs.get(category));
                        ps.executeUpdate();
                    }
                }
                start = new Start(id, false);
            }
            c.commit();
            return start;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The BIGSERIAL value of the row {@code ps} just inserted (Informix: dbinfo when the driver gives no key). */
    private static long generatedId(Connection c, PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (keys != null && keys.next()) {
                return keys.getLong(1);
            }
        } catch (java.sql.SQLFeatureNotSupportedException e) {
            // fall through
        }
        if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("informix")) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT dbinfo('bigserial') FROM systables WHERE tabid = 1")) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        throw new SQLException("no id generated for the purge run");
    }

    /** Now minus the retention of each category. */
    private Map<RetentionCategory, Instant> cutoffs(Connection c, Instant now) throws SQLException {
        Map<RetentionCategory, Instant> out = new EnumMap<>(RetentionCategory.class);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT category, days FROM retention_policy")) {
            while (rs.next()) {
                RetentionCategory category = RetentionCategory.valueOf(rs.getString(1).strip());
                out.put(category, now.minus(Duration.ofDays(rs.getInt(2))));
            }
        }
        for (RetentionCategory category : ORDER) {
            if (!out.containsKey(category)) {
                throw new IllegalStateException("no retention policy for " + category + " (run the db-scripts migrations)");
            }
        }
        return out;
    }

    /** Why the run must stop now, or null; keeps the heartbeat. */
    private String stopReason(Connection c, long runId, BooleanSupplier shuttingDown, long budgetEnd, PurgeOptions options)
            throws SQLException {
        if (shuttingDown.getAsBoolean()) {
            return "the scheduler is shutting down";
        }
        if (Thread.currentThread().isInterrupted()) {
            return "the purge thread was interrupted";
        }
        if (System.nanoTime() - budgetEnd > 0) {
            return "the run used its " + options.maxMinutes() + " minutes";
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE purge_run SET heartbeat_at = ? WHERE id = ?")) {
            setInstant(ps, 1, clock.instant());
            ps.setLong(2, runId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM purge_run WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("purge run " + runId + " disappeared");
                }
                return "STOPPING".equals(rs.getString(1).strip()) ? "a manager asked it to stop" : null;
            }
        }
    }

    /** One batch of one category (one transaction, in the routine); the rows it examined, 0 when finished. */
    private static int batch(Connection c, RetentionCategory category, long runId, int batchSize) throws SQLException {
        try (CallableStatement cs = c.prepareCall("{? = call " + routine(category) + "(?, ?)}")) {
            cs.registerOutParameter(1, Types.INTEGER);
            cs.setLong(2, runId);
            cs.setInt(3, batchSize);
            cs.execute();
            return cs.getInt(1);
        }
    }

    private void finish(Connection c, long runId, String status, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE purge_run SET status = ?, detail = ?, finished_at = ?,"
                + " heartbeat_at = ? WHERE id = ?")) {
            Instant now = clock.instant();
            ps.setString(1, status);
            ps.setString(2, detail == null ? null : truncate(detail, 255));
            if ("DONE".equals(status)) {
                setInstant(ps, 3, now);
            } else {
                ps.setNull(3, Types.TIMESTAMP);
            }
            setInstant(ps, 4, now);
            ps.setLong(5, runId);
            ps.executeUpdate();
        }
    }

    /** Finished runs older than the audit trail's retention go (their progress rows with them). */
    private void forgetOldRuns(Connection c) throws SQLException {
        Instant cutoff = cutoffs(c, clock.instant()).get(RetentionCategory.AUDIT_TRAIL);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM purge_run WHERE status = 'DONE' AND finished_at < ?")) {
            setInstant(ps, 1, cutoff);
            ps.executeUpdate();
        }
    }

    private void logProgress(Connection c, long runId, String what) throws SQLException {
        find(c, runId).ifPresent(v -> LOG.info("retention purge run " + runId + " " + what + ": " + summary(v)));
    }

    private static Optional<PurgeRunView> find(Connection c, long runId) throws SQLException {
        List<PurgeProgressView> progress = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT category, cutoff_at, state, last_at, rows_deleted, rows_held,"
                + " customers_deleted, batches FROM purge_progress WHERE run_id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    progress.add(new PurgeProgressView(RetentionCategory.valueOf(rs.getString(1).strip()),
                            instant(rs, 2), rs.getString(3).strip(), instant(rs, 4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getInt(8)));
                }
            }
        }
        progress.sort((a, b) -> Integer.compare(ORDER.indexOf(a.category()), ORDER.indexOf(b.category())));
        try (PreparedStatement ps = c.prepareStatement("SELECT status, started_at, started_by, heartbeat_at, finished_at,"
                + " node_id, resumed_count, detail FROM purge_run WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(PurgeRunView.of(runId, rs.getString(1).strip(), instant(rs, 2), rs.getString(3),
                        instant(rs, 4), instant(rs, 5), rs.getString(6), rs.getInt(7), rs.getString(8), progress));
            }
        }
    }

    /** Counts per category, for the log and the audit trail (no personal data). */
    static String summary(PurgeRunView v) {
        return v.categories().stream().map(p -> p.category() + " " + p.rowsDeleted()
                        + (p.customersDeleted() > 0 ? " (+" + p.customersDeleted() + " customers)" : "")
                        + (p.rowsHeld() > 0 ? " (" + p.rowsHeld() + " held)" : "")
                        + ("HELD".equals(p.state()) ? " (category on hold)" : ""))
                .collect(Collectors.joining(", ", "deleted ", ""));
    }

    private void audit(Connection c, String actor, String action, long runId, String outcome, String detail)
            throws SQLException {
        insertAudit(c, actor, action, runId, outcome, detail, null);
    }

    private void insertAudit(Connection c, String actor, String action, Long runId, String outcome, String detail,
                             String sourceAddress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry (occurred_at, actor, actor_role, action_name,"
                + " target_type, target_id, outcome, detail, source_address) VALUES (?, ?, ?, ?, 'purge_run', ?, ?, ?, ?)")) {
            setInstant(ps, 1, clock.instant());
            ps.setString(2, truncate(actor, 64));
            if (SYSTEM_ACTOR.equals(actor)) {
                ps.setNull(3, Types.VARCHAR);
            } else {
                ps.setString(3, "MANAGER");
            }
            ps.setString(4, action);
            ps.setString(5, runId == null ? null : runId.toString());
            ps.setString(6, outcome);
            ps.setString(7, truncate(detail, 255));
            ps.setString(8, sourceAddress == null ? null : truncate(sourceAddress, 64));
            ps.executeUpdate();
        }
    }

    /** What went wrong, without the driver's message (it may quote data): the kind and the SQL state. */
    static String failure(Exception e) {
        if (e instanceof SQLException sql) {
            return "database error, SQL state " + sql.getSQLState() + ", code " + sql.getErrorCode();
        }
        return e.getClass().getSimpleName();
    }

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setTimestamp(index, Timestamp.from(instant), utc());
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column, utc());
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return truncate(s, 255);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }
}
