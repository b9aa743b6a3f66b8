package org.ccs.bench.csta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.GarbageCollectorMXBean;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.ccs.csta.CallTracker;
import org.ccs.csta.CstaCounters;
import org.ccs.csta.CstaLinkConfig;
import org.ccs.csta.codec.CstaDecoder;
import org.ccs.csta.codec.CstaFraming;
import org.ccs.csta.codec.CstaPdu;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaMessages;
import org.ccs.csta.sim.CallModel;
import org.ccs.csta.sim.PbxSimulator;
import org.ccs.csta.sim.Scenario;

/**
 * CSTA decode + call tracking throughput on one thread, in events/s, next to a bare StAX pass over the
 * same frames in the same run (issue 3: at least 100,000 events/s and half the bare StAX rate).
 *
 * <p>The frames are what the PBX simulator's load mode sends: {@code --calls} inbound calls of the
 * {@code load-call} scenario (queued at 4000, distributed to one of {@code --agents} agents, answered,
 * cleared), started {@code --rate} a second and interleaved by time, each event once per monitor that sees
 * it (the group's and the agent's), encoded as ECMA-323 ed4 XML in Annex J.2 frames. The byte stream is cut
 * into 8 KiB reads, as TCP delivers it.
 *
 * <ul>
 * <li>bare StAX: per frame, a new JDK {@link XMLStreamReader} (the factory settings of the adapter: namespace
 * aware, coalescing, no DTD) over the body bytes, every event pulled, nothing kept;</li>
 * <li>bare StAX, reader reused: the same with the JDK's {@code reuse-instance}, as the adapter reads;</li>
 * <li>decode + tracking: the adapter's {@link CstaDecoder} over the 8 KiB reads (framing, checks, XML, typed
 * messages) and every event into a {@link CallTracker} that completes the calls.</li>
 * </ul>
 * Each round runs all three over the whole stream, interleaved in {@value #SLICES} slices (a slice of each
 * in turn), so that a burst of load from elsewhere on the machine hits all three alike; after the warm-up
 * rounds the medians of the measured rounds, and the median of the per-round ratios, are reported. Rates
 * are given per second of wall-clock time and per second of the thread's CPU time (the rate of one core
 * that has nothing else to do, which is what a machine shared with other work lets one measure).
 *
 * <pre>
 * java -cp 'bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' org.ccs.bench.csta.CstaDecodeBenchmark
 *      [--calls 20000] [--agents 50] [--rate 20] [--warmup 5] [--rounds 10]
 * </pre>
 */
public final class CstaDecodeBenchmark {

