package org.ccs.server.retention;

import java.time.Instant;

/**
 * Where one data category of a purge run stands: its cutoff (rows older than this are due), its
 * state (PENDING while rows may be left, DONE, HELD when a legal hold stopped the whole category),
 * how far the walk through the category's time index has got, and the counts.
 */
public record PurgeProgressView(RetentionCategory category, Instant cutoff, String state, Instant reachedTime,
                                long rowsDeleted, long rowsHeld, long customersDeleted, int batches) {
}
