package org.ccs.server.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Logger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.SchedulerException;

/**
 * The trace and log clean-up of one node, on the node's local scheduler (every node has its own log
 * folder, so this job must not go to whichever node the cluster picks). Settings in the job data:
 * {@link #DIR}, {@link #DAYS}, {@link #PATTERN}; the clock from the scheduler context.
 */
@DisallowConcurrentExecution
public class LogCleanupJob implements Job {

    private static final Logger LOG = Logger.getLogger(LogCleanupJob.class.getName());

    public static final JobKey KEY = JobKey.jobKey("log-cleanup", "ccs");
    public static final String DIR = "dir";
    public static final String DAYS = "days";
    public static final String PATTERN = "pattern";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        Path dir = Path.of(data.getString(DIR));
        int days = Integer.parseInt(data.getString(DAYS));
        String pattern = data.getString(PATTERN);
        Clock clock;
        try {
            clock = (Clock) context.getScheduler().getContext().get(Schedulers.CLOCK_KEY);
        } catch (SchedulerException e) {
            throw new JobExecutionException("the scheduler context cannot be read", e, false);
        }
        if (!Files.isDirectory(dir)) {
            LOG.warning("log clean-up: " + dir + " is not a folder; nothing deleted");
            return;
        }
        try {
            LogCleanup.Result r = LogCleanup.clean(dir, days, pattern, clock);
            context.setResult(r);
            if (r.deleted() > 0 || r.failed() > 0) {
                LOG.info("log clean-up in " + dir + ": " + r.deleted() + " file(s) older than " + days + " days deleted ("
                        + r.bytesDeleted() / 1024 + " KiB)" + (r.failed() > 0 ? ", " + r.failed() + " could not be deleted" : ""));
            }
        } catch (IOException e) {
            throw new JobExecutionException("log clean-up in " + dir + " failed: " + e.getClass().getSimpleName(), e, false);
        }
    }
}
