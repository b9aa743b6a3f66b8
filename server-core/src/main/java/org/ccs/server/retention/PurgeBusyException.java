package org.ccs.server.retention;

/**
 * Another execution (on this node or another) is running the purge: its heartbeat is recent. The
 * trigger that got this does nothing; the running one goes on. Quartz's
 * {@code @DisallowConcurrentExecution} is not enough on its own in a cluster (two nodes can acquire two
 * triggers of the job at the same moment), so the purge keeps its own guard in the database.
 */
public class PurgeBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long runId;

    public PurgeBusyException(long runId, String nodeId) {
        super("purge run " + runId + " is running" + (nodeId == null ? "" : " on " + nodeId));
        this.runId = runId;
    }

    public long runId() {
        return runId;
    }
}
