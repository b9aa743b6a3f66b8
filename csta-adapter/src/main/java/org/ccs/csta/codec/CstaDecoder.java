package org.ccs.csta.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

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
 * <li>format indicator not 0 or length below 8: the length cannot be trusted, so bytes are discarded up
 * to the next place that looks like a frame header (XML never contains NUL bytes, so {@code 00 00}
 * followed by a length and four digits is a reliable marker), or the whole buffer;</li>
 * <li>invoke id not four digits, body not UTF-8, not well-formed, or carrying a DTD: that frame is skipped
 * by its length;</li>
 * <li>well-formed but unknown root element: counted as unknown and ignored.</li>
 * </ul>
 * State lives in the session (the accumulated buffer of {@link CumulativeProtocolDecoder}); one instance
 * may serve several sessions.
 */
public class CstaDecoder extends CumulativeProtocolDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(CstaDecoder.class);

    private final CstaCounters counters;

    public CstaDecoder(CstaCounters counters) {
        this.counters = Objects.requireNonNull(counters, "counters are required");
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        int start = in.position();
        int available = in.remaining();
        if (available < 4) {
            if (available >= 2 && in.getUnsignedShort(start) != 0) {
                return resynchronise(in, "format indicator is not 0");
            }
            return false;
        }
        int format = in.getUnsignedShort(start);
        int length = in.getUnsignedShort(start + 2);
        if (format != 0) {
            return resynchronise(in, "format indicator is not 0");
        }
        if (length < CstaFraming.HEADER_LENGTH) {
            return resynchronise(in, "length below header size");
        }
        if (available < length) {
            return false; // wait for the rest of the frame
        }
        int invokeId = invokeId(in, start + 4);
        int bodyStart = start + CstaFraming.HEADER_LENGTH;
        int bodyLength = length - CstaFraming.HEADER_LENGTH;
        in.position(start + length); // the frame is consumed whatever follows
        if (invokeId < 0) {
            dropped("invoke id is not 4 digits", -1, length);
            return true;
        }
        String xml;
        try {
            xml = utf8(in, bodyStart, bodyLength);
        } catch (CharacterCodingException e) {
            dropped("body is not UTF-8", invokeId, length);
            return true;
        }
        XmlElement root;
        try {
            root = XmlParser.parse(xml);
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

    private static int invokeId(IoBuffer in, int at) {
        int id = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.get(at + i);
            if (b < '0' || b > '9') {
                return -1;
            }
            id = id * 10 + (b - '0');
        }
        return id;
    }

    private static String utf8(IoBuffer in, int from, int length) throws CharacterCodingException {
        ByteBuffer slice = in.buf().duplicate();
        slice.limit(from + length).position(from);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = dec.decode(slice);
        return chars.toString();
    }

    private void dropped(String reason, int invokeId, int length) {
        counters.badFrame();
        LOG.warn("CSTA frame dropped: {} (invoke id {}, {} bytes)", reason,
                invokeId < 0 ? "?" : CstaFraming.invokeIdText(invokeId), length);
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
        counters.badFrame();
        LOG.warn("CSTA frame header invalid: {}; discarded {} bytes to resynchronise", reason, next - start);
        in.position(next);
        return true;
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
