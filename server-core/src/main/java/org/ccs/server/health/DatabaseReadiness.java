package org.ccs.server.health;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ccs.server.common.Settings;
import org.ccs.server.security.FirstStart;
import org.ccs.server.telephony.TelephonyBridge;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Brings the server up against its database. At deployment it tries the datasource once; when the
 * database answers, the JPA mappings are validated against the migrated schema (a mismatch fails the
 * deployment, as hbm2ddl=validate would), the first-start accounts are made and the PBX link starts.
 * When it does not answer, one line says which datasource and address failed, the check is retried
 * with back-off (2 s doubling to 60 s, ccs.db.retry.max.millis), and the readiness health check says DOWN with the reason.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseReadiness {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());
    static final String DATASOURCE = "java:jboss/datasources/CcsDS";

    /** Where the database stands, for the health check. */
    public enum State { STARTING, UNREACHABLE, SCHEMA_INVALID, READY }

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @PersistenceUnit(unitName = "ccs")
    EntityManagerFactory emf;

    @Resource
    TimerService timers;

    @EJB
    FirstStart firstStart;

    @EJB
    TelephonyBridge telephony;

    private volatile State state = State.STARTING;
    private volatile String reason = "not checked yet";
    private volatile long retryMillis = 2_000;
    private volatile int failedAttempts;

    @PostConstruct
    void atDeployment() {
        if (!attempt()) {
            if (state == State.SCHEMA_INVALID) {
                throw new IllegalStateException(reason);
            }
            scheduleRetry();
        }
    }

    @Timeout
    void retry(Timer timer) {
        if (!attempt() && state == State.UNREACHABLE) {
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        long delay = retryMillis;
        retryMillis = Math.min(retryMillis * 2, Settings.getInt("ccs.db.retry.max.millis", 60_000));
        timers.createSingleActionTimer(delay, new TimerConfig(null, false));
    }

    private boolean attempt() {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(5)) {
                throw new SQLException("connection not valid");
            }
        } catch (SQLException | RuntimeException e) {
            failedAttempts++;
            state = State.UNREACHABLE;
            reason = "datasource " + DATASOURCE + " (" + configuredAddress() + ") unreachable: " + rootMessage(e);
            if (failedAttempts == 1 || Integer.bitCount(failedAttempts) == 1) {
                // one line, no stack trace; repeated at growing intervals only
                LOG.warning(reason + "; retrying in " + retryMillis / 1000 + " s (attempt " + failedAttempts + ")");
            }
            return false;
        }
        try {
            emf.unwrap(SessionFactoryImplementor.class).getSchemaManager().validateMappedObjects();
        } catch (RuntimeException e) {
            state = State.SCHEMA_INVALID;
            reason = "the database schema does not match this CCS version (run the db-scripts migrations): "
                    + rootMessage(e);
            LOG.severe(reason);
            return false;
        }
        if (failedAttempts > 0) {
            LOG.info("datasource " + DATASOURCE + " is reachable again after " + failedAttempts + " failed attempt(s)");
        }
        firstStart.run();
        telephony.start();
        jakarta.enterprise.inject.spi.CDI.current().select(org.ccs.server.media.MediaChannels.class).get().start();
        jakarta.enterprise.inject.spi.CDI.current().select(org.ccs.server.retention.JobScheduler.class).get().start();
        state = State.READY;
        reason = "database reachable, schema valid";
        return true;
    }

    /** The configured JDBC URL without credentials (the same expression the datasource uses). */
    static String configuredAddress() {
        String url = Settings.get("ccs.db.url", "jdbc:postgresql://127.0.0.1:5432/ccs");
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The driver's own message (it names the address) rather than the pool's wrapper or the socket's. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        Throwable best = null;
        while (t != null) {
            if (t instanceof SQLException && t.getMessage() != null) {
                best = t;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        if (best == null) {
            best = e;
            while (best.getCause() != null && best.getCause() != best) {
                best = best.getCause();
            }
        }
        String m = best.getMessage();
        return m == null ? best.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    public State state() {
        return state;
    }

    public String reason() {
        return reason;
    }
}
