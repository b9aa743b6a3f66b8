package org.ccs.server.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContactDataProtectionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static ContactRecord record(String ref) {
        return ContactRecord.builder().channel(Channel.VOICE).sourceRef(ref).period(T0, null, T0.plusSeconds(5))
                .outcome(Outcome.ABANDONED_QUEUE).designatedNumber("4000").createdAt(T0).build();
    }

    @Test
    void digitsAreMaskedToTheirLastTwo() {
        assertEquals("**11", ContactDataProtection.mask("4711"));
        assertEquals("**********12", ContactDataProtection.mask("123456789012"));
        assertEquals("*", ContactDataProtection.mask("7"));
        assertEquals("**", ContactDataProtection.mask("12"), "two digits are not shown at all");
        assertTrue(ContactDataProtection.mask("9".repeat(200)).length() <= 64, "fits masked_value varchar(64)");
    }

    @Test
    void withoutAKeyOnlyTheMaskedFormIsKept() {
        ContactData d = ContactDataProtection.maskingOnly().digits(record("csta:C1:1"), 1, "4711", T0);
        assertEquals("ivr_digits", d.dataKey());
        assertEquals("**11", d.maskedValue());
        assertNull(d.encryptedValue());
        assertFalse(d.toString().contains("4711"));
    }

    @Test
    void withAKeyTheValueIsEncryptedBoundToItsContactAndComesBackWithTheKeyOnly() {
        byte[] key = new byte[32];
        key[0] = 1;
        ContactDataProtection p = ContactDataProtection.withKey(key, "site-1");
        ContactRecord r = record("csta:C1:1");
        ContactData d = p.digits(r, 1, "4711", T0);
        assertEquals("site-1", d.keyId());
        assertFalse(new String(Base64.getDecoder().decode(d.encryptedValue()), StandardCharsets.ISO_8859_1).contains("4711"));
        assertEquals("4711", p.decrypt(d));
        assertNotEquals(d.encryptedValue(), p.digits(r, 1, "4711", T0).encryptedValue(), "a fresh IV each time");

        ContactData moved = ContactData.maskedAndEncrypted(record("csta:C2:1"), 1, "ivr_digits", "**11",
                d.encryptedValue(), "site-1", T0);
        assertThrows(IllegalStateException.class, () -> p.decrypt(moved), "bound to its contact");
        byte[] other = new byte[32];
        assertThrows(IllegalStateException.class, () -> ContactDataProtection.withKey(other, "site-2").decrypt(d));
    }

    @Test
    void printableUserDataIsReadAsTextOtherwiseKeptAsHex() {
        assertEquals("4711", ContactDataProtection.printable("34373131"));
        assertEquals("00ff10", ContactDataProtection.printable("00ff10"));
        assertEquals("not hex", ContactDataProtection.printable("not hex"));
        ContactData d = ContactDataProtection.maskingOnly().userData(record("csta:C1:1"), 2, "34373131", T0);
        assertEquals("user_data", d.dataKey());
        assertEquals("**11", d.maskedValue());
    }

    @Test
    void aKeyOfTheWrongSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContactDataProtection.withKey(new byte[16], "k"));
        assertTrue(e.getMessage().contains("32 bytes"));
    }
}
