package org.ccs.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronExpression;
import org.quartz.SchedulerException;

/**
 * The scheduler bootstrap of the server ({@link JobScheduler}), outside the container: built without
 * the database, started when it is ready, the nightly purge scheduled once for the cluster in the
 * JDBC job store with the cron of the settings (site time zone), the log clean-up on each node, a
 * manual run, and a second node joining.
 */
class JobSchedulerTest {

    private static final Map<String, String> SETTINGS = Map.of(
            RetentionSettings.PURGE_CRON, "0 0 4 * * ?",
            RetentionSettings.LOG_CLEANUP_CRON, "0 45 3 * * ?",
            "ccs.site.timezone", "Europe/London");

    @TempDir
    Path logs;

    private RetentionTestDb db;
    private final List<JobScheduler> nodes = new ArrayList<>();

    @BeforeEach
    void database() throws SQLException {
        db = new RetentionTestDb("ccs_jobsched");
        SETTINGS.forEach(System::setProperty);
        System.setProperty(RetentionSettings.LOG_CLEANUP_DIR, logs.toString());
    }

    @AfterEach
    void stop() throws SQLException {
        nodes.forEach(JobScheduler::shutdown);
        SETTINGS.keySet().forEach(System::clearProperty);
        System.clearProperty(RetentionSettings.LOG_CLEANUP_DIR);
        if (db != null) {
            db.close();
        }
    }

    private JobScheduler node() {
        JobScheduler s = new JobScheduler();
        s.dataSource = db.appDataSource();
        s.clock = Clock.systemUTC();
        s.build();
        nodes.add(s);
        return s;
    }

    @Test
    void theNightlyPurgeIsScheduledOnceForTheClusterAndRunsOnRequest() throws Exception {
        JobScheduler a = node();
        assertThrows(SchedulerException.class, () -> a.runPurgeNow("manager"), "not before the database is ready");
        a.start();
        assertTrue(a.isStarted());
        CronExpression fourAm = new CronExpression("0 0 4 * * ?");
        fourAm.setTimeZone(java.util.TimeZone.getTimeZone("Europe/London"));
        Instant expected = fourAm.getNextValidTimeAfter(new java.util.Date()).toInstant();
        assertEquals(expected, a.nextPurgeAt().orElseThrow());
        assertEquals(4, ZonedDateTime.ofInstant(a.nextPurgeAt().orElseThrow(), ZoneId.of("Europe/London")).getHour());
        assertEquals(45, ZonedDateTime.ofInstant(a.nextLogCleanupAt().orElseThrow(), ZoneId.of("Europe/London")).getMinute());
        assertEquals(1, db.count("SELECT count(*) FROM qrtz_cron_triggers WHERE trigger_name = 'retention-purge-nightly'"
                + " AND cron_expression = '0 0 4 * * ?' AND time_zone_id = 'Europe/London'"));

        JobScheduler b = node();
        b.start();
        assertEquals(1, db.count("SELECT count(*) FROM qrtz_triggers WHERE trigger_name = 'retention-purge-nightly'"),
                "one schedule for the cluster");
        assertEquals(2, db.count("SELECT count(*) FROM qrtz_scheduler_state"), "two members");

        // a node started with another schedule changes it for the cluster
        System.setProperty(RetentionSettings.PURGE_CRON, "0 15 1 * * ?");
        JobScheduler c = node();
        c.start();
        assertEquals(1, db.count("SELECT count(*) FROM qrtz_cron_triggers WHERE cron_expression = '0 15 1 * * ?'"));

        b.runPurgeNow("manager");
        long end = System.nanoTime() + 30_000_000_000L;
        while (db.count("SELECT count(*) FROM purge_run WHERE status = 'DONE' AND started_by = 'manager'") == 0) {
            assertTrue(System.nanoTime() < end, "the requested run did not happen");
            Thread.sleep(200);
        }
    }
}