    private static final int READ_SIZE = 8192;
    private static final int SLICES = 40;
    private static final double[] LAST_ALLOCATED = new double[3];
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private CstaDecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> opt = new HashMap<>(Map.of("calls", 20_000, "agents", 50, "rate", 20, "warmup", 5,
                "rounds", 10));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), Integer.parseInt(args[i + 1]));
        }
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < opt.get("agents"); i++) {
            agents.add(String.valueOf(2001 + i));
        }
        List<byte[]> frames = frames(opt.get("calls"), agents, opt.get("rate"));
        List<IoBuffer> reads = reads(frames);
        long bytes = frames.stream().mapToLong(f -> f.length).sum();
        System.out.printf(Locale.ROOT, "%d calls, %d frames (events as seen by each monitor), %d bytes, %d bytes per frame,"
                + " %d reads of %d bytes%n", opt.get("calls"), frames.size(), bytes, bytes / frames.size(), reads.size(),
                READ_SIZE);
        System.out.printf(Locale.ROOT, "Java %s, %s, %d CPU(s)%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());

        CstaLinkConfig config = CstaLinkConfig.builder().designatedDevices(List.of("4000")).agentExtensions(agents).build();
        XMLInputFactory fresh = factory(false);
        XMLInputFactory reusing = factory(true);
        int warmup = opt.get("warmup");
        int rounds = opt.get("rounds");
        // [wall|cpu][stax, stax reused, ours, ours/stax, ours/stax reused][round]
        double[][][] results = new double[2][5][rounds];
        System.out.println("events/s          bare StAX   StAX reused   decode+tracking   ratio   ratio to reused");
        for (int round = -warmup; round < rounds; round++) {
            double[][] r = round(frames, reads, fresh, reusing, config, opt.get("calls"));
            System.arraycopy(r[2], 0, LAST_ALLOCATED, 0, 3);
            for (int clock = 0; clock < 2; clock++) {
                String label = (round < 0 ? "warm-up" : "round " + (round + 1)) + (clock == 0 ? " wall" : " cpu");
                double[] v = {r[clock][0], r[clock][1], r[clock][2], r[clock][2] / r[clock][0], r[clock][2] / r[clock][1]};
                System.out.printf(Locale.ROOT, "%-16s %,10.0f %,13.0f %,17.0f %7.2f %17.2f%n", label, v[0], v[1], v[2],
                        v[3], v[4]);
                if (round >= 0) {
                    for (int k = 0; k < 5; k++) {
                        results[clock][k][round] = v[k];
                    }
                }
            }
        }
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        System.out.printf(Locale.ROOT, "%nallocated per event (last round): bare StAX %.0f B, bare StAX reused reader %.0f B,"
                + " decode+tracking %.0f B; garbage collection took %d ms of the whole run (not in the CPU time above)",
                LAST_ALLOCATED[0], LAST_ALLOCATED[1], LAST_ALLOCATED[2], gcMillis);
        for (int clock = 0; clock < 2; clock++) {
            System.out.printf(Locale.ROOT, "%nmedian of %d rounds, per second of %s: bare StAX %,.0f events/s, bare StAX"
                            + " reused reader %,.0f events/s, decode+tracking %,.0f events/s; decode+tracking / bare StAX"
                            + " = %.2f, / bare StAX reused reader = %.2f", rounds, clock == 0 ? "wall-clock time" : "CPU time",
                    median(results[clock][0]), median(results[clock][1]), median(results[clock][2]),
                    median(results[clock][3]), median(results[clock][4]));
        }
        System.out.printf(Locale.ROOT, "%n(targets: >= 100,000 events/s, >= 0.5 of bare StAX)%n");
    }

    /**
     * One round: the three passes over the whole stream, a slice of each in turn.
     *
     * @return events/s of each pass, [0] per wall-clock second, [1] per CPU second of this thread, and [2]
     *         the bytes each pass allocated per event
     */
    private static double[][] round(List<byte[]> frames, List<IoBuffer> reads, XMLInputFactory fresh,
                                    XMLInputFactory reusing, CstaLinkConfig config, int calls) throws Exception {
        long[][] nanos = new long[3][3];
        Adapter adapter = new Adapter(config);
        for (int slice = 0; slice < SLICES; slice++) {
            List<byte[]> f = frames.subList(frames.size() * slice / SLICES, frames.size() * (slice + 1) / SLICES);
            List<IoBuffer> r = reads.subList(reads.size() * slice / SLICES, reads.size() * (slice + 1) / SLICES);
            measure(nanos, 0, () -> bareStax(f, fresh));
            measure(nanos, 1, () -> bareStax(f, reusing));
            measure(nanos, 2, () -> adapter.decodeAndTrack(r));
        }
        for (IoBuffer read : reads) {
            read.rewind();
        }
        if (adapter.events != frames.size() || adapter.completed.get() != calls) {
            throw new IllegalStateException("decoded " + adapter.events + " events of " + frames.size() + ", completed "
                    + adapter.completed.get() + " calls of " + calls);
        }
        double[][] rates = new double[3][3];
        for (int pass = 0; pass < 3; pass++) {
            rates[0][pass] = frames.size() / (nanos[0][pass] / 1e9);
            rates[1][pass] = frames.size() / (nanos[1][pass] / 1e9);
            rates[2][pass] = nanos[2][pass] / (double) frames.size();
        }
        return rates;
    }

    private interface Pass {
        void run() throws Exception;
    }

    /** Adds the wall-clock and the thread CPU nanoseconds of one pass, and the bytes it allocated. */
    private static void measure(long[][] nanos, int pass, Pass p) throws Exception {
        long bytes0 = THREADS.getCurrentThreadAllocatedBytes();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        p.run();
        nanos[0][pass] += System.nanoTime() - wall0;
        nanos[1][pass] += THREADS.getCurrentThreadCpuTime() - cpu0;
        nanos[2][pass] += THREADS.getCurrentThreadAllocatedBytes() - bytes0;
    }

    /** The load mode's frames: calls interleaved by time, each event once per monitor that sees it. */
    static List<byte[]> frames(int calls, List<String> agents, int ratePerSecond) throws Exception {
        Scenario scenario = Scenario.load("load-call");
        CallModel model = new CallModel(0x100000);
        Map<String, String> monitors = new HashMap<>();
        monitors.put("4000", "1000");
        for (int i = 0; i < agents.size(); i++) {
            monitors.put(agents.get(i), String.valueOf(1001 + i));
        }
        record Timed(long at, long seq, Scenario.Event line, CallModel.Play play) {
        }
        List<Timed> timeline = new ArrayList<>();
        long seq = 0;
        long period = 1_000_000_000L / ratePerSecond;
        for (int i = 0; i < calls; i++) {
            CallModel.Play play = model.new Play(PbxSimulator.freshVariables(agents.get(i % agents.size())));
            long at = i * period;
            for (Scenario.Step step : scenario.steps()) {
                if (step instanceof Scenario.Delay d) {
                    at += d.duration().toNanos();
                } else if (step instanceof Scenario.Event e) {
                    timeline.add(new Timed(at, seq++, e, play));
                }
            }
        }
        timeline.sort(Comparator.comparingLong(Timed::at).thenComparingLong(Timed::seq));
        List<byte[]> frames = new ArrayList<>();
        for (Timed t : timeline) {
            CallModel.Delivery d = model.apply(t.line(), t.play());
            for (String device : d.devices()) {
                String xref = monitors.get(device);
                if (xref != null) {
                    CstaEvent event = d.event().withMonitorCrossRefId(xref);
                    frames.add(CstaFraming.frame(CstaPdu.EVENT_INVOKE_ID,
                            CstaMessages.encode(event).toXml(CstaMessages.DEFAULT_NAMESPACE)));
                }
            }
        }
        return frames;
    }

    private static List<IoBuffer> reads(List<byte[]> frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        frames.forEach(all::writeBytes);
        byte[] stream = all.toByteArray();
        List<IoBuffer> reads = new ArrayList<>();
        for (int at = 0; at < stream.length; at += READ_SIZE) {
            reads.add(IoBuffer.wrap(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + READ_SIZE))));
        }
        return reads;
    }

    private static XMLInputFactory factory(boolean reuse) {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        if (reuse) {
            f.setProperty("reuse-instance", Boolean.TRUE);
        }
        return f;
    }

    /** A plain StAX pass: every frame body parsed, every event pulled, nothing kept. */
    private static void bareStax(List<byte[]> frames, XMLInputFactory factory) throws Exception {
        long sink = 0;
        for (byte[] f : frames) {
            XMLStreamReader r = factory.createXMLStreamReader(
                    new ByteArrayInputStream(f, CstaFraming.HEADER_LENGTH, f.length - CstaFraming.HEADER_LENGTH), "UTF-8");
            while (r.hasNext()) {
                sink += r.next();
            }
            r.close();
        }
        if (sink == 42) {
            System.out.print("");
        }
    }

    /** The adapter over a whole stream: decoder over the reads, every event into the call tracker. */
    private static final class Adapter {
        final CstaDecoder decoder = new CstaDecoder(new CstaCounters());
        final ProtocolCodecSession session = new ProtocolCodecSession();
        final AtomicLong completed = new AtomicLong();
        final CallTracker tracker;
        long events;

        Adapter(CstaLinkConfig config) {
            session.setTransportMetadata(new DefaultTransportMetadata("mina", "bench-stream", false, true,
                    SocketAddress.class, IoSessionConfig.class, Object.class));
            tracker = new CallTracker(config, call -> completed.incrementAndGet(), Clock.systemUTC());
        }

        /** Decodes these reads and tracks their events. */
        void decodeAndTrack(List<IoBuffer> reads) throws Exception {
            for (IoBuffer read : reads) {
                decoder.decode(session, read, session.getDecoderOutput());
                Object o;
                while ((o = session.getDecoderOutputQueue().poll()) != null) {
                    tracker.onEvent((CstaEvent) ((CstaPdu) o).message());
                    events++;
                }
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
