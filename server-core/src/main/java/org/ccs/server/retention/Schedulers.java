package org.ccs.server.retention;

import java.time.Clock;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * Builds the two Quartz schedulers of a CCS node, not started:
 * <ul>
 * <li>the clustered one, on the JDBC job store in the product database (tables {@code QRTZ_*} of
 * db-scripts V7, {@code JobStoreTX} over the server's datasource, PostgreSQLDelegate on PostgreSQL,
 * StdJDBCDelegate on Informix, {@code isClustered=true}, instance id AUTO): every node runs one, and
 * each trigger fires on exactly one of them. The retention purge runs here.</li>
 * <li>the local one, in memory: jobs that concern this node only (its own log files).</li>
 * </ul>
 * Job instances get what they need from the scheduler context ({@link #CLOCK_KEY},
 * {@link PurgeRunner#CONTEXT_KEY}), never from fields.
 */
public final class Schedulers {

    /** The cluster's name: the same on every node ({@code QRTZ_*.SCHED_NAME}). */
    public static final String CLUSTERED_NAME = "CcsScheduler";
    public static final String LOCAL_NAME = "CcsLocalScheduler";
    /** The key under which a scheduler context holds the {@link Clock}. */
    public static final String CLOCK_KEY = "ccs.clock";

    private Schedulers() {
    }

    /** The Quartz settings of the clustered scheduler (the datasource is registered under {@code dataSourceName}). */
    static Properties clusteredProperties(boolean informix, String instanceId, String dataSourceName, int threads,
                                          long checkinMillis) {
        Properties p = common(CLUSTERED_NAME, instanceId, threads);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", informix
                ? "org.quartz.impl.jdbcjobstore.StdJDBCDelegate" : "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinMillis));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // job data as strings only: nothing Java-serialised in the database
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return p;
    }

    static Properties localProperties(int threads) {
        Properties p = common(LOCAL_NAME, "NON_CLUSTERED", threads);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return p;
    }

    private static Properties common(String name, String instanceId, int threads) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        // the job classes live in server-core, which Quartz (in the EAR's lib) cannot see by itself
        p.setProperty("org.quartz.scheduler.threadsInheritContextClassLoaderOfInitializer", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.scheduler.jmx.export", "false");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", name + "_Worker");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.threadPool.threadsInheritContextClassLoaderOfInitializingThread", "true");
        return p;
    }

    /**
     * The clustered scheduler over {@code dataSource}, not started.
     *
     * @param instanceId {@code AUTO} in the server (host name and start time), a fixed id in tests
     */
    public static Scheduler clustered(DataSource dataSource, boolean informix, String instanceId, int threads,
                                      long checkinMillis, Clock clock) throws SchedulerException {
        Objects.requireNonNull(dataSource, "data source is required");
        String dataSourceName = "ccs-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new DataSourceConnectionProvider(dataSource));
        Scheduler scheduler = build(clusteredProperties(informix, instanceId, dataSourceName, threads, checkinMillis));
        scheduler.getContext().put(CLOCK_KEY, Objects.requireNonNull(clock, "clock is required"));
        return scheduler;
    }

    /** The in-memory scheduler of this node, not started. */
    public static Scheduler local(Clock clock) throws SchedulerException {
        Scheduler scheduler = build(localProperties(1));
        scheduler.getContext().put(CLOCK_KEY, Objects.requireNonNull(clock, "clock is required"));
        return scheduler;
    }

    private static Scheduler build(Properties properties) throws SchedulerException {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Schedulers.class.getClassLoader());
        try {
            Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
            // StdSchedulerFactory registers schedulers JVM-wide by name and refuses a second one of the same
            // name; CCS keeps its own reference, and tests run two members of one cluster in one JVM
            SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
            return scheduler;
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
