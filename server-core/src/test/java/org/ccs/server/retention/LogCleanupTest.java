package org.ccs.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;

/** The log clean-up deletes log files older than N days and nothing else, with an injected clock. */
class LogCleanupTest {

    private static final Instant NOW = Instant.parse("2031-03-10T03:15:00Z");

    @TempDir
    Path dir;

    private Path file(String name, Duration age) throws IOException {
        Path f = Files.writeString(dir.resolve(name), "log line\n");
        Files.setLastModifiedTime(f, FileTime.from(NOW.minus(age)));
        return f;
    }

    @Test
    void filesOlderThanTheLimitGoTheRestStays() throws IOException {
        Path old = file("server.log.2031-03-01", Duration.ofDays(8));
        Path justPast = file("server.log.2031-03-02", Duration.ofDays(7).plusSeconds(1));
        Path justInside = file("server.log.2031-03-03", Duration.ofDays(7).minusSeconds(1));
        Path current = file("server.log", Duration.ofMinutes(1));
        Path notALog = file("keystore.p12", Duration.ofDays(400));
        Path folder = Files.createDirectory(dir.resolve("archive.log.d"));
        Files.setLastModifiedTime(folder, FileTime.from(NOW.minus(Duration.ofDays(400))));

        LogCleanup.Result r = LogCleanup.clean(dir, 7, RetentionSettings.DEFAULT_LOG_PATTERN, new MutableClock(NOW));

        assertEquals(2, r.deleted());
        assertEquals(2, r.kept());
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(justPast));
        assertTrue(Files.exists(justInside));
        assertTrue(Files.exists(current));
        assertTrue(Files.exists(notALog), "only files matching the pattern");
        assertTrue(Files.isDirectory(folder), "folders are left alone");
    }

    @Test
    void theJobRunsOnTheNodesLocalScheduler() throws Exception {
        Path old = file("server.log.1", Duration.ofDays(30));
        Scheduler local = Schedulers.local(new MutableClock(NOW));
        try {
            local.start();
            local.scheduleJob(JobBuilder.newJob(LogCleanupJob.class).withIdentity(LogCleanupJob.KEY)
                            .usingJobData(LogCleanupJob.DIR, dir.toString()).usingJobData(LogCleanupJob.DAYS, "7")
                            .usingJobData(LogCleanupJob.PATTERN, "*.log*").build(),
                    TriggerBuilder.newTrigger().startNow().build());
            for (int i = 0; i < 100 && Files.exists(old); i++) {
                Thread.sleep(50);
            }
            assertFalse(Files.exists(old));
        } finally {
            local.shutdown(true);
        }
    }
}
