package org.ccs.server.retention;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.quartz.SchedulerException;

/**
 * The purge for the Manager: status and progress (read from {@code purge_run}/{@code purge_progress},
 * whichever node runs it), the recent runs, run now, stop. Plain JDBC through {@link PurgeRunner}, so no
 * JTA transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PurgeService {

    private static final Logger LOG = Logger.getLogger(PurgeService.class.getName());

    @Resource(lookup = JobScheduler.DATASOURCE)
    DataSource dataSource;

    @Inject
    Clock clock;

    @EJB
    JobScheduler scheduler;

    private PurgeRunner runner() {
        return new PurgeRunner(dataSource, clock);
    }

    public PurgeStatus status() {
        RetentionSettings s = scheduler.settings();
        try {
            return new PurgeStatus(scheduler.isStarted(), s.purgeCron(), s.zone().getId(),
                    scheduler.nextPurgeAt().orElse(null), s.purgeBatch(), runner().latest().orElse(null));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public List<PurgeRunView> recentRuns(int limit) {
        try {
            return runner().recent(limit);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Starts a run now on the cluster (after the current one, if one is running). Audited. */
    public void runNow(String actor, String sourceAddress) {
        try {
            scheduler.runPurgeNow(actor);
        } catch (SchedulerException e) {
            LOG.warning("purge run requested by " + actor + " not started: " + e.getMessage());
            throw new PurgeUnavailableException("the purge cannot be started now: the job scheduler is not running");
        }
        LOG.info(() -> "purge run requested by " + actor);
        try {
            runner().auditRequest(actor, sourceAddress);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Asks the running purge to stop after its current batch; false when none is running. Audited. */
    public boolean stop(String actor, String sourceAddress) {
        try {
            return runner().requestStop(actor, sourceAddress);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static PurgeUnavailableException unavailable(SQLException e) {
        LOG.warning("purge status not available: " + PurgeRunner.failure(e));
        return new PurgeUnavailableException("the purge status cannot be read from the database now");
    }
}
