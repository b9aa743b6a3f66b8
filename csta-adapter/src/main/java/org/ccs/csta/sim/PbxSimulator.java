package org.ccs.csta.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.ccs.csta.CstaCounters;
import org.ccs.csta.CstaTls;
import org.ccs.csta.SessionStyle;
import org.ccs.csta.codec.CstaCodecFactory;
import org.ccs.csta.codec.CstaPdu;
import org.ccs.csta.codec.CstaSslFilter;
import org.ccs.csta.codec.MaskingLoggingFilter;
import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.CstaMessage;
import org.ccs.csta.message.CstaMessage.ApplicationSessionNegResponse;
import org.ccs.csta.message.CstaMessage.CstaErrorCode;
import org.ccs.csta.message.CstaMessage.MakeCall;
import org.ccs.csta.message.CstaMessage.MakeCallResponse;
import org.ccs.csta.message.CstaMessage.MonitorStart;
import org.ccs.csta.message.CstaMessage.MonitorStartResponse;
import org.ccs.csta.message.CstaMessage.ResetApplicationSessionTimer;
import org.ccs.csta.message.CstaMessage.ResetApplicationSessionTimerPosResponse;
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
 * A PBX simulator speaking the PBX side of CSTA XML over TCP (ECMA-323 Annex J.2 framing, optionally TLS),
 * for tests, demos and benchmarks. It listens on loopback and speaks both session styles: in PBX_FIRST
 * style it opens each connection with SystemStatus (OpenScape Voice); in both it accepts
 * StartApplicationSession (ECMA-354), grants the configured duration and drops a session whose timer is not
 * reset in time; in APPLICATION_SESSION style it refuses MonitorStart before the session. It answers
 * SystemRegister, MonitorStart (one monitorCrossRefID per device), SnapshotDevice (the calls in progress at
 * the device, from its {@link CallModel}), MakeCall (a new callID, then the make-call scenario with that
 * call) and SystemStatus, and plays {@link Scenario}s: each event goes to the monitors of the devices taking
 * part in its call. {@link #load} starts calls at a steady rate for benchmarks.
 *
 * <pre>
 * java -cp 'csta-adapter-VERSION.jar:lib/*' org.ccs.csta.sim.PbxSimulator --port 8800 --scenario inbound-answered --repeat-every 30s
 * java -cp ... org.ccs.csta.sim.PbxSimulator --port 8800 --load 20/s --duration 60s --agents 50
 * </pre>
 */
public final class PbxSimulator implements AutoCloseable {

    private static final String CLIENT = PbxSimulator.class.getName() + ".client";
    /** The call name that a make-call scenario's MakeCall call goes by. */
    public static final String MAKE_CALL_NAME = "M1";

    private final Logger log = LoggerFactory.getLogger(PbxSimulator.class);
    private final Options options;
    private final CstaCounters counters = new CstaCounters();
    private final NioSocketAcceptor acceptor = new NioSocketAcceptor();
    private final Map<Long, Client> clients = new ConcurrentHashMap<>();
    private final CallModel model = new CallModel();
    private final AtomicInteger monitorIds = new AtomicInteger();
    private final AtomicInteger invokeIds = new AtomicInteger();
    private final AtomicInteger sessionResets = new AtomicInteger();
    private final AtomicInteger sessionStops = new AtomicInteger();
    private final Object monitorsChanged = new Object();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pbx-simulator-timers");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastMonitorRequestNanos;
    private volatile boolean linkDown;
    private int port;

    /**
     * How the simulated PBX behaves.
     *
     * @param sessionStyle      PBX_FIRST: speaks first with SystemStatus (and accepts application sessions
     *                          too); APPLICATION_SESSION: waits for StartApplicationSession and refuses
     *                          monitors before it
     * @param sessionDuration   the application session duration it grants; a session not reset within it is
     *                          dropped
     * @param tls               TLS server context (see {@link CstaTls#serverContext}), or null for plain TCP
     * @param makeCallScenario  played after each MakeCall with {@code $agent} = the calling device,
     *                          {@code $called} = the number and call {@value #MAKE_CALL_NAME} = the new call;
     *                          null: none
     * @param speed             how much faster than written scenarios play (their delays are divided by it;
     *                          tests use it to stay fast), 1 by default
     */
    public record Options(SessionStyle sessionStyle, Duration sessionDuration, SSLContext tls,
                          Scenario makeCallScenario, double speed) {
        public Options {
            Objects.requireNonNull(sessionStyle, "sessionStyle is required");
            Objects.requireNonNull(sessionDuration, "sessionDuration is required");
            if (!(speed > 0)) {
                throw new IllegalArgumentException("speed must be positive");
            }
        }

        /** PBX_FIRST, sessions of 180 s, plain TCP, the built-in outbound-click-to-dial scenario on MakeCall, speed 1. */
        public static Options defaults() {
            try {
                return new Options(SessionStyle.PBX_FIRST, Duration.ofSeconds(180), null,
                        Scenario.load("outbound-click-to-dial"), 1);
            } catch (IOException e) {
                throw new IllegalStateException("built-in scenario missing", e);
            }
        }

        public Options withSessionStyle(SessionStyle s) { return new Options(s, sessionDuration, tls, makeCallScenario, speed); }

        public Options withSessionDuration(Duration d) { return new Options(sessionStyle, d, tls, makeCallScenario, speed); }

        public Options withTls(SSLContext t) { return new Options(sessionStyle, sessionDuration, t, makeCallScenario, speed); }

        public Options withMakeCallScenario(Scenario s) { return new Options(sessionStyle, sessionDuration, tls, s, speed); }

        public Options withSpeed(double x) { return new Options(sessionStyle, sessionDuration, tls, makeCallScenario, x); }

        /** A scenario delay at this speed, in nanoseconds. */
        long nanos(Duration delay) {
            return (long) (delay.toNanos() / speed);
        }
    }

    /** One connected CSTA client and its monitors. */
    private static final class Client {
        final IoSession session;
        final Map<String, String> monitorsByDevice = new ConcurrentHashMap<>();
        volatile String applicationSession;
        volatile long sessionDeadlineNanos;

        Client(IoSession session) {
            this.session = session;
        }
    }

    /** What one play of a scenario used: callIDs per call name and the caller number. */
    public record Playback(Map<String, String> callIds, String caller, int eventsSent) {
    }

    /**
     * What a load run did.
     *
     * @param startedOver from the first call's start to the last one's
     * @param elapsed     until the last call had played out
     */
    public record LoadReport(int calls, long eventsSent, Duration startedOver, Duration elapsed) {
        /** The rate the calls were started at. */
        public double callsPerSecond() {
            return calls <= 1 ? calls : (calls - 1) / Math.max(1e-9, startedOver.toNanos() / 1e9);
        }
    }

    private PbxSimulator(Options options) {
        this.options = options;
    }

    /** Starts a simulator on 127.0.0.1 with the default options; port 0 takes any free port (see {@link #port()}). */
    public static PbxSimulator start(int port) throws IOException {
        return start(port, Options.defaults());
    }

    public static PbxSimulator start(int port, Options options) throws IOException {
        PbxSimulator sim = new PbxSimulator(Objects.requireNonNull(options, "options are required"));
        sim.bind(port);
        return sim;
    }

    private void bind(int wanted) throws IOException {
        acceptor.setReuseAddress(true);
        if (options.tls() != null) {
            acceptor.getFilterChain().addLast("tls", new CstaSslFilter(options.tls()));
        }
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(new CstaCodecFactory(counters)));
        acceptor.getFilterChain().addLast("log", new MaskingLoggingFilter("org.ccs.csta.sim.wire"));
        acceptor.setHandler(new Handler());
        acceptor.bind(new InetSocketAddress("127.0.0.1", wanted));
        port = acceptor.getLocalAddress().getPort();
        timers.scheduleAtFixedRate(this::expireSessions, 250, 250, TimeUnit.MILLISECONDS);
        log.info("PBX simulator bound to 127.0.0.1:{} ({}{})", port, options.sessionStyle(),
                options.tls() == null ? "" : ", TLS");
    }

    public int port() {
        return port;
    }

    public CstaCounters counters() {
        return counters;
    }

    /** The simulated PBX's calls in progress. */
    public CallModel model() {
        return model;
    }

    /** Number of connected clients. */
    public int clientCount() {
        return clients.size();
    }

    /** ResetApplicationSessionTimer requests accepted so far. */
    public int sessionTimerResets() {
        return sessionResets.get();
    }

    /** StopApplicationSession requests received so far. */
    public int applicationSessionsStopped() {
        return sessionStops.get();
    }

    /** Devices the connected clients monitor. */
    public Set<String> monitoredDevices() {
        Set<String> out = new TreeSet<>();
        clients.values().forEach(c -> out.addAll(c.monitorsByDevice.keySet()));
        return out;
    }

    /**
     * Waits until a client is connected and has started its monitors and snapshots (no new MonitorStart or
     * SnapshotDevice for 200 ms).
     *
     * @return whether a monitoring client was there before the timeout
     */
    public boolean awaitClient(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitorsChanged) {
            while (true) {
                long now = System.nanoTime();
                boolean monitoring = clients.values().stream().anyMatch(c -> !c.monitorsByDevice.isEmpty());
                long quietFor = now - lastMonitorRequestNanos;
                if (monitoring && quietFor >= Duration.ofMillis(200).toNanos()) {
                    return true;
                }
                long left = deadline - now;
                if (left <= 0) {
                    return false;
                }
                long waitMs = Math.max(1, Math.min(left / 1_000_000, monitoring ? 50 : 200));
                monitorsChanged.wait(waitMs);
            }
        }
    }

    /** Waits until some client monitors all of {@code devices}. */
    public boolean awaitMonitored(Set<String> devices, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitorsChanged) {
            while (clients.values().stream().noneMatch(c -> c.monitorsByDevice.keySet().containsAll(devices))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                monitorsChanged.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Closes every client connection (to test the client's reconnect); new ones are accepted. */
    public void disconnectClients() {
        for (Client c : List.copyOf(clients.values())) {
            c.session.closeNow().awaitUninterruptibly(2000);
        }
    }

    /** The PBX ends every client's application session (StopApplicationSession); returns how many it ended. */
    public int stopApplicationSessions() {
        int n = 0;
        for (Client c : clients.values()) {
            String id = c.applicationSession;
            if (id != null) {
                c.applicationSession = null;
                c.session.write(new CstaPdu(nextInvokeId(), new StopApplicationSession(id, "normal")));
                n++;
            }
        }
        return n;
    }

    /** The link goes down: every client is dropped and new connections are closed at once until {@link #linkUp}. */
    public void linkDown() {
        linkDown = true;
        log.info("link down: clients dropped, connections refused");
        disconnectClients();
    }

    /**
     * The link comes back: connections are accepted again.
     *
     * @return whether a client connected and monitored within {@code timeout}
     */
    public boolean linkUp(Duration timeout) throws InterruptedException {
        linkDown = false;
        log.info("link up: waiting for a client");
        return awaitClient(timeout);
    }

    /** Plays a scenario to every connected client, with fresh variables; blocks for its delays. */
    public Playback play(Scenario scenario) throws InterruptedException {
        return play(scenario, freshVariables("2001"));
    }

    /**
     * Plays a scenario with the given variables ({@code $name} in values is replaced; {@code caller} is the
     * caller number). Call names get fresh callIDs. Blocks for its delays and link steps.
     */
    public Playback play(Scenario scenario, Map<String, String> variables) throws InterruptedException {
        return play(scenario, model.new Play(variables));
    }

    private Playback play(Scenario scenario, CallModel.Play play) throws InterruptedException {
        int sent = 0;
        for (Scenario.Step step : scenario.steps()) {
            if (step instanceof Scenario.Delay d) {
                TimeUnit.NANOSECONDS.sleep(options.nanos(d.duration()));
            } else if (step instanceof Scenario.Link l) {
                if (!l.up()) {
                    linkDown();
                } else if (!linkUp(l.timeout())) {
                    log.warn("link up: no client monitored within {}", l.timeout());
                }
            } else {
                sent += send(model.apply((Scenario.Event) step, play));
            }
        }
        log.info("scenario {} played: {} event message(s) sent", scenario.name(), sent);
        return new Playback(play.callIds(), play.variables().get("caller"), sent);
    }

    /**
     * Load mode: starts {@code callsPerSecond} plays of {@code scenario} a second for {@code duration}, each
     * with a fresh caller and callIDs and the next of {@code agents} as {@code $agent}, without blocking on
     * their delays (one scheduler thread keeps each call's events in order). Returns when the last call has
     * played out.
     */
    public LoadReport load(Scenario scenario, double callsPerSecond, Duration duration, List<String> agents)
            throws InterruptedException {
        if (scenario.hasLinkSteps()) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " drops the link: not for load mode");
        }
        if (callsPerSecond <= 0 || agents.isEmpty()) {
            throw new IllegalArgumentException("a positive rate and at least one agent are needed");
        }
        int total = (int) Math.max(1, Math.round(callsPerSecond * duration.toMillis() / 1000.0));
        long periodNanos = (long) (1e9 / callsPerSecond);
        CountDownLatch done = new CountDownLatch(total);
        AtomicLong sent = new AtomicLong();
        AtomicLong lastStart = new AtomicLong();
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "pbx-simulator-load"));
        log.info("load: {} call(s) of {} at {}/s across {} agent(s)", total, scenario.name(), callsPerSecond, agents.size());
        long start = System.nanoTime();
        try {
            for (int i = 0; i < total; i++) {
                String agent = agents.get(i % agents.size());
                exec.schedule(() -> {
                    lastStart.set(System.nanoTime());
                    startCall(exec, scenario, agent, sent, done);
                }, i * periodNanos, TimeUnit.NANOSECONDS);
            }
            long wait = duration.toMillis() + options.nanos(scenario.length()) / 1_000_000 + 30_000;
            if (!done.await(wait, TimeUnit.MILLISECONDS)) {
                log.warn("load: {} call(s) still playing after {} ms", done.getCount(), wait);
            }
        } finally {
            exec.shutdownNow();
        }
        LoadReport report = new LoadReport(total - (int) done.getCount(), sent.get(),
                Duration.ofNanos(Math.max(0, lastStart.get() - start)), Duration.ofNanos(System.nanoTime() - start));
        log.info("load done: {} call(s), {} event message(s) in {} ms", report.calls(), report.eventsSent(),
                report.elapsed().toMillis());
        return report;
    }

    /** Schedules one call's steps at their offsets on the load thread. */
    private void startCall(ScheduledExecutorService exec, Scenario scenario, String agent, AtomicLong sent,
                           CountDownLatch done) {
        CallModel.Play play = model.new Play(freshVariables(agent));
        long offset = 0;
        for (Scenario.Step step : scenario.steps()) {
            if (step instanceof Scenario.Delay d) {
                offset += options.nanos(d.duration());
            } else {
                Scenario.Event e = (Scenario.Event) step;
                exec.schedule(() -> sent.addAndGet(send(model.apply(e, play))), offset, TimeUnit.NANOSECONDS);
            }
        }
        exec.schedule(done::countDown, offset, TimeUnit.NANOSECONDS);
    }

    private int send(CallModel.Delivery delivery) {
        int n = 0;
        for (Client c : clients.values()) {
            for (String device : delivery.devices()) {
                String xref = c.monitorsByDevice.get(device);
                if (xref != null) {
                    c.session.write(CstaPdu.event(delivery.event().withMonitorCrossRefId(xref)));
                    n++;
                }
            }
        }
        return n;
    }

    /** Variables of one play: a fresh {@code $caller} and {@code $called}, and {@code $agent}. */
    public static Map<String, String> freshVariables(String agent) {
        Map<String, String> v = new HashMap<>();
        v.put("caller", freshCaller());
        v.put("called", freshCaller());
        v.put("agent", agent);
        return v;
    }

    /** A caller number from the range Ofcom reserves for drama, +44 20 7946 0000 to 0999. */
    public static String freshCaller() {
        return String.format("+442079460%03d", ThreadLocalRandom.current().nextInt(1000));
    }

    @Override
    public void close() {
        timers.shutdownNow();
        acceptor.unbind();
        for (Client c : List.copyOf(clients.values())) {
            c.session.closeNow();
        }
        acceptor.dispose(true);
        log.info("PBX simulator on port {} closed", port);
    }

    private void monitorsChanged() {
        synchronized (monitorsChanged) {
            lastMonitorRequestNanos = System.nanoTime();
            monitorsChanged.notifyAll();
        }
    }

    private void expireSessions() {
        long now = System.nanoTime();
        for (Client c : clients.values()) {
            if (c.applicationSession != null && now - c.sessionDeadlineNanos > 0) {
                log.warn("application session {} expired (timer not reset): closing the connection", c.applicationSession);
                c.applicationSession = null;
                c.session.closeNow();
            }
        }
    }

    private void afterMakeCall(String callId, MakeCall mc) {
        Scenario s = options.makeCallScenario();
        if (s == null) {
            return;
        }
        Map<String, String> variables = freshVariables(mc.callingDevice());
        variables.put("called", mc.calledDirectoryNumber());
        CallModel.Play play = model.new Play(variables, Map.of(MAKE_CALL_NAME, callId));
        Thread t = new Thread(() -> {
            try {
                play(s, play);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pbx-simulator-make-call");
        t.setDaemon(true);
        t.start();
    }

    /** The PBX side of the protocol; one handler per request, in one table ({@link #answer}). */
    private final class Handler extends IoHandlerAdapter {

        @Override
        public void sessionOpened(IoSession s) {
            if (linkDown) {
                s.closeNow();
                return;
            }
            Client c = new Client(s);
            s.setAttribute(CLIENT, c);
            clients.put(s.getId(), c);
            log.info("CSTA client connected from {}", s.getRemoteAddress());
            if (options.sessionStyle() == SessionStyle.PBX_FIRST) {
                // OpenScape Voice style: the PBX speaks first
                s.write(new CstaPdu(nextInvokeId(), new SystemStatus(null, "normal")));
            }
            monitorsChanged();
        }

        @Override
        public void sessionClosed(IoSession s) {
            if (clients.remove(s.getId()) != null) {
                log.info("CSTA client from {} disconnected", s.getRemoteAddress());
            }
            monitorsChanged();
        }

        @Override
        public void messageReceived(IoSession s, Object message) {
            CstaPdu pdu = (CstaPdu) message;
            Client c = (Client) s.getAttribute(CLIENT);
            if (c == null) {
                return;
            }
            CstaMessage answer = answer(c, pdu.message());
            if (answer != null) {
                s.write(new CstaPdu(pdu.invokeId(), answer));
            }
            if (pdu.message() instanceof MakeCall mc && answer instanceof MakeCallResponse r) {
                afterMakeCall(r.callingDevice().callId(), mc);
            }
            if (pdu.message() instanceof StopApplicationSession) {
                s.closeOnFlush();
            }
        }

        /** The answer to one request from the client (null for none). */
        private CstaMessage answer(Client c, CstaMessage m) {
            if (m instanceof SystemStatus) {
                return new SystemStatusResponse();
            } else if (m instanceof SystemStatusResponse || m instanceof StopApplicationSessionPosResponse) {
                return null;
            } else if (m instanceof SystemRegister) {
                return new SystemRegisterResponse("R" + c.session.getId());
            } else if (m instanceof StartApplicationSession start) {
                c.applicationSession = "S" + c.session.getId() + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
                int granted = (int) options.sessionDuration().toSeconds();
                c.sessionDeadlineNanos = System.nanoTime() + options.sessionDuration().toNanos();
                log.info("application session {} started by {} for {} s", c.applicationSession, start.applicationId(),
                        granted);
                return new StartApplicationSessionPosResponse(c.applicationSession, start.protocolVersion(), granted);
            } else if (m instanceof ResetApplicationSessionTimer reset) {
                if (c.applicationSession == null || !c.applicationSession.equals(reset.sessionId())) {
                    return new ApplicationSessionNegResponse("ResetApplicationSessionTimer", "invalidSessionID");
                }
                c.sessionDeadlineNanos = System.nanoTime() + options.sessionDuration().toNanos();
                sessionResets.incrementAndGet();
                return new ResetApplicationSessionTimerPosResponse((int) options.sessionDuration().toSeconds());
            } else if (m instanceof StopApplicationSession) {
                sessionStops.incrementAndGet();
                c.applicationSession = null;
                return new StopApplicationSessionPosResponse();
            } else if (m instanceof MonitorStart ms) {
                if (options.sessionStyle() == SessionStyle.APPLICATION_SESSION && c.applicationSession == null) {
                    return new CstaErrorCode("operation", "invalidMonitorObject");
                }
                String xref = c.monitorsByDevice.computeIfAbsent(ms.deviceObject(),
                        d -> String.valueOf(1000 + monitorIds.incrementAndGet()));
                monitorsChanged();
                return new MonitorStartResponse(xref);
            } else if (m instanceof SnapshotDevice sd) {
                monitorsChanged();
                return new SnapshotDeviceResponse(model.snapshot(sd.snapshotObject()));
            } else if (m instanceof MakeCall mc) {
                return new MakeCallResponse(new ConnectionId(model.newCallId(), mc.callingDevice()));
            }
            return new CstaErrorCode("operation", "invalidFeature");
        }

        @Override
        public void exceptionCaught(IoSession s, Throwable cause) {
            log.warn("CSTA client connection: {}", cause.getClass().getSimpleName());
            if (cause instanceof IOException) {
                s.closeNow();
            }
        }
    }

    private int nextInvokeId() {
        return invokeIds.updateAndGet(i -> i >= 9998 ? 0 : i + 1);
    }

    // ------------------------------------------------------------------ command line

    /**
     * Listens on 127.0.0.1, waits for a client and plays the scenario (a file path or a built-in name) once,
     * or with --repeat-every again and again, or runs the load mode; then keeps answering until stopped.
     * See {@link #usage()}.
     */
    public static void main(String[] args) throws Exception {
        // the simulator logs to stdout (slf4j-simple); set before the first logger is made
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        int port = 8800;
        String scenarioName = null;
        Duration repeat = null;
        double loadRate = 0;
        Duration loadDuration = Duration.ofSeconds(60);
        int agentCount = 1;
        int firstAgent = 2001;
        Options options = Options.defaults();
        String keyStore = null;
        String keyStorePassword = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--port" -> { port = Integer.parseInt(required(a, v)); i++; }
                case "--scenario" -> { scenarioName = required(a, v); i++; }
                case "--repeat-every" -> { repeat = duration(required(a, v)); i++; }
                case "--load" -> { loadRate = rate(required(a, v)); i++; }
                case "--duration" -> { loadDuration = duration(required(a, v)); i++; }
                case "--agents" -> { agentCount = Integer.parseInt(required(a, v)); i++; }
                case "--first-agent" -> { firstAgent = Integer.parseInt(required(a, v)); i++; }
                case "--session-style" -> {
                    options = options.withSessionStyle(SessionStyle.valueOf(required(a, v).toUpperCase().replace('-', '_')));
                    i++;
                }
                case "--session-duration" -> { options = options.withSessionDuration(duration(required(a, v))); i++; }
                case "--make-call-scenario" -> {
                    String name = required(a, v);
                    options = options.withMakeCallScenario(name.equals("none") ? null : Scenario.load(name));
                    i++;
                }
                case "--tls-keystore" -> { keyStore = required(a, v); i++; }
                case "--tls-password" -> { keyStorePassword = required(a, v); i++; }
                case "-h", "--help" -> { usage(); return; }
                default -> { usage(); System.exit(2); }
            }
        }
        if (keyStore != null) {
            char[] pw = keyStorePassword == null ? new char[0] : keyStorePassword.toCharArray();
            options = options.withTls(CstaTls.serverContext(Path.of(keyStore), pw));
        }
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < agentCount; i++) {
            agents.add(String.valueOf(firstAgent + i));
        }
        // several scenarios separated by commas are played in turn
        List<Scenario> scenarios = new ArrayList<>();
        for (String name : (scenarioName != null ? scenarioName : loadRate > 0 ? "load-call" : "inbound-answered")
                .split(",")) {
            scenarios.add(Scenario.load(name.strip()));
        }
        Scenario scenario = scenarios.get(0);
        PbxSimulator sim = start(port, options);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "pbx-simulator-shutdown"));
        System.out.println("PBX simulator listening on 127.0.0.1:" + sim.port());
        System.out.flush();
        while (!sim.awaitClient(Duration.ofSeconds(5))) {
            // waiting for the CSTA client
        }
        if (loadRate > 0) {
            LoadReport r = sim.load(scenario, loadRate, loadDuration, agents);
            System.out.printf(java.util.Locale.ROOT, "load done: %d calls started at %.1f calls/s, %d event messages,"
                    + " all played out after %d ms%n", r.calls(), r.callsPerSecond(), r.eventsSent(), r.elapsed().toMillis());
            System.out.flush();
            Thread.currentThread().join(); // keep answering until stopped
        }
        for (int n = 0; ; n++) {
            sim.play(scenarios.get(n % scenarios.size()), freshVariables(agents.get(0)));
            if (repeat == null && n + 1 >= scenarios.size()) {
                Thread.currentThread().join(); // played once; keep answering until stopped
            }
            if (repeat != null) {
                Thread.sleep(repeat.toMillis());
            }
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    static Duration duration(String s) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(s.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("duration like 500ms, 30s or 2m expected: " + s);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** {@code 20/s}, {@code 20} or {@code 600/m}: calls per second. */
    static double rate(String s) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:/(s|m))?").matcher(s.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("rate like 20/s or 600/m expected: " + s);
        }
        double n = Double.parseDouble(m.group(1));
        return "m".equals(m.group(2)) ? n / 60 : n;
    }

    private static void usage() {
        System.out.println(String.join(System.lineSeparator(),
                "usage: PbxSimulator [--port 8800] [--scenario NAME|FILE[,NAME|FILE...]] [--repeat-every 30s]",
                "                    [--load 20/s --duration 60s --agents 50 --first-agent 2001]",
                "                    [--session-style pbx-first|application-session] [--session-duration 180s]",
                "                    [--make-call-scenario NAME|FILE|none] [--tls-keystore FILE --tls-password PW]",
                "built-in scenarios: " + String.join(", ", builtInScenarios())));
    }

    /** Scenario names shipped on the class path. */
    public static List<String> builtInScenarios() {
        return new ArrayList<>(List.of("inbound-answered", "abandoned-queue", "abandoned-ringing", "direct-dial",
                "internal", "transfer", "conference", "hold-retrieve", "outbound-click-to-dial", "link-drop",
                "ivr-digits", "load-call"));
    }
}
