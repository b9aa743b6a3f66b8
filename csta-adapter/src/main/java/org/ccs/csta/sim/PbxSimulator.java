package org.ccs.csta.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.ccs.csta.CstaCounters;
import org.ccs.csta.codec.CstaCodecFactory;
import org.ccs.csta.codec.CstaPdu;
import org.ccs.csta.codec.MaskingLoggingFilter;
import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaMessage;
import org.ccs.csta.message.CstaMessage.MakeCall;
import org.ccs.csta.message.CstaMessage.MakeCallResponse;
import org.ccs.csta.message.CstaMessage.MonitorStart;
import org.ccs.csta.message.CstaMessage.MonitorStartResponse;
import org.ccs.csta.message.CstaMessage.SnapshotDevice;
import org.ccs.csta.message.CstaMessage.SnapshotDeviceResponse;
import org.ccs.csta.message.CstaMessage.SystemRegister;
import org.ccs.csta.message.CstaMessage.SystemRegisterResponse;
import org.ccs.csta.message.CstaMessage.SystemStatus;
import org.ccs.csta.message.CstaMessage.SystemStatusResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PBX simulator speaking the PBX side of CSTA XML over TCP (ECMA-323 Annex J.2 framing), for tests,
 * demos and benchmarks. It listens on loopback, opens each connection with SystemStatus (OpenScape Voice
 * style), answers SystemRegister, MonitorStart (one monitorCrossRefID per device), SnapshotDevice (no
 * calls) and MakeCall (a new callID), and plays {@link Scenario}s: each event goes to the monitors of the
 * devices taking part in its call.
 *
 * <pre>
 * java -cp 'csta-adapter-VERSION.jar:lib/*' org.ccs.csta.sim.PbxSimulator --port 8800 --scenario inbound-answered --repeat-every 30s
 * </pre>
 */
public final class PbxSimulator implements AutoCloseable {

    private static final String CLIENT = PbxSimulator.class.getName() + ".client";

    private final Logger log = LoggerFactory.getLogger(PbxSimulator.class);
    private final CstaCounters counters = new CstaCounters();
    private final NioSocketAcceptor acceptor = new NioSocketAcceptor();
    private final Map<Long, Client> clients = new ConcurrentHashMap<>();
    private final AtomicInteger monitorIds = new AtomicInteger();
    private final AtomicInteger invokeIds = new AtomicInteger();
    private final AtomicLong callIds = new AtomicLong(ThreadLocalRandom.current().nextLong(0x1000, 0xFFFFF));
    private final Object monitorsChanged = new Object();
    private volatile long lastMonitorStartNanos;
    private int port;

    /** One connected CSTA client and its monitors. */
    private static final class Client {
        final IoSession session;
        final Map<String, String> monitorsByDevice = new ConcurrentHashMap<>();

        Client(IoSession session) {
            this.session = session;
        }
    }

    /** What one play of a scenario used: callIDs per call name and the caller number. */
    public record Playback(Map<String, String> callIds, String caller, int eventsSent) {
    }

    private PbxSimulator() {
    }

    /** Starts a simulator on 127.0.0.1; port 0 takes any free port (see {@link #port()}). */
    public static PbxSimulator start(int port) throws IOException {
        PbxSimulator sim = new PbxSimulator();
        sim.bind(port);
        return sim;
    }

