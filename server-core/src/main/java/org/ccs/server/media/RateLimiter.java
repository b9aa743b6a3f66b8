package org.ccs.server.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (a client address, a chat, a connector): {@code burst} requests at once, then
 * one per {@code every}. Buckets idle for long are forgotten. Plain Java, injectable clock.
 */
public final class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final int burst;
    private final long nanosPerToken;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        Instant at;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(Clock clock, int burst, Duration every) {
        this.clock = Objects.requireNonNull(clock, "clock is required");
        if (burst < 1 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive interval");
        }
        this.burst = burst;
        this.nanosPerToken = every.toNanos();
    }

    /** Takes one request's token; false when the key has used up its allowance. */
    public boolean tryAcquire(String key) {
        Instant now = clock.instant();
        if (buckets.size() > MAX_KEYS) {
            Instant old = now.minusNanos(nanosPerToken * burst);
            buckets.values().removeIf(b -> b.at.isBefore(old));
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            double refill = (double) Duration.between(b.at, now).toNanos() / nanosPerToken;
            b.tokens = Math.min(burst, b.tokens + Math.max(0, refill));
            b.at = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }
}
