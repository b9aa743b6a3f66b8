package org.ccs.server.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccs.csta.CstaLinkConfig;
import org.ccs.csta.DigitsSource;
import org.ccs.csta.SessionStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkSettingsTest {

    private final Map<String, String> values = new HashMap<>();
    private final LinkSettings settings = new LinkSettings(k -> Optional.ofNullable(values.get(k)));

    private CstaLinkConfig config() {
        return settings.config("pbx.example.com", List.of("4000"), List.of("2001"));
    }

    @Test
    void defaultsArePbxFirstPlainTcpWithoutDigits() {
        CstaLinkConfig c = config();
        assertEquals(SessionStyle.PBX_FIRST, c.sessionStyle());
        assertEquals(8800, c.port());
        assertNull(c.tls());
        assertEquals(DigitsSource.NONE, c.digitsSource());
        assertEquals(List.of("4000", "2001"), c.monitoredDevices());
    }

    @Test
    void everyOptionIsTakenFromTheSettings() {
        values.put("ccs.csta.port", "4721");
        values.put("ccs.csta.session", "application-session");
        values.put("ccs.csta.application.id", "CCS-SITE-A");
        values.put("ccs.csta.user", "cti");
        values.put("ccs.csta.password", "s3cret-for-test");
        values.put("ccs.csta.digits.source", "call_information");
        values.put("ccs.csta.keepalive.seconds", "20");
        values.put("ccs.csta.session.seconds", "300");
        values.put("ccs.csta.access.code", "9");
        CstaLinkConfig c = config();
        assertEquals(4721, c.port());
        assertEquals(SessionStyle.APPLICATION_SESSION, c.sessionStyle());
        assertEquals("CCS-SITE-A", c.applicationId());
        assertEquals("cti", c.sessionUser());
        assertEquals(DigitsSource.CALL_INFORMATION, c.digitsSource());
        assertEquals(Duration.ofSeconds(20), c.keepAliveInterval());
        assertEquals(Duration.ofSeconds(300), c.sessionDuration());
        assertEquals("9", c.accessCode());
        assertFalse(c.toString().contains("s3cret-for-test"), "the password is not shown");
    }

    @Test
    void aWrongValueIsRefusedNamingTheSettingAndWhatItTakes() {
        values.put("ccs.csta.session", "soap");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::config);
        assertTrue(e.getMessage().contains("ccs.csta.session") && e.getMessage().contains("application-session"),
                e.getMessage());
        values.remove("ccs.csta.session");

        values.put("ccs.csta.port", "88000");
        e = assertThrows(IllegalArgumentException.class, this::config);
        assertTrue(e.getMessage().contains("ccs.csta.port") && e.getMessage().contains("65535"), e.getMessage());
        values.remove("ccs.csta.port");

        values.put("ccs.csta.user", "cti");
        e = assertThrows(IllegalArgumentException.class, this::config);
        assertTrue(e.getMessage().contains("CCS_CSTA_PASSWORD"), e.getMessage());
        values.remove("ccs.csta.user");

        values.put("ccs.csta.tls", "true");
        e = assertThrows(IllegalArgumentException.class, this::config);
        assertTrue(e.getMessage().contains("ccs.csta.tls.truststore"), e.getMessage());
        values.put("ccs.csta.tls.truststore", "/nonexistent/pbx-ca.p12");
        e = assertThrows(IllegalArgumentException.class, this::config);
        assertTrue(e.getMessage().contains("not a readable file"), e.getMessage());

        values.put("ccs.csta.store.batch", "0");
        e = assertThrows(IllegalArgumentException.class, settings::storeBatch);
        assertTrue(e.getMessage().contains("ccs.csta.store.batch") && e.getMessage().contains("5000"), e.getMessage());

        values.put("ccs.csta.tls", "perhaps");
        e = assertThrows(IllegalArgumentException.class, this::config);
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void tlsWithATrustStoreGivesATlsLink(@TempDir Path dir) throws Exception {
        Path trust = dir.resolve("pbx-ca.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (OutputStream o = Files.newOutputStream(trust)) {
            ks.store(o, "changeit".toCharArray());
        }
        values.put("ccs.csta.tls", "true");
        values.put("ccs.csta.tls.truststore", trust.toString());
        values.put("ccs.csta.tls.truststore.password", "changeit");
        CstaLinkConfig c = config();
        assertNotNull(c.tls());
        assertTrue(c.verifyHostname());

        values.put("ccs.csta.tls.truststore.password", "wrong");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::config);
        assertTrue(e.getMessage().contains("cannot be read") && !e.getMessage().contains("wrong"), e.getMessage());
    }
}
