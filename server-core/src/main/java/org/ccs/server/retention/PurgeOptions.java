package org.ccs.server.retention;

import java.time.Duration;
import java.util.Map;
import org.quartz.JobDataMap;

/**
 * How a purge run goes: rows per batch (one transaction each), a pause between batches to leave the
 * database to ingestion, and the longest a run may take (what is left resumes at the next run).
 * Kept in the purge job's {@code JobDataMap} as strings (the job store runs with useProperties).
 */
public record PurgeOptions(int batchSize, int pauseMillis, int maxMinutes) {

    static final String BATCH_SIZE = "batchSize";
    static final String PAUSE_MILLIS = "pauseMillis";
    static final String MAX_MINUTES = "maxMinutes";

    public PurgeOptions {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("purge batch size must be between 1 and 100000, was " + batchSize);
        }
        if (pauseMillis < 0 || pauseMillis > 60_000) {
            throw new IllegalArgumentException("pause between purge batches must be between 0 and 60000 ms, was " + pauseMillis);
        }
        if (maxMinutes < 1 || maxMinutes > 24 * 60) {
            throw new IllegalArgumentException("longest purge run must be between 1 and 1440 minutes, was " + maxMinutes);
        }
    }

    public Duration maxDuration() {
        return Duration.ofMinutes(maxMinutes);
    }

    /** The options in a job's data map; a missing key takes the default. */
    static PurgeOptions from(JobDataMap data) {
        return new PurgeOptions(
                intValue(data, BATCH_SIZE, RetentionSettings.DEFAULT_PURGE_BATCH),
                intValue(data, PAUSE_MILLIS, RetentionSettings.DEFAULT_PURGE_PAUSE_MILLIS),
                intValue(data, MAX_MINUTES, RetentionSettings.DEFAULT_PURGE_MAX_MINUTES));
    }

    /** The options as strings for a job's data map. */
    Map<String, String> asJobData() {
        return Map.of(BATCH_SIZE, Integer.toString(batchSize), PAUSE_MILLIS, Integer.toString(pauseMillis),
                MAX_MINUTES, Integer.toString(maxMinutes));
    }

    private static int intValue(JobDataMap data, String key, int fallback) {
        Object v = data.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("purge job setting " + key + " must be a whole number, was '" + v + "'");
        }
    }
}
