package org.ccs.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void verifiesTheRightPasswordOnly() {
        String stored = PasswordHasher.hash("correct horse".toCharArray(), 1_000);
        assertTrue(PasswordHasher.verify("correct horse".toCharArray(), stored));
        assertFalse(PasswordHasher.verify("correct hors".toCharArray(), stored));
        assertFalse(PasswordHasher.verify("".toCharArray(), stored));
    }

    @Test
    void isSaltedAndSlowAndCarriesItsParameters() {
        String a = PasswordHasher.hash("same".toCharArray());
        String b = PasswordHasher.hash("same".toCharArray());
        assertNotEquals(a, b, "two hashes of one password differ by their salt");
        String[] parts = a.split(":");
        assertEquals(4, parts.length);
        assertEquals("PBKDF2WithHmacSHA512", parts[0]);
        assertTrue(Integer.parseInt(parts[1]) >= 210_000, "iteration count");
        assertFalse(a.contains("same"));
    }

    @Test
    void oldIterationCountsStillVerify() {
        String old = PasswordHasher.hash("pw-123456".toCharArray(), 50_000);
        assertTrue(PasswordHasher.verify("pw-123456".toCharArray(), old));
    }

    @Test
    void unreadableHashesDoNotVerify() {
        assertFalse(PasswordHasher.verify("x".toCharArray(), "plain-text"));
        assertFalse(PasswordHasher.verify("x".toCharArray(), "MD5:1:abc:def"));
        assertFalse(PasswordHasher.verify("x".toCharArray(), "PBKDF2WithHmacSHA512:many:abc:def"));
        assertFalse(PasswordHasher.verify("x".toCharArray(), null));
    }

    @Test
    void randomPasswordsAreLongAndDifferent() {
        String p = PasswordHasher.randomPassword(20);
        assertEquals(20, p.length());
        assertNotEquals(p, PasswordHasher.randomPassword(20));
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.randomPassword(8));
    }
}
