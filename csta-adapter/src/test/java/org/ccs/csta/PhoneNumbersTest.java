package org.ccs.csta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "+442079460123",
            "N<+44 20 7946 0123>",
            "+442079460123;phone-context=+44",
            "sip:+442079460123@pbx.example.com",
            "SIP:+442079460123@pbx;user=phone",
            "tel:+44-20-7946-0123",
            "020 7946 0123",
            "02079460123",
            "(020) 7946-0123",
            "0044 20 7946 0123",
            "0020794601 23",
            " +44 (0)20 7946 0123 "})
    void decoratedIdentifiersBecomeE164(String raw) {
        assertEquals("+442079460123", PhoneNumbers.normalize(raw, "GB"));
    }

    @Test
    void regionMayBeGivenAsCallingCode() {
        assertEquals("+442079460123", PhoneNumbers.normalize("020 7946 0123", "44"));
        assertEquals("+442079460123", PhoneNumbers.normalize("020 7946 0123", "+44"));
    }

    @Test
    void configuredAccessCodeIsRemoved() {
        assertEquals("+442079460123", PhoneNumbers.normalize("9 020 7946 0123", "GB", "9"));
        assertEquals("+442079460123", PhoneNumbers.normalize("0020794601 23", "GB", "0"));
        assertEquals("+4930123456789", PhoneNumbers.normalize("0030123456789", "DE", "0"));
    }

    @Test
    void otherCountriesKeepTheirCode() {
        assertEquals("+4930123456", PhoneNumbers.normalize("+49 30 123456", "GB"));
        assertEquals("+12015550123", PhoneNumbers.normalize("sip:+1-201-555-0123@gw", "GB"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "2001", "sip:agent@pbx", "N<>", "notKnown", "+44+44"})
    void nonNumbersGiveNull(String raw) {
        assertNull(PhoneNumbers.normalize(raw, "GB"));
    }

    @Test
    void nullGivesNull() {
        assertNull(PhoneNumbers.normalize(null, "GB"));
    }

    @Test
    void maskingKeepsOnlyTheLastThreeDigits() {
        assertEquals("***123", Masking.number("+442079460123"));
        assertEquals("caller N<+## ## #### #123> at #000", Masking.digits("caller N<+44 20 7946 0123> at 4000"));
        assertEquals("call C1 id 42", Masking.digits("call C1 id 42"));
    }
}
