package org.ccs.server.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps are stored in UTC and shown in the site's time zone (ccs.site.timezone, an IANA zone
 * such as Europe/London; the server's zone when unset). Used by the pages as {@code #{siteTime}}.
 */
@Named("siteTime")
@ApplicationScoped
public class SiteTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    public SiteTime() {
        this(Settings.get("ccs.site.timezone").map(SiteTime::zone).orElse(ZoneId.systemDefault()));
    }

    SiteTime(ZoneId zone) {
        this.zone = zone;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("setting ccs.site.timezone: '" + id + "' is not a time zone (e.g. Europe/London)");
        }
    }

    /** The instant as local date and time of the site, or an empty string. */
    public String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant.atZone(zone));
    }

    public String zoneId() {
        return zone.getId();
    }
}
