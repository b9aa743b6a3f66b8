package org.ccs.csta.codec;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.ccs.csta.CstaCounters;
import org.ccs.csta.message.CstaMessage;
import org.ccs.csta.message.CstaMessages;
import org.ccs.csta.message.MalformedMessageException;
import org.ccs.csta.message.XmlElement;
import org.ccs.csta.message.XmlParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes ECMA-323 Annex J.2 frames into {@link CstaPdu}s. Waits until a whole frame is buffered, then
 * decodes only that frame's bytes as UTF-8 XML. A bad frame is logged (never its content), counted and
 * skipped; the link stays up:
 * <ul>
 * <li>format indicator not 0, length below 8, invoke id not four ASCII digits, or a NUL byte anywhere
 * from byte 4 of the frame to its end: the header cannot be trusted (the invoke id is digits and XML never
 * contains NUL, so a NUL means the length field lied or a header was damaged), so bytes are discarded up
 * to the next place that looks like a frame header ({@code 00 00}, a length of at least 9, four digits), or
 * the whole buffer. This is checked as bytes arrive, so a lying length never holds back the frames
 * behind it;</li>
 * <li>body not UTF-8, not well-formed, or carrying a DTD: that frame is skipped by its length;</li>
 * <li>well-formed but unknown root element: counted as unknown and ignored.</li>
 * </ul>
 * The buffer of {@link CumulativeProtocolDecoder} lives in the session and never holds more than one
 * incomplete frame (at most 65,535 bytes) between reads. The decoder itself keeps per-session state (its
 * XML reader, how much of the current frame was checked), so {@link CstaCodecFactory} makes one per session.
 * Bad frames are counted one by one but logged at WARN only for the first few and then at most once a
 * minute with the number left out, so a PBX sending garbage cannot flood the log.
 */
