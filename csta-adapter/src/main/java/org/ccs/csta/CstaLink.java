package org.ccs.csta;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.apache.mina.filter.logging.MdcInjectionFilter;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.ccs.csta.codec.CstaCodecFactory;
import org.ccs.csta.codec.CstaPdu;
import org.ccs.csta.codec.MaskingLoggingFilter;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaMessage;
import org.ccs.csta.message.CstaMessage.CstaErrorCode;
import org.ccs.csta.message.CstaMessage.MakeCall;
import org.ccs.csta.message.CstaMessage.MakeCallResponse;
import org.ccs.csta.message.CstaMessage.MonitorStart;
import org.ccs.csta.message.CstaMessage.MonitorStartResponse;
import org.ccs.csta.message.CstaMessage.Request;
import org.ccs.csta.message.CstaMessage.Response;
import org.ccs.csta.message.CstaMessage.SystemRegister;
import org.ccs.csta.message.CstaMessage.SystemRegisterResponse;
import org.ccs.csta.message.CstaMessage.SystemStatus;
import org.ccs.csta.message.CstaMessage.SystemStatusResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSTA link from CCS to the PBX: a TCP client (MINA {@link NioSocketConnector}) that starts the
 * session, monitors the designated devices and agent extensions, feeds their events to a
 * {@link CallTracker}, keeps the link alive and reconnects with back-off (1 s doubling to 30 s by
 * default) after a loss.
 *
 * <p>Filter chain: MDC -> ordered executor (events of one connection are never reordered) -> codec ->
 * masking logger. Thread-safe. Typical use:
 * <pre>
 * CstaLink link = new CstaLink(config, listener);
 * link.start();            // connects in the background
 * ...
 * link.makeCall("2001", "+442079460123").thenAccept(callId -> ...);
 * link.stop();
 * </pre>
 */