    private void bind(int wanted) throws IOException {
        acceptor.setReuseAddress(true);
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(new CstaCodecFactory(counters)));
        acceptor.getFilterChain().addLast("log", new MaskingLoggingFilter("org.ccs.csta.sim.wire"));
        acceptor.setHandler(new Handler());
        acceptor.bind(new InetSocketAddress("127.0.0.1", wanted));
        port = acceptor.getLocalAddress().getPort();
        log.info("PBX simulator bound to 127.0.0.1:{}", port);
    }

    public int port() {
        return port;
    }

    public CstaCounters counters() {
        return counters;
    }

    /** Number of connected clients. */
    public int clientCount() {
        return clients.size();
    }

    /** Devices the connected clients monitor. */
    public Set<String> monitoredDevices() {
        Set<String> out = new TreeSet<>();
        clients.values().forEach(c -> out.addAll(c.monitorsByDevice.keySet()));
        return out;
    }

    /**
     * Waits until a client is connected and has started its monitors (no new MonitorStart for 200 ms).
     *
     * @return whether a monitoring client was there before the timeout
     */
    public boolean awaitClient(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitorsChanged) {
            while (true) {
                long now = System.nanoTime();
                boolean monitoring = clients.values().stream().anyMatch(c -> !c.monitorsByDevice.isEmpty());
                long quietFor = now - lastMonitorStartNanos;
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

    /** Closes every client connection (to test the client's reconnect). */
    public void disconnectClients() {
        for (Client c : List.copyOf(clients.values())) {
            c.session.closeNow().awaitUninterruptibly(2000);
        }
    }

    /** Plays a scenario to every connected client, with a fresh caller number; blocks for its delays. */
    public Playback play(Scenario scenario) throws InterruptedException {
        return play(scenario, Map.of("caller", freshCaller()));
    }

    /**
     * Plays a scenario with the given variables ({@code $name} in values is replaced; {@code caller} is
     * the caller number). Call names get fresh callIDs.
     */
    public Playback play(Scenario scenario, Map<String, String> variables) throws InterruptedException {
        Map<String, String> calls = new LinkedHashMap<>();
        Map<String, Set<String>> involved = new HashMap<>(); // callID -> devices in the call
        int sent = 0;
        for (Scenario.Step step : scenario.steps()) {
            if (step instanceof Scenario.Delay d) {
                Thread.sleep(d.duration().toMillis());
                continue;
            }
            Scenario.Event e = (Scenario.Event) step;
            Map<String, String> f = substitute(e.fields(), variables);
            CstaEvent event = ScenarioEvents.build(e.type(), f,
                    name -> calls.computeIfAbsent(name, n -> String.format("%06X", callIds.getAndIncrement())));
            String callId = event.callId();
            Set<String> named = ScenarioEvents.devices(f);
            Set<String> recipients = new LinkedHashSet<>();
            if (f.containsKey("monitors")) {
                for (String m : f.get("monitors").split(",")) {
                    recipients.add(m.strip());
                }
            } else {
                if (callId != null) {
                    recipients.addAll(involved.getOrDefault(callId, Set.of()));
                }
                recipients.addAll(named);
            }
            sent += send(event, recipients);
            if (callId != null) {
                Set<String> in = involved.computeIfAbsent(callId, k -> new LinkedHashSet<>());
                in.addAll(named);
                track(event, f, in, involved, calls);
            }
        }
        log.info("scenario {} played: {} event message(s) sent", scenario.name(), sent);
        return new Playback(Map.copyOf(calls), variables.get("caller"), sent);
    }

    /** Keeps the set of devices in each call up to date after an event. */
    private static void track(CstaEvent event, Map<String, String> f, Set<String> in,
                              Map<String, Set<String>> involved, Map<String, String> calls) {
        if (event instanceof CstaEvent.ConnectionCleared) {
            in.remove(f.getOrDefault("device", f.get("releasing")));
        } else if (event instanceof CstaEvent.Diverted) {
            in.remove(f.getOrDefault("device", f.get("diverting")));
        } else if (event instanceof CstaEvent.CallCleared) {
            involved.remove(event.callId());
        } else if (event instanceof CstaEvent.Transferred t) {
            in.remove(f.get("transferring"));
            if (t.secondaryOldCall() != null) {
                Set<String> other = involved.remove(t.secondaryOldCall().callId());
                if (other != null) {
                    in.addAll(other);
                    in.remove(f.get("transferring"));
                }
            }
            String newCall = f.get("newCall") == null ? null : calls.get(f.get("newCall"));
            if (newCall != null) {
                involved.put(newCall, involved.remove(event.callId()));
            }
        }
    }

    private int send(CstaEvent event, Set<String> devices) {
        int n = 0;
        for (Client c : clients.values()) {
            for (String device : devices) {
                String xref = c.monitorsByDevice.get(device);
                if (xref != null) {
                    c.session.write(CstaPdu.event(event.withMonitorCrossRefId(xref)));
                    n++;
                }
            }
        }
        return n;
    }

    private static Map<String, String> substitute(Map<String, String> fields, Map<String, String> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            String s = v;
            for (Map.Entry<String, String> var : variables.entrySet()) {
                s = s.replace("$" + var.getKey(), var.getValue());
            }
            out.put(k, s);
        });
        return out;
    }

    /** A caller number from the range Ofcom reserves for drama, +44 20 7946 0000 to 0999. */
    public static String freshCaller() {
        return String.format("+442079460%03d", ThreadLocalRandom.current().nextInt(1000));
    }

    @Override
    public void close() {
        acceptor.unbind();
        for (Client c : List.copyOf(clients.values())) {
            c.session.closeNow();
        }
        acceptor.dispose(true);
        log.info("PBX simulator on port {} closed", port);
    }

    private void monitorsChanged() {
        synchronized (monitorsChanged) {
            lastMonitorStartNanos = System.nanoTime();
            monitorsChanged.notifyAll();
        }
    }

    /** The PBX side of the protocol. */
    private final class Handler extends IoHandlerAdapter {

        @Override
        public void sessionOpened(IoSession s) {
            Client c = new Client(s);
            s.setAttribute(CLIENT, c);
            clients.put(s.getId(), c);
            log.info("CSTA client connected from {}", s.getRemoteAddress());
            // OpenScape Voice style: the PBX speaks first
            s.write(new CstaPdu(nextInvokeId(), new SystemStatus(null, "normal")));
            monitorsChanged();
        }

        @Override
        public void sessionClosed(IoSession s) {
            clients.remove(s.getId());
            log.info("CSTA client from {} disconnected", s.getRemoteAddress());
            monitorsChanged();
        }

        @Override
        public void messageReceived(IoSession s, Object message) {
            CstaPdu pdu = (CstaPdu) message;
            Client c = (Client) s.getAttribute(CLIENT);
            CstaMessage m = pdu.message();
            CstaMessage answer = null;
            if (m instanceof SystemStatus) {
                answer = new SystemStatusResponse();
            } else if (m instanceof SystemRegister) {
                answer = new SystemRegisterResponse("R" + s.getId());
            } else if (m instanceof MonitorStart ms) {
                String xref = c.monitorsByDevice.computeIfAbsent(ms.deviceObject(),
                        d -> String.valueOf(1000 + monitorIds.incrementAndGet()));
                answer = new MonitorStartResponse(xref);
            } else if (m instanceof SnapshotDevice) {
                answer = new SnapshotDeviceResponse(List.of());
            } else if (m instanceof MakeCall mc) {
                String callId = String.format("%06X", callIds.getAndIncrement());
                answer = new MakeCallResponse(new ConnectionId(callId, mc.callingDevice()));
            } else if (!(m instanceof SystemStatusResponse)) {
                answer = new CstaMessage.CstaErrorCode("operation", "invalidFeature");
            }
            if (answer != null) {
                s.write(new CstaPdu(pdu.invokeId(), answer));
            }
            if (m instanceof MonitorStart) {
                monitorsChanged();
            }
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
     * {@code --port 8800 --scenario inbound-answered [--repeat-every 30s]}: listens on 127.0.0.1, waits
     * for a client, plays the scenario (a file path or a built-in name) and, with --repeat-every, again
     * and again to whoever is connected, with fresh callIDs and caller numbers.
     */
    public static void main(String[] args) throws Exception {
        // the simulator logs to stdout (slf4j-simple); set before the first logger is made
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        int port = 8800;
        String scenarioName = "inbound-answered";
        Duration repeat = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--port" -> { port = Integer.parseInt(required(a, v)); i++; }
                case "--scenario" -> { scenarioName = required(a, v); i++; }
                case "--repeat-every" -> { repeat = duration(required(a, v)); i++; }
                case "-h", "--help" -> { usage(); return; }
                default -> { usage(); System.exit(2); }
            }
        }
        Scenario scenario = Scenario.load(scenarioName);
        PbxSimulator sim = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "pbx-simulator-shutdown"));
        System.out.println("PBX simulator listening on 127.0.0.1:" + sim.port());
        System.out.flush();
        while (true) {
            if (!sim.awaitClient(Duration.ofSeconds(5))) {
                continue;
            }
            sim.play(scenario);
            if (repeat == null) {
                Thread.currentThread().join(); // played once; keep answering until stopped
            }
            Thread.sleep(repeat.toMillis());
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    static Duration duration(String s) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(s.strip());
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

    private static void usage() {
        System.out.println("usage: PbxSimulator [--port 8800] [--scenario inbound-answered|direct-dial|internal|FILE]"
                + " [--repeat-every 30s]");
    }

    /** Scenario names shipped on the class path. */
    public static List<String> builtInScenarios() {
        return new ArrayList<>(List.of("inbound-answered", "abandoned-queue", "direct-dial", "internal"));
    }
}
