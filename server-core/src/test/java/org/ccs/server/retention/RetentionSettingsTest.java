package org.ccs.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;

class RetentionSettingsTest {

    private static RetentionSettings with(String purgeCron, int batch, int logDays) {
        return new RetentionSettings(purgeCron, batch, 0, 240, RetentionSettings.DEFAULT_LOG_CLEANUP_CRON, logDays,
                Optional.of(Path.of("/var/log/ccs")), "*.log*", ZoneId.of("Europe/London"));
    }

    @Test
    void defaultsAreNightly() {
        RetentionSettings s = RetentionSettings.fromEnvironment();
        assertEquals("0 30 2 * * ?", s.purgeCron());
        assertEquals(7, s.logCleanupDays());
        assertEquals(RetentionSettings.DEFAULT_PURGE_BATCH, s.purgeOptions().batchSize());
    }

    @Test
    void wrongSettingsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with("every night", 1000, 7));
        assertTrue(e.getMessage().contains(RetentionSettings.PURGE_CRON), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> with("0 30 2 * * ?", 0, 7));
        assertTrue(e.getMessage().contains(RetentionSettings.PURGE_BATCH), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> with("0 30 2 * * ?", 1000, 0));
        assertTrue(e.getMessage().contains(RetentionSettings.LOG_CLEANUP_DAYS), e.getMessage());
    }

    @Test
    void purgeOptionsTravelAsStringsInTheJobData() {
        PurgeOptions o = new PurgeOptions(500, 20, 60);
        assertEquals(o, PurgeOptions.from(new JobDataMap(o.asJobData())));
        assertEquals(RetentionSettings.DEFAULT_PURGE_BATCH, PurgeOptions.from(new JobDataMap()).batchSize());
    }
}
