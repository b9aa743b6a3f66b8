package org.ccs.server.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SiteTimeTest {

    @Test
    void showsUtcInstantsInTheSiteZone() {
        Instant summer = Instant.parse("2026-07-01T12:00:00Z");
        Instant winter = Instant.parse("2026-12-01T12:00:00Z");
        SiteTime london = new SiteTime(ZoneId.of("Europe/London"));
        assertEquals("2026-07-01 13:00:00", london.format(summer));
        assertEquals("2026-12-01 12:00:00", london.format(winter));
        assertEquals("", london.format(null));
    }
}
