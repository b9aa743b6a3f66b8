package org.ccs.csta;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import javax.net.ssl.SSLException;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.apache.mina.filter.logging.MdcInjectionFilter;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.ccs.csta.codec.CstaCodecFactory;
import org.ccs.csta.codec.CstaPdu;
import org.ccs.csta.codec.CstaSslFilter;
import org.ccs.csta.codec.MaskingLoggingFilter;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaMessage;
import org.ccs.csta.message.CstaMessage.ApplicationSessionNegResponse;
import org.ccs.csta.message.CstaMessage.CstaErrorCode;
import org.ccs.csta.message.CstaMessage.MakeCall;
import org.ccs.csta.message.CstaMessage.MakeCallResponse;
import org.ccs.csta.message.CstaMessage.MonitorStart;
import org.ccs.csta.message.CstaMessage.MonitorStartResponse;
import org.ccs.csta.message.CstaMessage.Request;
import org.ccs.csta.message.CstaMessage.ResetApplicationSessionTimer;
import org.ccs.csta.message.CstaMessage.ResetApplicationSessionTimerPosResponse;
import org.ccs.csta.message.CstaMessage.Response;
import org.ccs.csta.message.CstaMessage.SnapshotDevice;
import org.ccs.csta.message.CstaMessage.SnapshotDeviceResponse;
import org.ccs.csta.message.CstaMessage.StartApplicationSession;
import org.ccs.csta.message.CstaMessage.StartApplicationSessionPosResponse;
import org.ccs.csta.message.CstaMessage.StopApplicationSession;
import org.ccs.csta.message.CstaMessage.StopApplicationSessionPosResponse;
import org.ccs.csta.message.CstaMessage.SystemRegister;
import org.ccs.csta.message.CstaMessage.SystemRegisterResponse;
import org.ccs.csta.message.CstaMessage.SystemStatus;
import org.ccs.csta.message.CstaMessage.SystemStatusResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSTA link from CCS to the PBX: a TCP client (MINA {@link NioSocketConnector}, optionally TLS) that
 * starts the session in the configured {@link SessionStyle}, monitors the designated devices and agent
 * extensions, takes a SnapshotDevice of each to resynchronise the calls in progress, feeds the events to a
 * {@link CallTracker}, keeps the link alive and reconnects with back-off (1 s doubling to 30 s by default)
 * after a loss.
 *
 * <p>Session start-up, after TCP (and TLS) is up:
 * <ol>
 * <li>PBX_FIRST: the PBX's SystemStatus is answered, then SystemRegister (or SystemRegister after
 * {@code pbxFirstTimeout} of silence). APPLICATION_SESSION: StartApplicationSession; its PosResponse gives
 * the sessionID and the granted duration, and ResetApplicationSessionTimer goes out every half duration;
 * a NegResponse closes the connection (and the link tries again with back-off).</li>
 * <li>MonitorStart for every device (at most {@value #WINDOW} requests outstanding), keeping each
 * monitorCrossRefID.</li>
 * <li>SnapshotDevice for every monitored device; each answer goes to the tracker in event order, and
 * when all are in the tracker closes the calls that ended while the link was down.</li>
 * <li>{@link #isConnected()} turns true.</li>
 * </ol>
 * The PBX's SystemStatus is always answered; in PBX_FIRST style an idle link sends one every
 * {@code keepAliveInterval}; two keep-alives (or session timer resets) without an answer close the link.
 * {@link #stop()} ends an application session with StopApplicationSession; one the PBX stops is answered
 * and the link starts afresh.
 *
 * <p>Filter chain: TLS -> MDC -> ordered executor (events of one connection are never reordered) -> codec
 * -> masking logger. Thread-safe. Typical use:
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
    private static final String STARTING = CstaLink.class.getName() + ".starting";
    private static final String TLS_FAILED = CstaLink.class.getName() + ".tlsFailed";
    private static final int MAX_REQUEST_INVOKE_ID = 9998;
    /** Requests outstanding at once while monitoring and snapshotting (invoke ids are four digits). */
    private static final int WINDOW = 64;
    private static final Duration STALE_CALL_AGE = Duration.ofHours(12);
    private static final long STOP_WAIT_MILLIS = 2000;

    private final CstaLinkConfig config;
    private final CallTracker tracker;
    private final CstaCounters counters = new CstaCounters();
    private final Map<Integer, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private final Map<String, String> monitors = new ConcurrentHashMap<>(); // monitorCrossRefID -> device
    private final AtomicInteger invokeIds = new AtomicInteger(-1);
    private final AtomicInteger missedKeepAlives = new AtomicInteger();
    private final AtomicLong backoffMillis = new AtomicLong();
    private final Object lifecycle = new Object();

    private volatile boolean running;
    private volatile boolean ready;
    private volatile IoSession session;
    private volatile String applicationSessionId;
    private volatile ScheduledFuture<?> sessionTimer;
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
            if (config.tls() != null) {
                SslFilter tls = new CstaSslFilter(config.tls());
                if (config.verifyHostname()) {
                    tls.setEndpointIdentificationAlgorithm("HTTPS");
                }
                connector.getFilterChain().addLast("tls", tls);
            }
            connector.getFilterChain().addLast("mdc", new MdcInjectionFilter(MdcInjectionFilter.MdcKey.remoteAddress));
            connector.getFilterChain().addLast("executor", new ExecutorFilter(eventExecutor));
            connector.getFilterChain().addLast("codec",
                    new ProtocolCodecFilter(new CstaCodecFactory(counters, config.namespace())));
            connector.getFilterChain().addLast("log", new MaskingLoggingFilter("org.ccs.csta.wire"));
            connector.setHandler(new Handler());
            scheduler.scheduleAtFixedRate(() -> tracker.sweep(STALE_CALL_AGE), 10, 10, TimeUnit.MINUTES);
            LOG.info("CSTA link to {}:{} starting ({}, {}{} designated device(s), {} agent extension(s))",
                    config.host(), config.port(), config.sessionStyle(), config.tls() == null ? "" : "TLS, ",
                    config.designatedDevices().size(), config.agentExtensions().size());
            connect();
        }
    }

    /** Ends the application session (if any), closes the link and stops reconnecting. Pending requests fail. */
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            IoSession s = session;
            String sessionId = applicationSessionId;
            if (s != null && s.isConnected() && sessionId != null) {
                try {
                    request(s, new StopApplicationSession(sessionId, "normal"))
                            .get(Math.min(STOP_WAIT_MILLIS, config.requestTimeout().toMillis()), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    LOG.info("CSTA StopApplicationSession not answered ({})", e.getClass().getSimpleName());
                }
            }
            ready = false;
            if (s != null) {
                s.closeNow().awaitUninterruptibly(STOP_WAIT_MILLIS);
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

    /** True when the session is up, every device has been asked to be monitored and the calls resynchronised. */
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

    /** The ECMA-354 sessionID while an application session is up, else null. */
    public String applicationSessionId() {
        return applicationSessionId;
    }

    /**
     * Click-to-dial: asks the PBX to call {@code toNumber} from {@code fromExtension}. The call becomes an
     * OUTBOUND {@link CompletedCall} when {@code toNumber} is a public number (see {@link CallTracker}).
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
                // runs on the event thread as the response is handled: in order with the call's events
                tracker.clickToDial(m.callingDevice().callId(), fromExtension, toNumber);
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
        schedule(this::connect, delay);
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    // ------------------------------------------------------------------ session start-up

    /** Starts the session once per connection, in the configured style, then monitors and resynchronises. */
    private void startSession(IoSession s) {
        AtomicBoolean starting = (AtomicBoolean) s.getAttribute(STARTING);
        if (starting == null || !starting.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Boolean> started = config.sessionStyle() == SessionStyle.APPLICATION_SESSION
                ? startApplicationSession(s) : register(s);
        started.thenCompose(ok -> ok ? monitorAll(s).thenCompose(unmonitored -> snapshotAll(s, unmonitored))
                        : CompletableFuture.<Integer>completedFuture(null))
                .whenComplete((closed, ex) -> {
                    if (ex != null) {
                        LOG.warn("CSTA session start-up failed ({})", describe(null, ex));
                        s.closeNow();
                        return;
                    }
                    if (closed == null || s != session || !s.isConnected()) {
                        return;
                    }
                    ready = true;
                    backoffMillis.set(config.initialBackoff().toMillis());
                    LOG.info("CSTA link to {}:{} up, {} of {} device(s) monitored, {} call(s) in progress", config.host(),
                            config.port(), monitors.size(), config.monitoredDevices().size(), tracker.activeCalls());
                });
    }

    /** PBX_FIRST: SystemRegister (monitoring goes on even if the PBX refuses it). */
    private CompletableFuture<Boolean> register(IoSession s) {
        return request(s, new SystemRegister()).handle((r, ex) -> {
            if (ex != null || !(r instanceof SystemRegisterResponse)) {
                LOG.warn("CSTA SystemRegister not accepted ({}); monitoring anyway", describe(r, ex));
            }
            return true;
        });
    }

    /** APPLICATION_SESSION: StartApplicationSession, then the session timer; a refusal closes the connection. */
    private CompletableFuture<Boolean> startApplicationSession(IoSession s) {
        int requested = (int) Math.min(Integer.MAX_VALUE, config.sessionDuration().toSeconds());
        return request(s, new StartApplicationSession(config.applicationId(), config.namespace(), requested,
                config.sessionUser(), config.sessionPassword())).handle((r, ex) -> {
                    if (r instanceof StartApplicationSessionPosResponse p && p.sessionId() != null) {
                        int granted = p.actualSessionDuration() != null && p.actualSessionDuration() > 0
                                ? p.actualSessionDuration() : requested;
                        applicationSessionId = p.sessionId();
                        startSessionTimer(s, p.sessionId(), granted);
                        LOG.info("CSTA application session started, duration {} s", granted);
                        return true;
                    }
                    LOG.warn("CSTA StartApplicationSession not accepted ({}); closing the connection", describe(r, ex));
                    s.closeNow();
                    return false;
                });
    }

    /** ResetApplicationSessionTimer every half of the granted duration. */
    private void startSessionTimer(IoSession s, String sessionId, int grantedSeconds) {
        long period = Math.max(500, grantedSeconds * 1000L / 2);
        int requested = (int) Math.min(Integer.MAX_VALUE, config.sessionDuration().toSeconds());
        try {
            sessionTimer = scheduler.scheduleAtFixedRate(() -> {
                if (!s.isConnected()) {
                    return;
                }
                request(s, new ResetApplicationSessionTimer(sessionId, requested)).whenComplete((r, ex) -> {
                    if (r instanceof ResetApplicationSessionTimerPosResponse) {
                        missedKeepAlives.set(0);
                    } else if (isTimeout(ex)) {
                        missed(s, "session timer resets");
                    } else {
                        LOG.warn("CSTA ResetApplicationSessionTimer refused ({}); starting a new session",
                                describe(r, ex));
                        s.closeNow();
                    }
                });
            }, period, period, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /**
     * MonitorStart for every device.
     *
     * @return the devices that could not be monitored
     */
    private CompletableFuture<Set<String>> monitorAll(IoSession s) {
        Set<String> failed = ConcurrentHashMap.newKeySet();
        return forEach(s, config.monitoredDevices(), device -> request(s, new MonitorStart(device)).handle((r, ex) -> {
            if (r instanceof MonitorStartResponse m && m.monitorCrossRefId() != null) {
                monitors.put(m.monitorCrossRefId(), device);
            } else {
                // device names are configuration (extensions, groups), not personal data
                LOG.warn("CSTA MonitorStart for device {} failed ({})", device, describe(r, ex));
                failed.add(device);
            }
            return null;
        })).thenApply(done -> failed);
    }

    /**
     * SnapshotDevice for every monitored device; each answer goes to the tracker as it is handled (on the
     * event thread, so in order with the events), then the tracker closes what ended while the link was down.
     *
     * @return the number of calls closed by the resynchronisation
     */
    private CompletableFuture<Integer> snapshotAll(IoSession s, Set<String> unmonitored) {
        Set<String> unknown = ConcurrentHashMap.newKeySet();
        unknown.addAll(unmonitored);
        List<String> devices = new ArrayList<>(config.monitoredDevices());
        devices.removeAll(unmonitored);
        return forEach(s, devices, device -> request(s, new SnapshotDevice(device)).handle((r, ex) -> {
            if (r instanceof SnapshotDeviceResponse snapshot) {
                tracker.onSnapshot(device, snapshot.entries());
            } else {
                LOG.warn("CSTA SnapshotDevice for device {} failed ({})", device, describe(r, ex));
                unknown.add(device);
            }
            return null;
        })).thenApply(done -> {
            if (!s.isConnected()) {
                return null; // lost again before every snapshot was in: the next connection resynchronises
            }
            int closed = tracker.onResynchronised(unknown);
            counters.resynchronised(closed);
            return closed;
        });
    }

    /**
     * Runs {@code op} for every device, at most {@value #WINDOW} at a time; completes when all have, or as
     * soon as the connection is gone (no more requests go out on it).
     */
    private static CompletableFuture<Void> forEach(IoSession s, List<String> devices,
                                                   Function<String, CompletableFuture<?>> op) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        if (devices.isEmpty()) {
            all.complete(null);
            return all;
        }
        Iterator<String> next = List.copyOf(devices).iterator();
        AtomicInteger outstanding = new AtomicInteger(devices.size());
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            if (!s.isConnected()) {
                all.complete(null);
                return;
            }
            String device;
            synchronized (next) {
                if (!next.hasNext()) {
                    return;
                }
                device = next.next();
            }
            op.apply(device).whenComplete((r, ex) -> {
                if (outstanding.decrementAndGet() == 0) {
                    all.complete(null);
                } else {
                    step[0].run();
                }
            });
        };
        for (int i = 0; i < Math.min(WINDOW, devices.size()); i++) {
            step[0].run();
        }
        return all;
    }

    private static String describe(Response r, Throwable ex) {
        if (ex != null) {
            Throwable c = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
            return c instanceof CstaServiceException se ? se.category() + " " + se.value() : c.getClass().getSimpleName();
        }
        if (r instanceof CstaErrorCode e) {
            return e.category() + " " + e.value();
        }
        return r == null ? "no response" : r.getClass().getSimpleName();
    }

    private static boolean isTimeout(Throwable ex) {
        return ex instanceof TimeoutException || ex instanceof CompletionException && ex.getCause() instanceof TimeoutException;
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
                : r instanceof ApplicationSessionNegResponse n
                ? CompletableFuture.failedFuture(new CstaServiceException("applicationSession", n.error()))
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
        } else if (m instanceof Response r) {
            CompletableFuture<Response> f = pending.remove(pdu.invokeId());
            if (f != null) {
                f.complete(r);
            } else {
                LOG.debug("CSTA response {} with invoke id {} matches no request", r.getClass().getSimpleName(),
                        pdu.invokeIdText());
            }
        } else if (m instanceof SystemStatus) {
            // the PBX's poll (and, PBX_FIRST, its opening message): answer with the same invoke id
            s.write(new CstaPdu(pdu.invokeId(), new SystemStatusResponse()));
            if (config.sessionStyle() == SessionStyle.PBX_FIRST) {
                startSession(s);
            }
        } else if (m instanceof StopApplicationSession) {
            s.write(new CstaPdu(pdu.invokeId(), new StopApplicationSessionPosResponse()));
            LOG.warn("CSTA application session stopped by the PBX; starting a new one");
            applicationSessionId = null;
            s.closeOnFlush();
        } else {
            LOG.debug("CSTA request {} from the PBX not handled", m.getClass().getSimpleName());
        }
    }

    private void keepAlive(IoSession s) {
        request(s, new SystemStatus(null, "normal")).whenComplete((r, ex) -> {
            if (isTimeout(ex)) {
                missed(s, "keep-alives");
            } else {
                missedKeepAlives.set(0);
            }
        });
    }

    private void missed(IoSession s, String what) {
        if (missedKeepAlives.incrementAndGet() >= 2) {
            LOG.warn("CSTA link to {}:{}: two {} unanswered, closing", config.host(), config.port(), what);
            s.closeNow();
        }
    }

    /** Hands each session's events to the link; runs on the ordered executor. */
    private final class Handler extends IoHandlerAdapter {

        @Override
        public void sessionOpened(IoSession s) {
            session = s;
            missedKeepAlives.set(0);
            s.setAttribute(STARTING, new AtomicBoolean());
            LOG.info("CSTA link to {}:{} connected{}", config.host(), config.port(), config.tls() == null ? "" : " (TLS)");
            if (config.sessionStyle() == SessionStyle.APPLICATION_SESSION) {
                startSession(s);
                return;
            }
            s.getConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) Math.max(1, config.keepAliveInterval().toSeconds()));
            // PBX_FIRST: the PBX opens with SystemStatus; register anyway if it stays silent
            schedule(() -> {
                if (s.isConnected()) {
                    startSession(s);
                }
            }, config.pbxFirstTimeout().toMillis());
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
                applicationSessionId = null;
                monitors.clear();
                ScheduledFuture<?> timer = sessionTimer;
                if (timer != null) {
                    timer.cancel(false);
                }
            }
            failPending(new IOException("CSTA link lost"));
            if (running) {
                tracker.onLinkLost();
                LOG.warn("CSTA link to {}:{} lost", config.host(), config.port());
                scheduleReconnect();
            }
        }

        @Override
        public void exceptionCaught(IoSession s, Throwable cause) {
            if (cause instanceof SSLException) {
                // TLS failures name certificates and protocols, no personal data: worth telling the installer,
                // once per connection (closing the failed engine raises more of them)
                if (s.setAttributeIfAbsent(TLS_FAILED, Boolean.TRUE) == null) {
                    LOG.warn("CSTA link to {}:{}: TLS failed: {}", config.host(), config.port(), cause.getMessage());
                }
            } else {
                LOG.warn("CSTA link to {}:{}: {}", config.host(), config.port(), cause.getClass().getSimpleName());
            }
            LOG.debug("CSTA link exception", cause);
            if (cause instanceof IOException) {
                s.closeNow();
            }
        }
    }
}
