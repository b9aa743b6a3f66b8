package org.ccs.server.retention;

import java.sql.SQLException;
import java.time.Clock;
import java.util.logging.Logger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.PersistJobDataAfterExecution;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * The retention purge as a Quartz job of the clustered scheduler: one run at a time in the whole cluster
 * ({@link DisallowConcurrentExecution} on the JDBC job store, and, since Quartz can still let two nodes
 * fire two triggers of the job at the same moment, the runner's own guard in {@code purge_run}: the
 * second execution gets {@link PurgeBusyException} and does nothing), recovered on another node when
 * the node running it dies. No state in fields: the options and the outcome of the last run are in the job's
 * {@link JobDataMap} (strings), the {@link PurgeRunner} comes from the scheduler context. A manual run
 * names who asked for it in the trigger's data ({@link #STARTED_BY}).
 */
@DisallowConcurrentExecution
@PersistJobDataAfterExecution
public class PurgeJob implements Job {

    private static final Logger LOG = Logger.getLogger(PurgeJob.class.getName());

    public static final JobKey KEY = JobKey.jobKey("retention-purge", "ccs");
    /** Trigger data of a manual run: the manager's login. */
    public static final String STARTED_BY = "startedBy";
    /** Job data written after each run. */
    public static final String LAST_RUN_ID = "lastRunId";
    public static final String LAST_STATUS = "lastStatus";
    public static final String LAST_ENDED_AT = "lastEndedAt";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        Scheduler scheduler = context.getScheduler();
        PurgeRunner runner;
        Clock clock;
        try {
            runner = (PurgeRunner) scheduler.getContext().get(PurgeRunner.CONTEXT_KEY);
            clock = (Clock) scheduler.getContext().get(Schedulers.CLOCK_KEY);
        } catch (SchedulerException e) {
            throw new JobExecutionException("the scheduler context cannot be read", e, false);
        }
        if (runner == null || clock == null) {
            throw new JobExecutionException("the scheduler context holds no purge runner or clock", false);
        }
        JobDataMap merged = context.getMergedJobDataMap();
        String actor = merged.get(STARTED_BY) instanceof String s && !s.isBlank() ? s : PurgeRunner.SYSTEM_ACTOR;
        JobDataMap state = context.getJobDetail().getJobDataMap();
        try {
            PurgeRunView run = runner.run(PurgeOptions.from(merged), actor, instanceId(scheduler), () -> stopping(scheduler));
            state.put(LAST_RUN_ID, Long.toString(run.id()));
            state.put(LAST_STATUS, run.status());
            state.put(LAST_ENDED_AT, clock.instant().toString());
            context.setResult(run);
        } catch (PurgeBusyException busy) {
            // another execution runs the purge (a manual run and the nightly one at the same moment)
            state.put(LAST_STATUS, "SKIPPED");
            state.put(LAST_ENDED_AT, clock.instant().toString());
            LOG.info(busy.getMessage() + "; this trigger does nothing");
        } catch (SQLException | RuntimeException e) {
            state.put(LAST_STATUS, "FAILED");
            state.put(LAST_ENDED_AT, clock.instant().toString());
            // the runner logged the failure (kind and SQL state only); the next run resumes
            throw new JobExecutionException("retention purge failed: " + PurgeRunner.failure(e), false);
        }
    }

    private static String instanceId(Scheduler scheduler) {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return null;
        }
    }

    /** The scheduler goes into standby first when it shuts down: stop after the current batch. */
    static boolean stopping(Scheduler scheduler) {
        try {
            return scheduler.isInStandbyMode() || scheduler.isShutdown();
        } catch (SchedulerException e) {
            return true;
        }
    }
}