public class CstaDecoder extends CumulativeProtocolDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(CstaDecoder.class);
    private static final int LOGGED_IN_FULL = 10;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final String NUL = "NUL byte inside the frame (length field not to be trusted)";

    private final CstaCounters counters;
    private final XmlParser parser = new XmlParser();

    /** Bytes of the current frame, from its byte 4 on, already checked (digits, no NUL). */
    private int checked;
    /** Copy of a frame when the buffer is not backed by an array. */
    private byte[] scratch;
    private long badFramesLogged;
    private long badFramesNotLogged;
    private long lastLogNanos;

    public CstaDecoder(CstaCounters counters) {
        this.counters = Objects.requireNonNull(counters, "counters are required");
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        int start = in.position();
        int available = in.remaining();
        if (available < 2) {
            return false;
        }
        if (in.getUnsignedShort(start) != 0) {
            return resynchronise(in, "format indicator is not 0");
        }
        if (available < 4) {
            return false;
        }
        int length = in.getUnsignedShort(start + 2);
        if (length < CstaFraming.HEADER_LENGTH) {
            return resynchronise(in, "length below header size");
        }
        String damage = check(in, start, Math.min(length, available));
        if (damage != null) {
            return resynchronise(in, damage);
        }
        if (available < length) {
            return false; // wait for the rest of the frame
        }
        checked = 0;
        in.position(start + length); // the frame is consumed whatever follows
        int invokeId = invokeId(in, start + 4);
        XmlElement root;
        try {
            root = parse(in, start + CstaFraming.HEADER_LENGTH, length - CstaFraming.HEADER_LENGTH);
        } catch (MalformedMessageException e) {
            dropped(e.getMessage(), invokeId, length);
            return true;
        }
        CstaMessage message;
        try {
            message = CstaMessages.decode(root);
        } catch (RuntimeException e) {
            // a known element whose content breaks a record's rules; the exception may quote content
            dropped(root.name() + " content not understood (" + e.getClass().getSimpleName() + ")", invokeId, length);
            return true;
        }
        counters.frameIn();
        if (message == null) {
            counters.unknownMessage();
            LOG.debug("CSTA message {} (invoke id {}) not handled, ignored", root.name(), invokeId);
            return true;
        }
        out.write(new CstaPdu(invokeId, message));
        return true;
    }

    /**
     * Checks the frame's bytes from 4 to {@code end} not checked before: four ASCII digits, then no NUL.
     *
     * @return what is wrong, or null
     */
    private String check(IoBuffer in, int start, int end) {
        int from = 4 + checked;
        if (from >= end) {
            return null;
        }
        for (int i = from; i < Math.min(end, CstaFraming.HEADER_LENGTH); i++) {
            byte b = in.get(start + i);
            if (b < '0' || b > '9') {
                return "invoke id is not 4 digits";
            }
        }
        int bodyFrom = Math.max(from, CstaFraming.HEADER_LENGTH);
        if (in.hasArray()) {
            byte[] a = in.array();
            int base = in.arrayOffset() + start;
            for (int i = bodyFrom; i < end; i++) {
                if (a[base + i] == 0) {
                    return NUL;
                }
            }
        } else {
            for (int i = bodyFrom; i < end; i++) {
                if (in.get(start + i) == 0) {
                    return NUL;
                }
            }
        }
        checked = end - 4;
        return null;
    }

    private XmlElement parse(IoBuffer in, int from, int length) throws MalformedMessageException {
        if (in.hasArray()) {
            return parser.parse(in.array(), in.arrayOffset() + from, length);
        }
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, 1024)];
        }
        for (int i = 0; i < length; i++) {
            scratch[i] = in.get(from + i);
        }
        return parser.parse(scratch, 0, length);
    }

    private static int invokeId(IoBuffer in, int at) {
        int id = 0;
        for (int i = 0; i < 4; i++) {
            id = id * 10 + (in.get(at + i) - '0');
        }
        return id;
    }

    private void dropped(String reason, int invokeId, int length) {
        counters.badFrame();
        if (shouldLog()) {
            LOG.warn("CSTA frame dropped: {} (invoke id {}, {} bytes){}", reason, CstaFraming.invokeIdText(invokeId),
                    length, notLoggedSuffix());
        }
    }

    /** Discards bytes up to the next plausible frame header, or all of them. */
    private boolean resynchronise(IoBuffer in, String reason) {
        int start = in.position();
        int limit = in.limit();
        int next = limit;
        for (int i = start + 1; i < limit; i++) {
            if (plausibleHeader(in, i, limit)) {
                next = i;
                break;
            }
        }
        checked = 0;
        counters.badFrame();
        if (shouldLog()) {
            LOG.warn("CSTA frame header invalid: {}; discarded {} bytes to resynchronise{}", reason, next - start,
                    notLoggedSuffix());
        }
        in.position(next);
        return true;
    }

    private boolean shouldLog() {
        long now = System.nanoTime();
        if (badFramesLogged < LOGGED_IN_FULL || now - lastLogNanos >= LOG_INTERVAL_NANOS) {
            badFramesLogged++;
            lastLogNanos = now;
            return true;
        }
        badFramesNotLogged++;
        return false;
    }

    private String notLoggedSuffix() {
        if (badFramesNotLogged == 0) {
            return badFramesLogged == LOGGED_IN_FULL ? "; further bad frames are logged at most once a minute" : "";
        }
        String s = "; " + badFramesNotLogged + " more bad frame(s) since the last such line, not logged";
        badFramesNotLogged = 0;
        return s;
    }

    /** Whether the bytes available from {@code at} could start a frame (partial headers count). */
    private static boolean plausibleHeader(IoBuffer in, int at, int limit) {
        if (in.get(at) != 0) {
            return false;
        }
        if (at + 1 < limit && in.get(at + 1) != 0) {
            return false;
        }
        if (at + 3 < limit && in.getUnsignedShort(at + 2) < CstaFraming.HEADER_LENGTH + 1) {
            return false;
        }
        for (int i = at + 4; i < at + 8 && i < limit; i++) {
            int b = in.get(i);
            if (b < '0' || b > '9') {
                return false;
            }
        }
        return true;
    }
}
