package org.ccs.csta.message;

import java.util.Objects;

import org.ccs.csta.Presentation;

/**
 * A CSTA device identifier as it came over the wire: the raw string is kept untouched (it may be
 * decorated, e.g. {@code N<+44 20 7946 0123>}); {@code <notKnown/>} and {@code <restricted/>} are kept
 * as such with a null raw value.
 */
public record DeviceId(String raw, Presentation presentation) {

    public static final DeviceId NOT_KNOWN = new DeviceId(null, Presentation.NOT_KNOWN);
    public static final DeviceId RESTRICTED = new DeviceId(null, Presentation.RESTRICTED);

    public DeviceId {
        Objects.requireNonNull(presentation, "presentation is required");
        if (presentation == Presentation.AVAILABLE) {
            Objects.requireNonNull(raw, "raw identifier is required when available");
        } else {
            raw = null;
        }
    }

    public static DeviceId of(String raw) {
        return new DeviceId(raw, Presentation.AVAILABLE);
    }

    /** Null-safe: the raw identifier or null. */
    public static String rawOf(DeviceId id) {
        return id == null ? null : id.raw();
    }

    public boolean isAvailable() {
        return presentation == Presentation.AVAILABLE;
    }

    @Override
    public String toString() {
        return isAvailable() ? raw : presentation.name();
    }
}
