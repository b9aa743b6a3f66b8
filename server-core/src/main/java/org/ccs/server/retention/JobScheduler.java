package org.ccs.server.retention;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ccs.server.common.Settings;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The job scheduler of this node. At deployment it builds, without touching the database, the
 * clustered Quartz scheduler (JDBC job store in the product database, see {@link Schedulers}) and the
 * node's local one; {@code health.DatabaseReadiness} calls {@link #start()} once the database answers
 * and the schema is valid, which schedules the jobs and starts both:
 * <ul>
 * <li>the retention purge ({@link PurgeJob}), clustered: {@code ccs.retention.purge.cron}, nightly by
 * default, in the site's time zone; a missed night fires once when the server is back;</li>
 * <li>the log clean-up ({@link LogCleanupJob}), on each node: {@code ccs.log.cleanup.cron}.</li>
 * </ul>
 * Quartz manages its own transactions on the datasource (JobStoreTX), so no method runs in a JTA
 * transaction. Undeployment shuts both down; a purge in progress stops after its current batch and the
 * next run resumes it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobScheduler {

    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());
    static final String DATASOURCE = "java:jboss/datasources/CcsDS";
    public static final TriggerKey PURGE_TRIGGER = TriggerKey.triggerKey("retention-purge-nightly", "ccs");
    public static final TriggerKey LOG_CLEANUP_TRIGGER = TriggerKey.triggerKey("log-cleanup-nightly", "ccs");

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @Inject
    Clock clock;

    private final Object lock = new Object();
    private volatile RetentionSettings settings;
    private volatile Scheduler clustered;
    private volatile Scheduler local;
    private volatile boolean started;

    @PostConstruct
    void build() {
        // a wrong setting stops the deployment with a message naming it
        settings = RetentionSettings.fromEnvironment();
        boolean informix = Settings.get("ccs.db.dialect", "").toLowerCase(Locale.ROOT).contains("informix");
        try {
            clustered = Schedulers.clustered(dataSource, informix, "AUTO", 2, 15_000, clock);
            clustered.getContext().put(PurgeRunner.CONTEXT_KEY, new PurgeRunner(dataSource, clock));
            local = Schedulers.local(clock);
        } catch (SchedulerException e) {
            throw new IllegalStateException("the Quartz scheduler cannot be built: " + e.getMessage(), e);
        }
    }

    /**
     * Schedules the jobs and starts the schedulers; called when the database is ready. Idempotent. A
     * failure is logged and leaves the server running without its scheduled jobs.
     */
    public void start() {
        synchronized (lock) {
            if (started) {
                return;
            }
            try {
                schedulePurge();
                clustered.start();
                scheduleLogCleanup();
                local.start();
                started = true;
                LOG.info("job scheduler started (cluster member " + clustered.getSchedulerInstanceId() + "): retention purge '"
                        + settings.purgeCron() + "' " + settings.zone().getId() + ", next "
                        + nextPurgeAt().map(Instant::toString).orElse("never") + "; log clean-up '" + settings.logCleanupCron()
                        + "' of " + settings.logDir().map(Object::toString).orElse("(no log folder)") + ", files older than "
                        + settings.logCleanupDays() + " days");
            } catch (SchedulerException | RuntimeException e) {
                LOG.severe("the job scheduler did not start, no retention purge or log clean-up will run: " + e);
            }
        }
    }

    private void schedulePurge() throws SchedulerException {
        JobDetail existing = clustered.getJobDetail(PurgeJob.KEY);
        JobDataMap data = existing == null ? new JobDataMap() : existing.getJobDataMap();
        data.putAll(settings.purgeOptions().asJobData());
        JobDetail job = JobBuilder.newJob(PurgeJob.class).withIdentity(PurgeJob.KEY)
                .withDescription("retention purge").usingJobData(data).storeDurably().requestRecovery(true).build();
        clustered.addJob(job, true);
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(PURGE_TRIGGER).forJob(PurgeJob.KEY)
                .withDescription("retention purge, " + settings.purgeCron())
                .withSchedule(CronScheduleBuilder.cronSchedule(settings.purgeCron())
                        .inTimeZone(TimeZone.getTimeZone(settings.zone())).withMisfireHandlingInstructionFireAndProceed())
                .build();
        Trigger current = clustered.getTrigger(PURGE_TRIGGER);
        if (current == null) {
            try {
                clustered.scheduleJob(trigger);
            } catch (ObjectAlreadyExistsException raced) {
                // another node created it at the same moment: the cluster has its schedule
            }
        } else if (!(current instanceof CronTrigger cron) || !cron.getCronExpression().equals(settings.purgeCron())
                || !cron.getTimeZone().getID().equals(settings.zone().getId())) {
            // the cluster keeps one schedule: the node started last with another setting changes it
            clustered.rescheduleJob(PURGE_TRIGGER, trigger);
        }
    }

    private void scheduleLogCleanup() throws SchedulerException {
        if (settings.logDir().isEmpty()) {
            LOG.warning("no log folder (ccs.log.cleanup.dir, jboss.server.log.dir): the log clean-up does not run");
            return;
        }
        JobDetail job = JobBuilder.newJob(LogCleanupJob.class).withIdentity(LogCleanupJob.KEY)
                .withDescription("log clean-up")
                .usingJobData(LogCleanupJob.DIR, settings.logDir().get().toString())
                .usingJobData(LogCleanupJob.DAYS, Integer.toString(settings.logCleanupDays()))
                .usingJobData(LogCleanupJob.PATTERN, settings.logPattern())
                .build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(LOG_CLEANUP_TRIGGER).forJob(LogCleanupJob.KEY)
                .withSchedule(CronScheduleBuilder.cronSchedule(settings.logCleanupCron())
                        .inTimeZone(TimeZone.getTimeZone(settings.zone())).withMisfireHandlingInstructionFireAndProceed())
                .build();
        local.scheduleJob(job, trigger);
    }

    /** Starts a purge run now (on whichever node the cluster picks); after the current one if one is running. */
    public void runPurgeNow(String actor) throws SchedulerException {
        if (!started) {
            throw new SchedulerException("the job scheduler is not running (the database is not ready)");
        }
        JobDataMap data = new JobDataMap();
        data.put(PurgeJob.STARTED_BY, actor);
        clustered.triggerJob(PurgeJob.KEY, data);
    }

    public boolean isStarted() {
        return started;
    }

    public RetentionSettings settings() {
        return settings;
    }

    /** When the nightly purge fires next. */
    public Optional<Instant> nextPurgeAt() {
        return nextFire(clustered, PURGE_TRIGGER);
    }

    public Optional<Instant> nextLogCleanupAt() {
        return nextFire(local, LOG_CLEANUP_TRIGGER);
    }

    private Optional<Instant> nextFire(Scheduler scheduler, TriggerKey key) {
        try {
            Trigger t = scheduler == null ? null : scheduler.getTrigger(key);
            Date next = t == null ? null : t.getNextFireTime();
            return Optional.ofNullable(next).map(Date::toInstant);
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    void shutdown() {
        for (Scheduler s : new Scheduler[] {local, clustered}) {
            if (s == null) {
                continue;
            }
            try {
                // waits for a running job: the purge stops after its current batch
                s.shutdown(true);
            } catch (SchedulerException e) {
                LOG.warning("scheduler " + s + " did not shut down cleanly: " + e.getMessage());
            }
        }
    }
}
