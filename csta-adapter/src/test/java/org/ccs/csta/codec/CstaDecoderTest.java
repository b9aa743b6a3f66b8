package org.ccs.csta.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import java.net.SocketAddress;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolEncoderException;
import org.ccs.csta.CstaCounters;
import org.ccs.csta.Presentation;
import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.CstaEvent.Delivered;
import org.ccs.csta.message.CstaMessage.SystemStatus;
import org.ccs.csta.message.DeviceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Framing and decoding in memory, no sockets: split, merged, maximal and malformed frames. */
class CstaDecoderTest {

    static final String ED4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";

    static final String SYSTEM_STATUS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<SystemStatus xmlns=\"" + ED4 + "\"><systemStatus>normal</systemStatus></SystemStatus>";

    static final String DELIVERED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DeliveredEvent xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed4">
              <monitorCrossRefID>1001</monitorCrossRefID>
              <connection><callID>C1</callID><deviceID>4000</deviceID></connection>
              <alertingDevice><deviceIdentifier>4000</deviceIdentifier></alertingDevice>
              <callingDevice><deviceIdentifier>N&lt;+44 20 7946 0123&gt;</deviceIdentifier></callingDevice>
              <calledDevice><deviceIdentifier>4000</deviceIdentifier></calledDevice>
              <lastRedirectionDevice><notRequired/></lastRedirectionDevice>
              <localConnectionInfo>alerting</localConnectionInfo>
              <correlatorData><string>31 32
                33</string></correlatorData>
              <cause>enteringDistribution</cause>
              <extensions><privateData><private><vendor>x</vendor></private></privateData></extensions>
            </DeliveredEvent>""";

    private CstaCounters counters;
    private CstaDecoder decoder;
    private ProtocolCodecSession session;

    @BeforeEach
    void setUp() {
        counters = new CstaCounters();
        decoder = new CstaDecoder(counters);
        session = new ProtocolCodecSession();
        // a stream transport (fragmentation), as TCP: the decoder must accumulate partial frames
        session.setTransportMetadata(new DefaultTransportMetadata("mina", "test-stream", false, true,
                SocketAddress.class, IoSessionConfig.class, Object.class));
    }

    private List<CstaPdu> feed(byte[]... chunks) throws Exception {
        for (byte[] chunk : chunks) {
            decoder.decode(session, IoBuffer.wrap(chunk), session.getDecoderOutput());
        }
        List<CstaPdu> out = new ArrayList<>();
        Object o;
        while ((o = session.getDecoderOutputQueue().poll()) != null) {
            out.add((CstaPdu) o);
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] header(int format, int length, String invokeId) {
        byte[] id = invokeId.getBytes(StandardCharsets.US_ASCII);
        return new byte[] {(byte) (format >> 8), (byte) format, (byte) (length >> 8), (byte) length,
                id[0], id[1], id[2], id[3]};
    }

    private static byte[] rawFrame(int format, String invokeId, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return concat(header(format, 8 + b.length, invokeId), b);
    }

    private void assertGoodFrameStillDecodes() throws Exception {
        List<CstaPdu> out = feed(CstaFraming.frame(7, SYSTEM_STATUS));
        assertEquals(1, out.size());
        assertEquals(7, out.get(0).invokeId());
        assertEquals(new SystemStatus(null, "normal"), out.get(0).message());
    }

    @Test
    void decodesOneFrame() throws Exception {
        List<CstaPdu> out = feed(CstaFraming.frame(1, SYSTEM_STATUS));
        assertEquals(List.of(new CstaPdu(1, new SystemStatus(null, "normal"))), out);
        assertEquals(1, counters.framesIn());
        assertEquals(0, counters.badFrames());
    }

    @Test
    void decodesEventFields() throws Exception {
        CstaPdu pdu = feed(CstaFraming.frame(9999, DELIVERED)).get(0);
        assertEquals(CstaPdu.EVENT_INVOKE_ID, pdu.invokeId());
        Delivered d = assertInstanceOf(Delivered.class, pdu.message());
        assertEquals("1001", d.monitorCrossRefId());
        assertEquals(new ConnectionId("C1", "4000"), d.connection());
        assertEquals(DeviceId.of("4000"), d.alertingDevice());
        assertEquals(DeviceId.of("N<+44 20 7946 0123>"), d.callingDevice());
        assertNull(d.lastRedirectionDevice());
        assertEquals("alerting", d.localConnectionInfo());
        assertEquals("313233", d.correlatorData().value());
        assertEquals("enteringDistribution", d.cause());
    }

    @Test
    void frameSplitByteByByteDecodesOnlyWhenComplete() throws Exception {
        byte[] frame = CstaFraming.frame(9999, DELIVERED);
        for (int i = 0; i < frame.length - 1; i++) {
            assertTrue(feed(new byte[] {frame[i]}).isEmpty(), "nothing before the last byte, at " + i);
        }
        List<CstaPdu> out = feed(new byte[] {frame[frame.length - 1]});
        assertEquals(1, out.size());
        assertInstanceOf(Delivered.class, out.get(0).message());
    }

    @Test
    void multiByteCharacterSplitAcrossReadsDecodes() throws Exception {
        String body = SYSTEM_STATUS.replace("normal", "norm\u00e4l\u20ac");
        byte[] frame = CstaFraming.frame(3, body);
        int split = frame.length - 12; // inside the UTF-8 sequences
        assertTrue(feed(java.util.Arrays.copyOfRange(frame, 0, split)).isEmpty());
        List<CstaPdu> out = feed(java.util.Arrays.copyOfRange(frame, split, frame.length));
        assertEquals("norm\u00e4l\u20ac", ((SystemStatus) out.get(0).message()).systemStatus());
    }

    @Test
    void twoFramesInOneBufferBothDecodeInOrder() throws Exception {
        byte[] both = concat(CstaFraming.frame(1, SYSTEM_STATUS), CstaFraming.frame(9999, DELIVERED));
        List<CstaPdu> out = feed(both);
        assertEquals(2, out.size());
        assertInstanceOf(SystemStatus.class, out.get(0).message());
        assertInstanceOf(Delivered.class, out.get(1).message());
    }

    @Test
    void frameAndAHalfThenTheRest() throws Exception {
        byte[] a = CstaFraming.frame(1, SYSTEM_STATUS);
        byte[] b = CstaFraming.frame(9999, DELIVERED);
        byte[] all = concat(a, b);
        int cut = a.length + 20;
        assertEquals(1, feed(java.util.Arrays.copyOfRange(all, 0, cut)).size());
        assertEquals(1, feed(java.util.Arrays.copyOfRange(all, cut, all.length)).size());
    }

    @Test
    void largestFrameOf65535BytesDecodes() throws Exception {
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SystemStatus xmlns=\"" + ED4 + "\"><!--";
        String tail = "--><systemStatus>normal</systemStatus></SystemStatus>";
        int pad = 65535 - 8 - head.length() - tail.length();
        String body = head + "x".repeat(pad) + tail;
        byte[] frame = CstaFraming.frame(42, body);
        assertEquals(65535, frame.length);
        assertEquals(0xFF, frame[2] & 0xFF);
        assertEquals(0xFF, frame[3] & 0xFF);
        // arrives in TCP-sized pieces
        List<CstaPdu> out = new ArrayList<>();
        for (int i = 0; i < frame.length; i += 1460) {
            out.addAll(feed(java.util.Arrays.copyOfRange(frame, i, Math.min(frame.length, i + 1460))));
        }
        assertEquals(1, out.size());
        assertEquals(42, out.get(0).invokeId());
        assertGoodFrameStillDecodes();
    }

    @Test
    void encoderRefusesBodiesBeyondOneFrame() {
        CstaEncoder encoder = new CstaEncoder(counters, ED4);
        CstaPdu huge = new CstaPdu(1, new SystemStatus(null, "x".repeat(70_000)));
        assertThrows(ProtocolEncoderException.class, () -> encoder.encode(session, huge, session.getEncoderOutput()));
    }

    @Test
    void encoderAndDecoderRoundTrip() throws Exception {
        CstaEncoder encoder = new CstaEncoder(counters, ED4);
        CstaEvent event = new Delivered("1001", new ConnectionId("C9", "2001"), DeviceId.of("2001"),
                DeviceId.RESTRICTED, DeviceId.of("4000"), DeviceId.of("4000"), "alerting", org.ccs.csta.message.Sensitive.of("ABCD"), null, "distributed");
        encoder.encode(session, CstaPdu.event(event), session.getEncoderOutput());
        IoBuffer encoded = (IoBuffer) session.getEncoderOutputQueue().poll();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        assertEquals(0, bytes[0]);
        assertEquals(0, bytes[1]);
        assertEquals(bytes.length, ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF));
        assertEquals("9999", new String(bytes, 4, 4, StandardCharsets.US_ASCII));
        List<CstaPdu> out = feed(bytes);
        assertEquals(CstaPdu.event(event), out.get(0));
        assertEquals(Presentation.RESTRICTED, ((Delivered) out.get(0).message()).callingDevice().presentation());
        assertEquals(1, counters.framesOut());
    }

    @Test
    void wrongFormatIndicatorIsDroppedAndTheNextFrameDecodes() throws Exception {
        assertTrue(feed(rawFrame(0x0100, "0001", SYSTEM_STATUS)).isEmpty());
        assertEquals(1, counters.badFrames());
        assertGoodFrameStillDecodes();
    }

    @Test
    void wrongFormatIndicatorResynchronisesOnAFollowingFrameInTheSameBuffer() throws Exception {
        List<CstaPdu> out = feed(concat(rawFrame(0x0001, "0001", SYSTEM_STATUS), CstaFraming.frame(5, SYSTEM_STATUS)));
        assertEquals(1, out.size());
        assertEquals(5, out.get(0).invokeId());
        assertEquals(1, counters.badFrames());
    }

    @Test
    void lengthBelowHeaderIsDroppedAndTheNextFrameDecodes() throws Exception {
        assertTrue(feed(concat(header(0, 5, "0001"), SYSTEM_STATUS.getBytes(StandardCharsets.UTF_8))).isEmpty());
        assertEquals(1, counters.badFrames());
        assertGoodFrameStillDecodes();
        // and in one buffer with a good frame after it
        List<CstaPdu> out = feed(concat(header(0, 3, "0001"), CstaFraming.frame(8, SYSTEM_STATUS)));
        assertEquals(1, out.size());
        assertEquals(8, out.get(0).invokeId());
    }

    @Test
    void badInvokeIdIsDroppedAndTheNextFrameDecodes() throws Exception {
        List<CstaPdu> out = feed(concat(rawFrame(0, "00A1", SYSTEM_STATUS), CstaFraming.frame(6, SYSTEM_STATUS)));
        assertEquals(1, out.size());
        assertEquals(6, out.get(0).invokeId());
        assertEquals(1, counters.badFrames());
        assertGoodFrameStillDecodes();
    }

    @Test
    void malformedXmlIsDroppedAndTheNextFrameDecodes() throws Exception {
        String broken = "<?xml version=\"1.0\"?><DeliveredEvent><connection><callID>C1</callID></DeliveredEvent>";
        assertTrue(feed(CstaFraming.frame(9999, broken)).isEmpty());
        assertTrue(feed(CstaFraming.frame(9999, "not xml at all")).isEmpty());
        assertTrue(feed(CstaFraming.frame(9999, "")).isEmpty());
        assertTrue(feed(CstaFraming.frame(9999, "<a/><b/>")).isEmpty());
        assertEquals(4, counters.badFrames());
        assertGoodFrameStillDecodes();
    }

    @Test
    void invalidUtf8IsDroppedAndTheNextFrameDecodes() throws Exception {
        byte[] body = concat("<SystemStatus><systemStatus>".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xC3, (byte) 0x28}, "</systemStatus></SystemStatus>".getBytes(StandardCharsets.US_ASCII));
        assertTrue(feed(concat(header(0, 8 + body.length, "0002"), body)).isEmpty());
        assertEquals(1, counters.badFrames());
        assertGoodFrameStillDecodes();
    }

    @Test
    void dtdAndExternalEntitiesAreRefused() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE SystemStatus [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<SystemStatus><systemStatus>&xxe;</systemStatus></SystemStatus>";
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<SystemStatus><systemStatus>&b;</systemStatus></SystemStatus>";
        String externalDtd = "<?xml version=\"1.0\"?><!DOCTYPE SystemStatus SYSTEM \"http://127.0.0.1:1/x.dtd\">"
                + "<SystemStatus><systemStatus>normal</systemStatus></SystemStatus>";
        String undeclared = "<SystemStatus><systemStatus>&xxe;</systemStatus></SystemStatus>";
        for (String body : List.of(xxe, bomb, externalDtd, undeclared)) {
            assertTrue(feed(CstaFraming.frame(1, body)).isEmpty(), body);
        }
        assertEquals(4, counters.badFrames());
        assertGoodFrameStillDecodes();
    }

    @Test
    void unknownElementIsCountedAndIgnored() throws Exception {
        String unknown = "<?xml version=\"1.0\"?><NetworkReachedEvent xmlns=\"" + ED4 + "\">"
                + "<monitorCrossRefID>1</monitorCrossRefID></NetworkReachedEvent>";
        List<CstaPdu> out = feed(concat(CstaFraming.frame(9999, unknown), CstaFraming.frame(7, SYSTEM_STATUS)));
        assertEquals(1, out.size());
        assertEquals(1, counters.unknownMessages());
        assertEquals(0, counters.badFrames());
        assertGoodFrameStillDecodes();
    }

    @Test
    void aLyingLengthDoesNotHoldBackTheFramesBehindIt() throws Exception {
        // the header claims 60,000 bytes; the next frame follows right after a short body
        byte[] liar = concat(header(0, 60_000, "0001"), "<SystemStatus>".getBytes(StandardCharsets.US_ASCII));
        List<CstaPdu> out = feed(concat(liar, CstaFraming.frame(5, SYSTEM_STATUS), CstaFraming.frame(6, SYSTEM_STATUS)));
        assertEquals(List.of(5, 6), out.stream().map(CstaPdu::invokeId).toList());
        assertEquals(1, counters.badFrames());
    }

    @Test
    void aLyingLengthIsNoticedWhenTheNextFrameArrivesInALaterRead() throws Exception {
        assertTrue(feed(concat(header(0, 65_535, "0001"), "<Sys".getBytes(StandardCharsets.US_ASCII))).isEmpty());
        assertEquals(0, counters.badFrames(), "it could still be a long frame");
        List<CstaPdu> out = feed(CstaFraming.frame(7, SYSTEM_STATUS));
        assertEquals(1, out.size());
        assertEquals(1, counters.badFrames());
    }

    @Test
    void aHeaderCutShortByTheNextFrameResynchronises() throws Exception {
        byte[] good = CstaFraming.frame(9, SYSTEM_STATUS);
        List<CstaPdu> out = feed(concat(java.util.Arrays.copyOf(good, 5), good));
        assertEquals(1, out.size());
        assertEquals(9, out.get(0).invokeId());
    }

    @Test
    void aDirectBufferDecodesToo() throws Exception {
        byte[] frame = CstaFraming.frame(9999, DELIVERED);
        IoBuffer direct = IoBuffer.allocate(frame.length, true);
        direct.put(frame).flip();
        decoder.decode(session, direct, session.getDecoderOutput());
        assertInstanceOf(Delivered.class, ((CstaPdu) session.getDecoderOutputQueue().poll()).message());
    }

    @Test
    void garbageWithoutAnyHeaderIsDiscardedWithoutBuffering() throws Exception {
        byte[] junk = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertTrue(feed(junk).isEmpty());
        assertTrue(counters.badFrames() >= 1);
        assertGoodFrameStillDecodes();
    }
}
