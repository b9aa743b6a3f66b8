package org.ccs.server.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DialNumbersTest {

    @Test
    void keepsDigitsAndALeadingPlus() {
        assertEquals("+442079460123", DialNumbers.dialable(" +44 (20) 7946-0123 "));
        assertEquals("02079460123", DialNumbers.dialable("020 7946 0123"));
        assertEquals("2002", DialNumbers.dialable("2002"));
    }

    @Test
    void refusesWhatIsNotANumber() {
        assertThrows(IllegalArgumentException.class, () -> DialNumbers.dialable(""));
        assertThrows(IllegalArgumentException.class, () -> DialNumbers.dialable("call me"));
        assertThrows(IllegalArgumentException.class, () -> DialNumbers.dialable("+44+20"));
        assertThrows(IllegalArgumentException.class, () -> DialNumbers.dialable("1".repeat(21)));
        assertThrows(IllegalArgumentException.class, () -> DialNumbers.dialable("2002;phone-context=x"));
    }
}
