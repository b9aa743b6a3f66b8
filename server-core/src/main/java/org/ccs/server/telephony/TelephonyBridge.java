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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
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
import org.ccs.csta.DigitsSource;
import org.ccs.server.agent.AgentService;
import org.ccs.server.agent.AgentState;
import org.ccs.server.contact.ContactDataProtection;
import org.ccs.server.contact.ContactIngestion;

/**
 * Holds the CSTA link to the PBX (csta-adapter) and hands what it reports to the server: completed
 * customer calls to contact ingestion, agent states to the agents. Events are handled on one managed
 * thread in the order the PBX sent them; consecutive calls are stored in batches (one transaction
 * each, see {@link #drain()}). Configured at run time by the ccs.csta.* settings ({@link LinkSettings});
 * the designated numbers and the agent extensions to monitor come from the database.
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
    private volatile boolean running;
    private volatile String configError;
    /** What the link reported, in the PBX's order: {@link CompletedCall}s and agent-state tasks. */
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private ContactDataProtection protection;
    private boolean correlatorHoldsDigits;
    private int maxBatch;
    private final AgentIds agentIds = new AgentIds();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** Starts the PBX link if one is configured; called once the database is ready. */
    public synchronized void start() {
        if (link != null) {
            return;
        }
        LinkSettings settings = LinkSettings.fromSettings();
        Optional<String> host = settings.host();
        if (host.isEmpty()) {
            LOG.info("No PBX link configured (ccs.csta.host): voice contacts are not recorded");
            return;
        }
        List<String> designated = em.createNamedQuery(DesignatedNumber.ACTIVE, DesignatedNumber.class)
                .getResultList().stream().map(DesignatedNumber::device).toList();
        List<String> extensions = agents.extensions();
        CstaLinkConfig config;
        try {
            config = settings.config(host.get(), designated, extensions);
            protection = ContactDataProtection.fromSettings();
            maxBatch = settings.storeBatch();
        } catch (IllegalArgumentException | IllegalStateException e) {
            configError = e.getMessage();
            LOG.severe("PBX link not started: " + e.getMessage());
            return;
        }
        configError = null;
        correlatorHoldsDigits = config.digitsSource() == DigitsSource.CORRELATOR_DATA;
        running = true;
        worker = Executors.newSingleThreadExecutor(threadFactory);
        worker.execute(this::drain);
        link = new CstaLink(config, new Listener());
        link.start();
        LOG.info("PBX link to " + host.get() + ":" + config.port() + " started (" + config.sessionStyle()
                + (config.tls() != null ? ", TLS" : "") + ", IVR digits from " + config.digitsSource() + "): "
                + designated.size() + " designated number(s), " + extensions.size() + " agent extension(s) to monitor");
    }

    @PreDestroy
    public synchronized void stop() {
        if (link != null) {
            link.close();
            link = null;
        }
        running = false;
        if (worker != null) {
            worker.shutdown();
            try {
                if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warning(inbox.size() + " PBX event(s) not yet stored at shutdown");
                }
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
            return new LinkStatus(configError != null, false, stored.get(), duplicates.get(), failed.get(), 0,
                    inbox.size(), configError);
        }
        return new LinkStatus(true, l.isConnected(), stored.get(), duplicates.get(), failed.get(),
                l.counters().badFrames(), inbox.size(), null);
    }

    /**
     * What the PBX link is doing.
     *
     * @param configError why the link was not started (a wrong setting, named), or null
     * @param backlog     calls and agent states received but not yet stored
     */
    public record LinkStatus(boolean configured, boolean connected, long contactsStored, long duplicatesIgnored,
                             long storeFailures, long badFrames, int backlog, String configError) {
    }

    /**
     * The one worker: takes what the link reported in order; consecutive calls are stored together, as many
     * as have arrived (up to ccs.csta.store.batch), in one transaction. At a low rate a batch is one call
     * and goes out at once; under load the batches grow and the cost per call falls.
     */
    private void drain() {
        List<Object> items = new ArrayList<>();
        List<CompletedCall> calls = new ArrayList<>();
        while (running || !inbox.isEmpty()) {
            try {
                Object first = inbox.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                items.add(first);
                inbox.drainTo(items, maxBatch - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (Object item : items) {
                if (item instanceof CompletedCall call) {
                    calls.add(call);
                } else {
                    storeCalls(calls);
                    calls.clear();
                    runSafely((Runnable) item);
                }
            }
            storeCalls(calls);
            calls.clear();
            items.clear();
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warning("agent state not recorded: " + e.getClass().getSimpleName());
        }
    }

    private void storeCalls(List<CompletedCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        try {
            List<Boolean> result = ingestion.ingestAll(calls.stream().map(this::intake).toList());
            long isNew = result.stream().filter(b -> b).count();
            stored.addAndGet(isNew);
            duplicates.addAndGet(result.size() - isNew);
        } catch (RuntimeException e) {
            if (calls.size() > 1) {
                LOG.warning("a batch of " + calls.size() + " calls could not be stored together ("
                        + e.getClass().getSimpleName() + "); storing them one by one");
            }
            calls.forEach(this::store);
        }
    }

    private ContactIngestion.Intake intake(CompletedCall call) {
        return CallRecords.toIntake(call, agentIds::get, protection, correlatorHoldsDigits, clock.instant());
    }

    /** One call in its own transaction, retried with back-off (the database may be briefly away). */
    private void store(CompletedCall call) {
        for (int attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
            try {
                // a fresh record each attempt: a failed transaction leaves its entities unusable
                boolean isNew = ingestion.ingestAll(List.of(intake(call))).get(0);
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

    /** Agent ids by extension, looked up once a minute at most (agents rarely change extension). */
    private final class AgentIds {
        private final Map<String, Optional<Long>> ids = new HashMap<>();
        private long loadedAt = System.nanoTime();

        Long get(String extension) {
            if (System.nanoTime() - loadedAt > TimeUnit.MINUTES.toNanos(1)) {
                ids.clear();
                loadedAt = System.nanoTime();
            }
            return ids.computeIfAbsent(extension, agents::idForExtension).orElse(null);
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
            if (running) {
                inbox.add(call);
            }
        }

        @Override
        public void onAgentStateChange(AgentStateChange change) {
            if (running && change.extension() != null) {
                inbox.add((Runnable) () -> agents.stateReported(change.extension(), toAgentState(change.state()),
                        change.at()));
            }
        }
    }
}
