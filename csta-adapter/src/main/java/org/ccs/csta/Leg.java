package org.ccs.csta;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One stretch of a call at one device. HOLD legs lie inside the TALK leg of the same device. */
public record Leg(LegType legType, String device, Instant startedAt, Instant endedAt) {

    public Leg {
        Objects.requireNonNull(legType, "legType is required");
        Objects.requireNonNull(startedAt, "startedAt is required");
        Objects.requireNonNull(endedAt, "endedAt is required");
        if (endedAt.isBefore(startedAt)) {
            endedAt = startedAt;
        }
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }
}
