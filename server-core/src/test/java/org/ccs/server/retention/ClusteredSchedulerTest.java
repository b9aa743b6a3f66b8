package org.ccs.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quartz.JobBuilder.newJob;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Two Quartz schedulers, as two CCS nodes, clustered on the JDBC job store of one PostgreSQL database
 * migrated by db-scripts (tables QRTZ_*, as the application role): every trigger fires exactly once in
 * the cluster, whichever node scheduled it; the purge job runs once per trigger and never twice at a
 * time; its outcome is kept in its job data.
 */
class ClusteredSchedulerTest {

    /** Fires per trigger and scheduled time, across both schedulers (one JVM). */
    static final Map<String, AtomicInteger> FIRES = new ConcurrentHashMap<>();
    static final Set<String> NODES = ConcurrentHashMap.newKeySet();

    /** Records where and when it fired; no state of its own. */
    public static class RecordingJob implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            FIRES.computeIfAbsent(context.getTrigger().getKey().getName() + "@" + context.getScheduledFireTime().getTime(),
                    k -> new AtomicInteger()).incrementAndGet();
            try {
                NODES.add(context.getScheduler().getSchedulerInstanceId());
            } catch (SchedulerException e) {
                throw new JobExecutionException(e);
            }
        }
    }

    private RetentionTestDb db;
    private Scheduler nodeA;
    private Scheduler nodeB;

    @BeforeEach
    void twoNodes() throws SQLException, SchedulerException {
        FIRES.clear();
        NODES.clear();
        db = new RetentionTestDb("ccs_quartz");
        nodeA = node("node-a");
        nodeB = node("node-b");
        nodeA.start();
        nodeB.start();
    }

    private Scheduler node(String id) throws SchedulerException {
        Scheduler s = Schedulers.clustered(db.appDataSource(), false, id, 3, 1_000, Clock.systemUTC());
        s.getContext().put(PurgeRunner.CONTEXT_KEY, new PurgeRunner(db.appDataSource(), Clock.systemUTC()));
        return s;
    }

    @AfterEach
    void stop() throws Exception {
        for (Scheduler s : new Scheduler[] {nodeA, nodeB}) {
            if (s != null) {
                s.shutdown(true);
            }
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void eachTriggerFiresOnceInTheCluster() throws Exception {
        Date soon = Date.from(Instant.now().plusMillis(1_500));
        for (int i = 0; i < 20; i++) {
            Scheduler via = i % 2 == 0 ? nodeA : nodeB;
            via.scheduleJob(newJob(RecordingJob.class).withIdentity("job-" + i, "test").build(),
                    newTrigger().withIdentity("once-" + i, "test").startAt(soon).build());
        }
        nodeB.scheduleJob(newJob(RecordingJob.class).withIdentity("repeating", "test").build(),
                newTrigger().withIdentity("every-second", "test").startAt(soon)
                        .withSchedule(simpleSchedule().withIntervalInMilliseconds(1_000).withRepeatCount(5)).build());
        // both nodes see everything: one job store
        assertEquals(21, nodeA.getJobKeys(GroupMatcher.jobGroupEquals("test")).size());

        waitFor(Duration.ofSeconds(30), () -> FIRES.size() == 26);
        Thread.sleep(3_000); // a second firing would show by now
        assertEquals(26, FIRES.size(), FIRES::toString);
        FIRES.forEach((fire, count) -> assertEquals(1, count.get(), fire + " fired " + count + " times"));
        assertFalse(NODES.isEmpty());
    }

    @Test
    void thePurgeJobNeverRunsTwiceAtATimeInTheCluster() throws Exception {
        db.setRetention(RetentionCategory.CONTACT_RECORD, 365);
        db.bulkContacts(2_000, Instant.now().minus(Duration.ofDays(800)), 60);
        AtomicInteger executions = new AtomicInteger();
        for (Scheduler s : new Scheduler[] {nodeA, nodeB}) {
            s.getListenerManager().addJobListener(new org.quartz.listeners.JobListenerSupport() {
                @Override
                public String getName() {
                    return "count";
                }

                @Override
                public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
                    executions.incrementAndGet();
                }
            });
        }
        nodeA.addJob(newJob(PurgeJob.class).withIdentity(PurgeJob.KEY).storeDurably().requestRecovery(true)
                .usingJobData(new JobDataMap(new PurgeOptions(100, 5, 10).asJobData())).build(), true);

        // a manager asks on node B, and the same moment node A's schedule fires
        JobDataMap byManager = new JobDataMap();
        byManager.put(PurgeJob.STARTED_BY, "manager");
        nodeB.triggerJob(PurgeJob.KEY, byManager);
        nodeA.triggerJob(PurgeJob.KEY);

        waitFor(Duration.ofSeconds(60), () -> executions.get() == 2
                && count("SELECT count(*) FROM purge_run WHERE status <> 'DONE'") == 0);
        long runs = count("SELECT count(*) FROM purge_run");
        assertTrue(runs == 1 || runs == 2, "one run, or two one after the other: " + runs);
        assertEquals(0, count("SELECT count(*) FROM purge_run r1, purge_run r2 WHERE r1.id < r2.id"
                + " AND r2.started_at < r1.finished_at"), "no two runs at the same time");
        assertEquals(2_000, count("SELECT sum(rows_deleted) FROM purge_progress WHERE category = 'CONTACT_RECORD'"));
        assertEquals(0, count("SELECT count(*) FROM contact_record"));

        JobDataMap kept = nodeB.getJobDetail(PurgeJob.KEY).getJobDataMap();
        String status = kept.getString(PurgeJob.LAST_STATUS);
        assertTrue(java.util.List.of("DONE", "SKIPPED").contains(status), "the outcome is kept in the job data: " + status);
        assertTrue(kept.containsKey(PurgeJob.LAST_ENDED_AT));
        if ("DONE".equals(status)) {
            assertEquals(Long.toString(count("SELECT max(id) FROM purge_run")), kept.getString(PurgeJob.LAST_RUN_ID));
        }
        assertFalse(nodeA.getJobDetail(PurgeJob.KEY).getJobDataMap().containsKey(PurgeJob.STARTED_BY),
                "trigger data stays with the trigger");
    }

    @Test
    void aSchedulerIsBuiltWithoutTheDatabase() throws SchedulerException {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/none");
        Scheduler s = Schedulers.clustered(nowhere, false, "AUTO", 1, 15_000, Clock.systemUTC());
        assertTrue(s.getSchedulerInstanceId().length() > 5, "AUTO instance id generated");
        assertEquals(Schedulers.CLUSTERED_NAME, s.getSchedulerName());
        assertFalse(s.isStarted());
        s.shutdown(false);
    }

    private long count(String sql) {
        try {
            return db.count(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
