package org.ccs.csta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.ccs.csta.message.ConnectionId;
import org.ccs.csta.message.CstaEvent;
import org.ccs.csta.message.DeviceId;
import org.ccs.csta.message.Sensitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** IVR-collected digits from each source the PBX may use. */
class IvrDigitsTest {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final String HEX_4711 = "34373131";

    private static ConnectionId c(String device) {
        return new ConnectionId("C1", device);
    }

    private static DeviceId d(String device) {
        return DeviceId.of(device);
    }

    private static CompletedCall play(DigitsSource source) {
        List<CompletedCall> calls = new ArrayList<>();
        MutableClock clock = new MutableClock(T0);
        CallTracker t = new CallTracker(Set.of("4000"), Set.of("2001"), "GB", null, source, calls::add, clock);
        t.onEvent(new CstaEvent.Delivered("M1", c("4000"), d("4000"), d("+442079460123"), d("4000"), null, "alerting",
                null, null, "newCall"));
        t.onEvent(new CstaEvent.Established("M1", c("4000"), d("4000"), d("+442079460123"), d("4000"), null, null, null,
                "newCall"));
        for (String digit : List.of("4", "7", "1", "1")) {
            t.onEvent(new CstaEvent.DtmfDetected("M1", c("4000"), new Sensitive(digit), null));
        }
        t.onEvent(new CstaEvent.CallInformation("M1", c("4000"), d("4000"), null, new Sensitive("4711"), null, null,
                new Sensitive(HEX_4711)));
        clock.advance(Duration.ofSeconds(5));
        t.onEvent(new CstaEvent.Delivered("M2", c("2001"), d("2001"), d("+442079460123"), d("4000"), d("4000"),
                "alerting", new Sensitive(HEX_4711), new Sensitive(HEX_4711), "distributed"));
        t.onEvent(new CstaEvent.Established("M2", c("2001"), d("2001"), d("+442079460123"), d("4000"), d("4000"), null,
                null, "distributed"));
        // keyed while talking to the agent (a card number, say): never kept
        t.onEvent(new CstaEvent.DtmfDetected("M2", c("2001"), new Sensitive("9"), null));
        t.onEvent(new CstaEvent.DigitsDialed("M2", c("2001"), d("2001"), new Sensitive("5555"), null));
        t.onEvent(new CstaEvent.CallCleared("M2", new ConnectionId("C1", null), "normalClearing"));
        return calls.get(0);
    }

    @ParameterizedTest
    @EnumSource(value = DigitsSource.class, names = {"USER_DATA", "CORRELATOR_DATA", "CALL_INFORMATION", "DTMF"})
    void everySourceFindsTheDigits(DigitsSource source) {
        CompletedCall call = play(source);
        assertEquals("4711", call.ivrDigits());
        assertEquals(HEX_4711, call.userData());
        assertEquals(HEX_4711, call.correlatorData());
    }

    @Test
    void noSourceNoDigits() {
        assertNull(play(DigitsSource.NONE).ivrDigits());
    }

    @Test
    void octetsAreReadAsAsciiWhenTheyAreAndAsWrittenOtherwise() {
        assertEquals("4711", IvrDigits.fromOctets("34373131"));
        assertEquals("12*#", IvrDigits.fromOctets("31322A23"));
        assertEquals("4711", IvrDigits.fromOctets("4711"), "0x47 0x11 is not text: the digits as written");
        assertEquals("123", IvrDigits.fromOctets("acct=123"));
        assertNull(IvrDigits.fromOctets("41424344"), "ABCD: no digits");
        assertNull(IvrDigits.fromOctets(null));
        assertEquals(IvrDigits.MAX_DIGITS, IvrDigits.keep("1".repeat(500)).length());
    }
}
