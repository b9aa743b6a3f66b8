package org.ccs.server.retention;

import java.time.Instant;
import java.util.List;

/**
 * One purge run as the Manager sees it: status (RUNNING, STOPPING, STOPPED, DONE, FAILED), who or what
 * started it ({@code system} for the schedule), when, the last sign of life, the node running it, how
 * often it was resumed, why it stopped or failed, the totals and the progress per category.
 */
public record PurgeRunView(long id, String status, Instant startedAt, String startedBy, Instant heartbeatAt,
                           Instant finishedAt, String nodeId, int resumedCount, String detail, long rowsDeleted,
                           long rowsHeld, long customersDeleted, List<PurgeProgressView> categories) {

    public PurgeRunView {
        categories = List.copyOf(categories);
    }

    static PurgeRunView of(long id, String status, Instant startedAt, String startedBy, Instant heartbeatAt,
                           Instant finishedAt, String nodeId, int resumedCount, String detail,
                           List<PurgeProgressView> categories) {
        return new PurgeRunView(id, status, startedAt, startedBy, heartbeatAt, finishedAt, nodeId, resumedCount, detail,
                categories.stream().mapToLong(PurgeProgressView::rowsDeleted).sum(),
                categories.stream().mapToLong(PurgeProgressView::rowsHeld).sum(),
                categories.stream().mapToLong(PurgeProgressView::customersDeleted).sum(), categories);
    }
}
