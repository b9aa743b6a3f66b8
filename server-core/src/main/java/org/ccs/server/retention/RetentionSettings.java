package org.ccs.server.retention;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.ccs.server.common.Settings;
import org.quartz.CronExpression;

/**
 * Run-time settings of the scheduled jobs (system property or environment variable, see
 * {@link Settings}); every value is checked when the server starts, with a message naming the setting.
 *
 * @param purgeCron      when the retention purge runs (Quartz cron, site time zone): nightly by default
 * @param purgeBatch     rows per purge batch (one transaction each)
 * @param purgePauseMillis pause between two batches, to leave the database to the agents
 * @param purgeMaxMinutes longest a purge run goes on; what is left resumes at the next run
 * @param logCleanupCron when old server log files are deleted (per node)
 * @param logCleanupDays log files not modified for this many days are deleted
 * @param logDir         the folder of the server's log files (none: the clean-up does nothing)
 * @param logPattern     which files of that folder are log files (glob on the file name)
 * @param zone           the time zone of the cron expressions (the site's)
 */
public record RetentionSettings(String purgeCron, int purgeBatch, int purgePauseMillis, int purgeMaxMinutes,
                                String logCleanupCron, int logCleanupDays, Optional<Path> logDir, String logPattern,
                                ZoneId zone) {

    public static final String PURGE_CRON = "ccs.retention.purge.cron";
    public static final String PURGE_BATCH = "ccs.retention.purge.batch";
    public static final String PURGE_PAUSE_MILLIS = "ccs.retention.purge.pause.millis";
    public static final String PURGE_MAX_MINUTES = "ccs.retention.purge.max.minutes";
    public static final String LOG_CLEANUP_CRON = "ccs.log.cleanup.cron";
    public static final String LOG_CLEANUP_DAYS = "ccs.log.cleanup.days";
    public static final String LOG_CLEANUP_DIR = "ccs.log.cleanup.dir";
    public static final String LOG_CLEANUP_PATTERN = "ccs.log.cleanup.pattern";

    /** 02:30 every night, site time. */
    public static final String DEFAULT_PURGE_CRON = "0 30 2 * * ?";
    public static final int DEFAULT_PURGE_BATCH = 2000;
    public static final int DEFAULT_PURGE_PAUSE_MILLIS = 0;
    public static final int DEFAULT_PURGE_MAX_MINUTES = 240;
    /** 03:15 every night, site time. */
    public static final String DEFAULT_LOG_CLEANUP_CRON = "0 15 3 * * ?";
    public static final int DEFAULT_LOG_CLEANUP_DAYS = 7;
    public static final String DEFAULT_LOG_PATTERN = "*.log*";

    public RetentionSettings {
        checkCron(PURGE_CRON, purgeCron);
        checkRange(PURGE_BATCH, purgeBatch, 1, 100_000);
        checkRange(PURGE_PAUSE_MILLIS, purgePauseMillis, 0, 60_000);
        checkRange(PURGE_MAX_MINUTES, purgeMaxMinutes, 1, 24 * 60);
        checkCron(LOG_CLEANUP_CRON, logCleanupCron);
        checkRange(LOG_CLEANUP_DAYS, logCleanupDays, 1, RetentionPolicy.MAX_DAYS);
        Objects.requireNonNull(logDir, "log folder (or none) is required");
        if (logPattern == null || logPattern.isBlank() || logPattern.contains("/") || logPattern.contains("\\")) {
            throw new IllegalArgumentException("setting " + LOG_CLEANUP_PATTERN + " must be a file-name pattern such as "
                    + DEFAULT_LOG_PATTERN + " (no folders)");
        }
        Objects.requireNonNull(zone, "time zone is required");
    }

    /** The settings of this server: system properties, environment, defaults. */
    public static RetentionSettings fromEnvironment() {
        Optional<Path> dir = Settings.get(LOG_CLEANUP_DIR).or(() -> Optional.ofNullable(System.getProperty("jboss.server.log.dir")))
                .map(Path::of);
        return new RetentionSettings(
                Settings.get(PURGE_CRON, DEFAULT_PURGE_CRON),
                Settings.getInt(PURGE_BATCH, DEFAULT_PURGE_BATCH),
                Settings.getInt(PURGE_PAUSE_MILLIS, DEFAULT_PURGE_PAUSE_MILLIS),
                Settings.getInt(PURGE_MAX_MINUTES, DEFAULT_PURGE_MAX_MINUTES),
                Settings.get(LOG_CLEANUP_CRON, DEFAULT_LOG_CLEANUP_CRON),
                Settings.getInt(LOG_CLEANUP_DAYS, DEFAULT_LOG_CLEANUP_DAYS),
                dir,
                Settings.get(LOG_CLEANUP_PATTERN, DEFAULT_LOG_PATTERN),
                Settings.get("ccs.site.timezone").map(RetentionSettings::zone).orElse(ZoneId.systemDefault()));
    }

    /** How the purge job runs its batches. */
    public PurgeOptions purgeOptions() {
        return new PurgeOptions(purgeBatch, purgePauseMillis, purgeMaxMinutes);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("setting ccs.site.timezone: '" + id + "' is not a time zone (e.g. Europe/London)");
        }
    }

    private static void checkCron(String key, String value) {
        if (value == null || !CronExpression.isValidExpression(value)) {
            throw new IllegalArgumentException("setting " + key + ": '" + value + "' is not a Quartz cron expression"
                    + " (seconds minutes hours day-of-month month day-of-week, e.g. " + DEFAULT_PURGE_CRON + ")");
        }
    }

    private static void checkRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("setting " + key + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