public final class CstaLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CstaLink.class);
    private static final String REGISTERING = CstaLink.class.getName() + ".registering";
    private static final int MAX_REQUEST_INVOKE_ID = 9998;
    private static final Duration STALE_CALL_AGE = Duration.ofHours(12);

    private final CstaLinkConfig config;
    private final CallTracker tracker;
    private final CstaCounters counters = new CstaCounters();
    private final Map<Integer, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private final Map<String, String> monitors = new ConcurrentHashMap<>(); // monitorCrossRefID -> device
    private final AtomicInteger invokeIds = new AtomicInteger(-1);
    private final AtomicInteger missedKeepAlives = new AtomicInteger();
    private final AtomicLong backoffMillis = new AtomicLong();
    private final AtomicBoolean everReady = new AtomicBoolean();
    private final Object lifecycle = new Object();

    private volatile boolean running;
    private volatile boolean ready;
    private volatile IoSession session;
    private NioSocketConnector connector;
    private OrderedThreadPoolExecutor eventExecutor;
    private ScheduledExecutorService scheduler;

    public CstaLink(CstaLinkConfig config, ContactEventListener listener) {
        this(config, listener, Clock.systemUTC());
    }

    public CstaLink(CstaLinkConfig config, ContactEventListener listener, Clock clock) {
        this.config = Objects.requireNonNull(config, "config is required");
        this.tracker = new CallTracker(config, listener, clock);
    }

    /** Starts connecting (in the background) and keeps the link up until {@link #stop()}. */
    public void start() {
        if (config.sessionStyle() != SessionStyle.PBX_FIRST) {
            throw new UnsupportedOperationException("session style " + config.sessionStyle() + " is not implemented yet");
        }
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            running = true;
            backoffMillis.set(config.initialBackoff().toMillis());
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "csta-link-scheduler");
                t.setDaemon(true);
                return t;
            });
            AtomicInteger threads = new AtomicInteger();
            eventExecutor = new OrderedThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS,
                    r -> new Thread(r, "csta-link-events-" + threads.incrementAndGet()));
            connector = new NioSocketConnector();
            connector.setConnectTimeoutMillis(Math.max(1000, config.requestTimeout().toMillis()));
            connector.getFilterChain().addLast("mdc", new MdcInjectionFilter(MdcInjectionFilter.MdcKey.remoteAddress));
            connector.getFilterChain().addLast("executor", new ExecutorFilter(eventExecutor));
            connector.getFilterChain().addLast("codec",
                    new ProtocolCodecFilter(new CstaCodecFactory(counters, config.namespace())));
            connector.getFilterChain().addLast("log", new MaskingLoggingFilter("org.ccs.csta.wire"));
            connector.setHandler(new Handler());
            scheduler.scheduleAtFixedRate(() -> tracker.sweep(STALE_CALL_AGE), 10, 10, TimeUnit.MINUTES);
            LOG.info("CSTA link to {}:{} starting ({} designated device(s), {} agent extension(s))",
                    config.host(), config.port(), config.designatedDevices().size(), config.agentExtensions().size());
            connect();
        }
    }

    /** Closes the link and stops reconnecting. Pending requests fail. */
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            ready = false;
            IoSession s = session;
            if (s != null) {
                s.closeNow().awaitUninterruptibly(2000);
            }
            connector.dispose(true);
            eventExecutor.shutdownNow();
            scheduler.shutdownNow();
            failPending(new IOException("CSTA link stopped"));
            LOG.info("CSTA link to {}:{} stopped", config.host(), config.port());
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** True when the session is up and every device has been asked to be monitored. */
    public boolean isConnected() {
        IoSession s = session;
        return ready && s != null && s.isConnected();
    }

    public CstaCounters counters() {
        return counters;
    }

    /** Current monitors: device -> monitorCrossRefID. */
    public Map<String, String> monitoredDevices() {
        Map<String, String> out = new java.util.TreeMap<>();
        monitors.forEach((xref, device) -> out.put(device, xref));
        return out;
    }

    /** Calls being tracked (for health). */
    public int activeCalls() {
        return tracker.activeCalls();
    }

    /**
     * Click-to-dial: asks the PBX to call {@code toNumber} from {@code fromExtension}.
     *
     * @return the callID of the new call, from MakeCallResponse; fails with {@link CstaServiceException}
     *         when the PBX refuses, {@link TimeoutException} without an answer, {@link IllegalStateException}
     *         when the link is down
     */
    public CompletableFuture<String> makeCall(String fromExtension, String toNumber) {
        Objects.requireNonNull(fromExtension, "fromExtension is required");
        Objects.requireNonNull(toNumber, "toNumber is required");
        return request(new MakeCall(fromExtension, toNumber)).thenApply(r -> {
            if (r instanceof MakeCallResponse m && m.callingDevice() != null && m.callingDevice().callId() != null) {
                return m.callingDevice().callId();
            }
            throw new CompletionException(new CstaServiceException("unexpectedResponse", r.getClass().getSimpleName()));
        });
    }

    // ------------------------------------------------------------------ connection management

    private void connect() {
        if (!running) {
            return;
        }
        ConnectFuture f;
        try {
            f = connector.connect(new InetSocketAddress(config.host(), config.port()));
        } catch (RuntimeException e) {
            // connector disposed while stopping
            return;
        }
        f.addListener(future -> {
            ConnectFuture cf = (ConnectFuture) future;
            if (!cf.isConnected()) {
                Throwable t = cf.getException();
                LOG.warn("CSTA link to {}:{} could not connect: {}", config.host(), config.port(),
                        t == null ? "cancelled" : t.getClass().getSimpleName());
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect() {
        if (!running) {
            return;
        }
        long delay = backoffMillis.getAndUpdate(d -> Math.min(d * 2, config.maxBackoff().toMillis()));
        counters.reconnect();
        LOG.info("CSTA link to {}:{}: reconnecting in {} ms", config.host(), config.port(), delay);
        try {
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    /** Session start-up; only PBX_FIRST so far (ECMA-354 application sessions slot in here). */
    private void startSession(IoSession s) {
        AtomicBoolean registering = (AtomicBoolean) s.getAttribute(REGISTERING);
        if (registering == null || !registering.compareAndSet(false, true)) {
            return;
        }
        request(s, new SystemRegister())
                .handle((r, ex) -> {
                    if (ex != null || !(r instanceof SystemRegisterResponse)) {
                        LOG.warn("CSTA SystemRegister not accepted ({}); monitoring anyway", describe(r, ex));
                    }
                    return null;
                })
                .thenCompose(ignored -> monitorAll(s))
                .whenComplete((ok, ex) -> {
                    if (s != session || !s.isConnected()) {
                        return;
                    }
                    ready = true;
                    backoffMillis.set(config.initialBackoff().toMillis());
                    LOG.info("CSTA link to {}:{} up, {} of {} device(s) monitored", config.host(), config.port(),
                            monitors.size(), config.monitoredDevices().size());
                    if (everReady.getAndSet(true)) {
                        tracker.onLinkRestored();
                    }
                });
    }

    private CompletableFuture<Void> monitorAll(IoSession s) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (String device : config.monitoredDevices()) {
            all.add(request(s, new MonitorStart(device)).handle((r, ex) -> {
                if (r instanceof MonitorStartResponse m && m.monitorCrossRefId() != null) {
                    monitors.put(m.monitorCrossRefId(), device);
                } else {
                    // device names are configuration (extensions, groups), not personal data
                    LOG.warn("CSTA MonitorStart for device {} failed ({})", device, describe(r, ex));
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture[0]));
    }

    private static String describe(Response r, Throwable ex) {
        if (ex != null) {
            Throwable c = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
            return c.getClass().getSimpleName();
        }
        if (r instanceof CstaErrorCode e) {
            return e.category() + " " + e.value();
        }
        return r == null ? "no response" : r.getClass().getSimpleName();
    }

    // ------------------------------------------------------------------ requests

    private CompletableFuture<Response> request(Request message) {
        IoSession s = session;
        if (s == null || !s.isConnected() || !ready) {
            return CompletableFuture.failedFuture(new IllegalStateException("CSTA link is not connected"));
        }
        return request(s, message);
    }

    private CompletableFuture<Response> request(IoSession s, Request message) {
        CompletableFuture<Response> f = new CompletableFuture<>();
        int id;
        do {
            id = invokeIds.updateAndGet(i -> i >= MAX_REQUEST_INVOKE_ID ? 0 : i + 1);
        } while (pending.putIfAbsent(id, f) != null);
        int invokeId = id;
        f.orTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, ex) -> pending.remove(invokeId, f));
        s.write(new CstaPdu(invokeId, message));
        return f.thenCompose(r -> r instanceof CstaErrorCode e
                ? CompletableFuture.failedFuture(new CstaServiceException(e.category(), e.value()))
                : CompletableFuture.completedFuture(r));
    }

    private void failPending(Throwable cause) {
        for (Integer id : List.copyOf(pending.keySet())) {
            CompletableFuture<Response> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(cause);
            }
        }
    }

    // ------------------------------------------------------------------ protocol

    private void received(IoSession s, CstaPdu pdu) {
        CstaMessage m = pdu.message();
        if (m instanceof CstaEvent event) {
            tracker.onEvent(event);
        } else if (m instanceof SystemStatus) {
            // the PBX's poll (and, PBX_FIRST, its opening message): answer with the same invoke id
            s.write(new CstaPdu(pdu.invokeId(), new SystemStatusResponse()));
            startSession(s);
        } else if (m instanceof Response r) {
            CompletableFuture<Response> f = pending.remove(pdu.invokeId());
            if (f != null) {
                f.complete(r);
            } else {
                LOG.debug("CSTA response {} with invoke id {} matches no request", r.getClass().getSimpleName(),
                        pdu.invokeIdText());
            }
        } else {
            LOG.debug("CSTA request {} from the PBX not handled", m.getClass().getSimpleName());
        }
    }

    private void keepAlive(IoSession s) {
        request(s, new SystemStatus(null, "normal")).whenComplete((r, ex) -> {
            if (ex instanceof TimeoutException || ex instanceof CompletionException && ex.getCause() instanceof TimeoutException) {
                if (missedKeepAlives.incrementAndGet() >= 2) {
                    LOG.warn("CSTA link to {}:{}: two keep-alives unanswered, closing", config.host(), config.port());
                    s.closeNow();
                }
            } else {
                missedKeepAlives.set(0);
            }
        });
    }

    /** Hands each session's events to the link; runs on the ordered executor. */
    private final class Handler extends IoHandlerAdapter {

        @Override
        public void sessionOpened(IoSession s) {
            session = s;
            missedKeepAlives.set(0);
            s.setAttribute(REGISTERING, new AtomicBoolean());
            s.getConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) Math.max(1, config.keepAliveInterval().toSeconds()));
            LOG.info("CSTA link to {}:{} connected", config.host(), config.port());
            // PBX_FIRST: the PBX opens with SystemStatus; register anyway if it stays silent
            try {
                scheduler.schedule(() -> {
                    if (s.isConnected()) {
                        startSession(s);
                    }
                }, config.pbxFirstTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                s.closeNow();
            }
        }

        @Override
        public void messageReceived(IoSession s, Object message) {
            if (message instanceof CstaPdu pdu) {
                received(s, pdu);
            }
        }

        @Override
        public void sessionIdle(IoSession s, IdleStatus status) {
            keepAlive(s);
        }

        @Override
        public void sessionClosed(IoSession s) {
            if (session == s) {
                session = null;
                ready = false;
                monitors.clear();
            }
            failPending(new IOException("CSTA link lost"));
            if (running) {
                LOG.warn("CSTA link to {}:{} lost", config.host(), config.port());
                scheduleReconnect();
            }
        }

        @Override
        public void exceptionCaught(IoSession s, Throwable cause) {
            LOG.warn("CSTA link to {}:{}: {}", config.host(), config.port(), cause.getClass().getSimpleName());
            LOG.debug("CSTA link exception", cause);
            if (cause instanceof IOException) {
                s.closeNow();
            }
        }
    }
}
