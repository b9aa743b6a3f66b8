package org.ccs.csta.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.ccs.csta.CstaCounters;
import org.ccs.csta.message.AgentState;
import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.ConnectionListEntry;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaMessage;
import org.ccs.csta.message.CstaMessages;
import org.ccs.csta.message.DeviceId;
import org.ccs.csta.message.Sensitive;
import org.ccs.csta.message.SnapshotEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the decoder with mutated frames: bit flips, overwritten bytes, truncations, length fields that lie
 * (small, large, 65,535), wrong format indicators and invoke ids, inserted NULs and garbage, pure garbage,
 * broken and hostile XML (DOCTYPE, deep nesting), frames merged and cut, all fed in random pieces. Fixed
 * seed and a bounded number of mutations: deterministic and fast. After every mutated input a good frame
 * must decode (the session survives), no exception may escape, the decoder's buffer may never hold more
 * than one frame, and the heap must not grow.
 */
class CstaDecoderFuzzTest {

    private static final long SEED = 0x5EED_0C55L;
    private static final int MUTATIONS = 200_000;
    private static final int WARM_UP = 5_000;
    private static final int MAX_BUFFERED = CstaFraming.MAX_FRAME_LENGTH + CstaFraming.HEADER_LENGTH;
    private static final long HEAP_TOLERANCE = 32L * 1024 * 1024;
    private static final int SENTINEL_ID = 4242;
    private static final String[] NAMESPACES = {
            CstaMessages.DEFAULT_NAMESPACE, "http://www.ecma.ch/standards/ecma-323/csta/ed2",
            "http://www.ecma-international.org/standards/ecma-323/csta/ed6", null};

