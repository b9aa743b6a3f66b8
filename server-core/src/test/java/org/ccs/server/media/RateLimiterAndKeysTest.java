package org.ccs.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Token buckets with a clock moved by hand; access keys checked against their slow hash and remembered. */
class RateLimiterAndKeysTest {

    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-03-02T09:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void aBurstPassesThenOneRequestPerInterval() {
        HandClock clock = new HandClock();
        RateLimiter limiter = new RateLimiter(clock, 3, Duration.ofSeconds(1));
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"), "the burst is used up");
        assertTrue(limiter.tryAcquire("b"), "each key has its own allowance");
        clock.now = clock.now.plusMillis(999);
        assertFalse(limiter.tryAcquire("a"));
        clock.now = clock.now.plusMillis(1);
        assertTrue(limiter.tryAcquire("a"), "one more after the interval");
        assertFalse(limiter.tryAcquire("a"));
        clock.now = clock.now.plusSeconds(60);
        int passed = 0;
        while (limiter.tryAcquire("a")) {
            passed++;
        }
        assertEquals(3, passed, "a long pause refills the burst, not more");
    }

    @Test
    void keysAreVerifiedAgainstTheirHashAndWrongOnesRefused() {
        String key = AccessKeys.newKey();
        assertEquals(43, key.length(), "256 random bits, URL-safe");
        assertNotEquals(key, AccessKeys.newKey());
        String hash = AccessKeys.hash(key);
        assertTrue(hash.startsWith("PBKDF2WithHmacSHA512:"));
        AccessKeys keys = new AccessKeys();
        assertFalse(keys.verify("chat:1", hash, "wrong"));
        assertTrue(keys.verify("chat:1", hash, key));
        assertTrue(keys.verify("chat:1", hash, key), "remembered: no second PBKDF2 run needed");
        assertFalse(keys.verify("chat:1", hash, key + "x"));
        String renewed = AccessKeys.newKey();
        String newHash = AccessKeys.hash(renewed);
        assertFalse(keys.verify("chat:1", newHash, key), "a renewed key makes the old one fail");
        assertTrue(keys.verify("chat:1", newHash, renewed));
        assertFalse(keys.verify("chat:1", null, key), "no key configured: nothing passes");
    }

    @Test
    void chatTokensAreComparedByTheirHash() {
        String token = AccessKeys.newToken();
        String stored = AccessKeys.sha256Hex(token);
        assertEquals(64, stored.length());
        assertTrue(AccessKeys.tokenMatches(token, stored));
        assertFalse(AccessKeys.tokenMatches(token + "x", stored));
        assertFalse(AccessKeys.tokenMatches(null, stored));
    }

    @Test
    void openMediaSendersAreNormalised() {
        assertEquals("+442079460123", TextChannels.normalizeSender("+44 20 7946 0123"));
        assertEquals("+442079460123", TextChannels.normalizeSender("+44 (20) 7946-0123"));
        assertEquals("+442079460123", TextChannels.normalizeSender("020 7946 0123", "GB"),
                "a national number gets the site's country, like a caller's");
        assertEquals("+442079460123", TextChannels.normalizeSender("0044 20 7946 0123", "GB"));
        assertEquals("12345", TextChannels.normalizeSender("12345", "GB"), "a short code stays digits");
        assertEquals("someone@example.com", TextChannels.normalizeSender("Someone@Example.com"));
        assertEquals("@shop_fan", TextChannels.normalizeSender("@Shop_Fan"));
    }
}
