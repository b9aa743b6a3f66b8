package org.ccs.server.retention;

import java.time.Instant;

/**
 * The purge as the Manager sees it: whether this node's scheduler runs, the schedule and when it fires
 * next, and the newest run (null before the first).
 */
public record PurgeStatus(boolean schedulerRunning, String cron, String timeZone, Instant nextRunAt, int batchSize,
                          PurgeRunView latestRun) {
}
