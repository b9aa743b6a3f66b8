package org.ccs.server.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContactRecordTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static ContactRecord.Builder valid() {
        return ContactRecord.builder().channel(Channel.VOICE).sourceRef("csta:C1:1")
                .caller("+442079460123", "+442079460123", CallerPresentation.AVAILABLE)
                .period(T0, T0.plusSeconds(5), T0.plusSeconds(65)).durations(5, 0, 60, 0)
                .outcome(Outcome.ANSWERED).createdAt(T0.plusSeconds(66));
    }

    @Test
    void guardsItsFacts() {
        assertEquals(60, valid().build().talkTime().toSeconds());
        assertThrows(NullPointerException.class, () -> valid().channel(null).build());
        assertThrows(IllegalArgumentException.class, () -> valid().sourceRef(" ").build());
        assertThrows(IllegalArgumentException.class, () -> valid().period(T0, null, T0.minusSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> valid().durations(-1, 0, 0, 0).build());
        assertThrows(NullPointerException.class, () -> valid().outcome(null).build());
    }
}
