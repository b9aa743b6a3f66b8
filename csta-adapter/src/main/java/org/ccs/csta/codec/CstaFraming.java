package org.ccs.csta.codec;

import java.nio.charset.StandardCharsets;

/**
 * ECMA-323 Annex J.2 framing (CSTA XML over TCP without SOAP). Each frame is an 8-byte header and the
 * XML body:
 * <pre>
 *  bytes 0-1  format indicator, 0x0000
 *  bytes 2-3  length of the WHOLE frame (8 + body bytes), unsigned 16 bit big-endian
 *  bytes 4-7  invoke id, 4 ASCII digits 0000-9999 (9999 = unsolicited event)
 *  bytes 8..  XML body, UTF-8
 * </pre>
 */
public final class CstaFraming {

    public static final int HEADER_LENGTH = 8;
    public static final int MAX_FRAME_LENGTH = 0xFFFF;
    public static final int MAX_BODY_LENGTH = MAX_FRAME_LENGTH - HEADER_LENGTH;

    private CstaFraming() {
    }

    public static String invokeIdText(int invokeId) {
        if (invokeId < 0 || invokeId > 9999) {
            throw new IllegalArgumentException("invoke id must be 0000-9999: " + invokeId);
        }
        char[] c = new char[4];
        for (int i = 3; i >= 0; i--) {
            c[i] = (char) ('0' + invokeId % 10);
            invokeId /= 10;
        }
        return new String(c);
    }

    /** A whole frame for a body (used by the encoder, the simulator and tests). */
    public static byte[] frame(int invokeId, String xmlBody) {
        byte[] body = xmlBody.getBytes(StandardCharsets.UTF_8);
        if (body.length > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("CSTA body of " + body.length + " bytes exceeds " + MAX_BODY_LENGTH);
        }
        int length = HEADER_LENGTH + body.length;
        byte[] out = new byte[length];
        out[0] = 0;
        out[1] = 0;
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        byte[] id = invokeIdText(invokeId).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, out, 4, 4);
        System.arraycopy(body, 0, out, HEADER_LENGTH, body.length);
        return out;
    }
}