    private final CstaCounters counters = new CstaCounters();
    private final CstaDecoder decoder = new CstaDecoder(counters);
    private final ProtocolCodecSession session = new ProtocolCodecSession();
    /** The most the decoder kept between two reads. */
    private int maxBuffered;
    /** The session attribute under which CumulativeProtocolDecoder keeps its buffer, once seen. */
    private Object bufferKey;
    private final byte[] sentinel = CstaFraming.frame(SENTINEL_ID,
            CstaMessages.encode(new CstaMessage.SystemStatus(null, "normal")).toXml(CstaMessages.DEFAULT_NAMESPACE));

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedFramesNeverBreakTheDecoder() throws Exception {
        session.setTransportMetadata(new DefaultTransportMetadata("mina", "fuzz-stream", false, true,
                SocketAddress.class, IoSessionConfig.class, Object.class));
        List<byte[]> corpus = corpus();
        Random rnd = new Random(SEED);
        long heapBefore = 0;
        long start = System.nanoTime();
        for (int i = 0; i < WARM_UP + MUTATIONS; i++) {
            if (i == WARM_UP) {
                heapBefore = usedHeap();
            }
            byte[] input = mutate(corpus.get(rnd.nextInt(corpus.size())), corpus, rnd);
            try {
                feed(input, rnd);
                feed(sentinel, rnd);
            } catch (Throwable t) {
                fail("mutation " + i + " (seed " + SEED + "): " + t, t);
            }
            if (!drainFindsSentinel()) {
                fail("mutation " + i + " (seed " + SEED + "): the good frame after it did not decode");
            }
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long growth = usedHeap() - heapBefore;

        assertTrue(maxBuffered <= MAX_BUFFERED, "decoder buffered " + maxBuffered + " bytes");
        assertTrue(growth < HEAP_TOLERANCE, "heap grew by " + growth + " bytes");
        assertTrue(counters.badFrames() > MUTATIONS / 4, "bad frames counted: " + counters.badFrames());
        assertTrue(elapsedMs < TimeUnit.SECONDS.toMillis(60), "took " + elapsedMs + " ms"); // about 8 s on 2 cores
        // and the session still decodes a plain stream of good frames
        ByteArrayOutputStream good = new ByteArrayOutputStream();
        for (byte[] f : corpus) {
            good.writeBytes(f);
        }
        feed(good.toByteArray(), rnd);
        List<CstaPdu> out = drain();
        assertEquals(corpus.size(), out.size());
    }

    // ------------------------------------------------------------------ corpus

    private static List<byte[]> corpus() {
        ConnectionId c = new ConnectionId("00A1B2", "2001");
        DeviceId caller = DeviceId.of("N<+44 20 7946 0123>");
        List<CstaMessage> messages = List.of(
                new CstaMessage.SystemStatus("R1", "normal"), new CstaMessage.SystemRegisterResponse("R1"),
                new CstaMessage.MonitorStartResponse("1001"),
                new CstaMessage.SnapshotDeviceResponse(List.of(new SnapshotEntry(c, "connected"))),
                new CstaMessage.MakeCallResponse(c), new CstaMessage.CstaErrorCode("operation", "invalidDeviceID"),
                new CstaMessage.StartApplicationSessionPosResponse("S1", CstaMessages.DEFAULT_NAMESPACE, 180),
                new CstaEvent.Delivered("1001", new ConnectionId("00A1B2", "4000"), DeviceId.of("4000"), caller,
                        DeviceId.of("4000"), null, "alerting", new Sensitive("3132"), new Sensitive("34373131"),
                        "enteringDistribution"),
                new CstaEvent.Queued("1001", c, DeviceId.of("4000"), caller, DeviceId.of("4000"), 2, "noAvailableAgents"),
                new CstaEvent.Diverted("1001", c, DeviceId.of("4000"), DeviceId.of("2001"), "distributed"),
                new CstaEvent.Established("1002", c, DeviceId.of("2001"), DeviceId.RESTRICTED, DeviceId.of("4000"),
                        DeviceId.of("4000"), null, null, "distributed"),
                new CstaEvent.Held("1002", c, DeviceId.of("2001"), "normal"),
                new CstaEvent.Transferred("1002", c, new ConnectionId("00A1B3", "2001"), DeviceId.of("2001"),
                        DeviceId.of("2002"), List.of(new ConnectionListEntry(new ConnectionId("00A1B4", "2002"), c,
                                DeviceId.of("2002"))), "transfer"),
                new CstaEvent.CallInformation("1001", c, DeviceId.of("4000"), caller, new Sensitive("4711"), null, null,
                        null),
                new CstaEvent.DtmfDetected("1001", c, new Sensitive("4"), null),
                new CstaEvent.ConnectionCleared("1002", c, DeviceId.of("2001"), "normalClearing"),
                new CstaEvent.CallCleared("1002", new ConnectionId("00A1B2", null), "normalClearing"),
                new CstaEvent.AgentStateEvent("1002", AgentState.READY, DeviceId.of("2001"), "A17", null, null));
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            CstaMessage m = messages.get(i);
            String xml = CstaMessages.encode(m).toXml(NAMESPACES[i % NAMESPACES.length]);
            out.add(CstaFraming.frame(m instanceof CstaEvent ? CstaPdu.EVENT_INVOKE_ID : i, xml));
        }
        return out;
    }

    // ------------------------------------------------------------------ mutations

