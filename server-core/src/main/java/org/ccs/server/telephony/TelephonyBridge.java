package org.ccs.server.telephony;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccs.csta.AgentStateChange;
import org.ccs.csta.CompletedCall;
import org.ccs.csta.ContactEventListener;
import org.ccs.csta.CstaLink;
import org.ccs.csta.CstaLinkConfig;
import org.ccs.server.agent.AgentService;
import org.ccs.server.agent.AgentState;
import org.ccs.server.common.Settings;
import org.ccs.server.contact.ContactIngestion;

/**
 * Holds the CSTA link to the PBX (csta-adapter) and hands what it reports to the server: completed
 * customer calls to contact ingestion, agent states to the agents. Events are handled on one managed
 * thread in the order the PBX sent them. Configured at run time: ccs.csta.host, ccs.csta.port,
 * ccs.csta.region (the site's country for national numbers, e.g. GB); the designated numbers and the
 * agent extensions to monitor come from the database.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TelephonyBridge {

    private static final Logger LOG = Logger.getLogger(TelephonyBridge.class.getName());
    private static final int STORE_ATTEMPTS = 5;

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    @EJB
    ContactIngestion ingestion;

    @EJB
    AgentService agents;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threadFactory;

    private CstaLink link;
    private ExecutorService worker;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** Starts the PBX link if one is configured; called once the database is ready. */
    public synchronized void start() {
        if (link != null) {
            return;
        }
        Optional<String> host = Settings.get("ccs.csta.host");
        if (host.isEmpty()) {
            LOG.info("No PBX link configured (ccs.csta.host): voice contacts are not recorded");
            return;
        }
        List<String> designated = em.createNamedQuery(DesignatedNumber.ACTIVE, DesignatedNumber.class)
                .getResultList().stream().map(DesignatedNumber::device).toList();
        List<String> extensions = agents.extensions();
        CstaLinkConfig config = CstaLinkConfig.builder()
                .host(host.get())
                .port(Settings.getInt("ccs.csta.port", 8800))
                .region(Settings.get("ccs.csta.region", "GB"))
                .designatedDevices(designated)
                .agentExtensions(extensions)
                .maxBackoff(Duration.ofMillis(Settings.getInt("ccs.csta.reconnect.max.millis", 30_000)))
                .build();
        worker = Executors.newSingleThreadExecutor(threadFactory);
        link = new CstaLink(config, new Listener());
        link.start();
        LOG.info("PBX link to " + host.get() + ":" + config.port() + " started: " + designated.size()
                + " designated number(s), " + extensions.size() + " agent extension(s) to monitor");
    }

    @PreDestroy
    public synchronized void stop() {
        if (link != null) {
            link.close();
            link = null;
        }
        if (worker != null) {
            worker.shutdown();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    /**
     * Click-to-dial: asks the PBX to call {@code number} from the agent's extension (CSTA MakeCall).
     * The call itself is recorded like any other when the PBX reports it.
     *
     * @return the PBX's call id
     * @throws DialException when the number is not dialable, the link is down or the PBX refuses
     */
    public String makeCall(String fromExtension, String number) {
        String dial;
        try {
            dial = DialNumbers.dialable(number);
        } catch (IllegalArgumentException e) {
            throw new DialException(DialException.Reason.INVALID_NUMBER, e.getMessage());
        }
        CstaLink l = link;
        if (l == null || !l.isConnected()) {
            throw new DialException(DialException.Reason.LINK_DOWN, "the PBX link is not connected");
        }
        try {
            return l.makeCall(fromExtension, dial).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new DialException(DialException.Reason.PBX_REFUSED, "the PBX refused the call");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DialException(DialException.Reason.PBX_REFUSED, "the PBX did not answer the call request in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DialException(DialException.Reason.PBX_REFUSED, "interrupted while calling");
        }
    }

    /** Link state for the health check and the Manager. */
    public LinkStatus status() {
        CstaLink l = link;
        if (l == null) {
            return new LinkStatus(false, false, stored.get(), duplicates.get(), failed.get(), 0);
        }
        return new LinkStatus(true, l.isConnected(), stored.get(), duplicates.get(), failed.get(),
                l.counters().badFrames());
    }

    /** What the PBX link is doing. */
    public record LinkStatus(boolean configured, boolean connected, long contactsStored, long duplicatesIgnored,
                             long storeFailures, long badFrames) {
    }

    private void store(CompletedCall call) {
        // one look-up per device of the call, however many legs name it
        java.util.Map<String, Optional<Long>> agentIds = new java.util.HashMap<>();
        java.util.function.Function<String, Long> agentId =
                ext -> agentIds.computeIfAbsent(ext, agents::idForExtension).orElse(null);
        for (int attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
            try {
                boolean isNew = ingestion.ingest(CallRecords.toRecord(call, agentId, clock.instant()));
                (isNew ? stored : duplicates).incrementAndGet();
                return;
            } catch (RuntimeException e) {
                if (attempt == STORE_ATTEMPTS) {
                    failed.incrementAndGet();
                    LOG.log(Level.SEVERE, "call " + call.sourceRef() + " could not be stored after " + attempt
                            + " attempts: " + e.getClass().getSimpleName());
                    return;
                }
                sleep(500L << attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** ECMA-269 agent states to the server's: logged on without more is not yet ready. */
    static AgentState toAgentState(org.ccs.csta.message.AgentState s) {
        return switch (s) {
            case LOGGED_ON, NOT_READY -> AgentState.NOT_READY;
            case LOGGED_OFF -> AgentState.LOGGED_OFF;
            case READY -> AgentState.READY;
            case WORKING_AFTER_CALL -> AgentState.WORK_AFTER_CALL;
            case BUSY -> AgentState.BUSY;
        };
    }

    private final class Listener implements ContactEventListener {
        @Override
        public void onCompletedCall(CompletedCall call) {
            ExecutorService w = worker;
            if (w != null) {
                w.execute(() -> store(call));
            }
        }

        @Override
        public void onAgentStateChange(AgentStateChange change) {
            ExecutorService w = worker;
            if (w != null && change.extension() != null) {
                w.execute(() -> agents.stateReported(change.extension(), toAgentState(change.state()), change.at()));
            }
        }
    }
}