    private static byte[] mutate(byte[] frame, List<byte[]> corpus, Random rnd) {
        byte[] f = frame.clone();
        switch (rnd.nextInt(15)) {
            case 0 -> { // bit flips
                for (int n = 1 + rnd.nextInt(8); n > 0; n--) {
                    int at = rnd.nextInt(f.length);
                    f[at] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> { // overwritten bytes
                for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
                    f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> f = Arrays.copyOf(f, rnd.nextInt(f.length)); // truncated
            case 3 -> length(f, rnd.nextInt(0x10000)); // length field lies, anything
            case 4 -> length(f, 0xFFFF - rnd.nextInt(2)); // length field lies, huge
            case 5 -> length(f, Math.max(0, f.length + rnd.nextInt(33) - 16)); // length off by a little
            case 6 -> f = insert(f, rnd.nextInt(f.length + 1), garbage(rnd, 1 + rnd.nextInt(64))); // garbage inside
            case 7 -> f = garbage(rnd, 1 + rnd.nextInt(512)); // garbage alone
            case 8 -> { // format indicator
                f[0] = (byte) (1 + rnd.nextInt(255));
                f[1] = (byte) rnd.nextInt(256);
            }
            case 9 -> f[4 + rnd.nextInt(4)] = (byte) rnd.nextInt(256); // invoke id
            case 10 -> f = reframe(f, badXml(body(f), rnd)); // a good frame of bad XML
            case 11 -> { // two frames run together, cut somewhere
                byte[] both = insert(f, f.length, corpus.get(rnd.nextInt(corpus.size())));
                int from = rnd.nextInt(f.length);
                f = Arrays.copyOfRange(both, from, Math.max(from, both.length - rnd.nextInt(f.length)));
            }
            case 12 -> f = reframe(f, "<a>".repeat(40 + rnd.nextInt(40)) + "x" + "</a>".repeat(40)); // deep
            case 13 -> { // NULs
                for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
                    f[rnd.nextInt(f.length)] = 0;
                }
            }
            default -> { // the largest frame there is, with a body that is not XML (rarely: it is big)
                if (rnd.nextInt(20) == 0) {
                    byte[] big = new byte[CstaFraming.MAX_FRAME_LENGTH];
                    System.arraycopy(f, 0, big, 0, 8);
                    Arrays.fill(big, 8, big.length, (byte) 'x');
                    length(big, big.length);
                    f = big;
                } else {
                    f = insert(garbage(rnd, rnd.nextInt(32)), 0, f);
                }
            }
        }
        return f;
    }

    private static void length(byte[] f, int length) {
        if (f.length >= 4) {
            f[2] = (byte) (length >>> 8);
            f[3] = (byte) length;
        }
    }

    private static byte[] insert(byte[] into, int at, byte[] what) {
        byte[] out = new byte[into.length + what.length];
        System.arraycopy(into, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(into, at, out, at + what.length, into.length - at);
        return out;
    }

    /** Random bytes, with extra NULs and digits so that some of it looks like headers. */
    private static byte[] garbage(Random rnd, int n) {
        byte[] g = new byte[n];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(4);
            g[i] = kind == 0 ? 0 : kind == 1 ? (byte) ('0' + rnd.nextInt(10)) : (byte) rnd.nextInt(256);
        }
        return g;
    }

    private static String body(byte[] frame) {
        return new String(frame, CstaFraming.HEADER_LENGTH, frame.length - CstaFraming.HEADER_LENGTH,
                StandardCharsets.UTF_8);
    }

    private static byte[] reframe(byte[] frame, String body) {
        int invokeId = Integer.parseInt(new String(frame, 4, 4, StandardCharsets.US_ASCII));
        return CstaFraming.frame(invokeId, body);
    }

    private static String badXml(String xml, Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> xml.replaceFirst("<", "&");
            case 1 -> xml.substring(0, rnd.nextInt(xml.length())); // unclosed
            case 2 -> xml.replace("?>", "?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>");
            case 3 -> xml.replaceFirst("</([A-Za-z]+)>", "</$1x>"); // mismatched end tag
            default -> xml + "<after/>";
        };
    }

    // ------------------------------------------------------------------ feeding

    private void feed(byte[] bytes, Random rnd) throws Exception {
        int pieces = 1 + rnd.nextInt(3);
        int at = 0;
        for (int p = 1; p <= pieces; p++) {
            int end = p == pieces ? bytes.length : at + rnd.nextInt(bytes.length - at + 1);
            decoder.decode(session, IoBuffer.wrap(bytes, at, end - at), session.getDecoderOutput());
            maxBuffered = Math.max(maxBuffered, buffered());
            at = end;
        }
    }

    private boolean drainFindsSentinel() {
        boolean found = false;
        for (CstaPdu pdu : drain()) {
            found |= pdu.invokeId() == SENTINEL_ID && pdu.message() instanceof CstaMessage.SystemStatus;
        }
        return found;
    }

    private List<CstaPdu> drain() {
        List<CstaPdu> out = new ArrayList<>();
        Object o;
        while ((o = session.getDecoderOutputQueue().poll()) != null) {
            out.add((CstaPdu) o);
        }
        return out;
    }

    /** Bytes the decoder keeps in the session between reads (CumulativeProtocolDecoder's buffer). */
    private int buffered() {
        if (bufferKey == null) {
            for (Object key : session.getAttributeKeys()) {
                if (session.getAttribute(key) instanceof IoBuffer) {
                    bufferKey = key;
                }
            }
        }
        return bufferKey != null && session.getAttribute(bufferKey) instanceof IoBuffer b ? b.remaining() : 0;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
