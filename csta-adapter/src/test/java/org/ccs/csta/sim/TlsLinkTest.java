package org.ccs.csta.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.ccs.csta.CompletedCall;
import org.ccs.csta.ContactEventListener;
import org.ccs.csta.CstaLink;
import org.ccs.csta.CstaLinkConfig;
import org.ccs.csta.CstaTls;
import org.ccs.csta.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link over TLS (MINA SslFilter on both sides), with a self-signed key pair for 127.0.0.1 generated
 * for the test by the JDK's keytool; the link trusts exactly that certificate and checks the host name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsLinkTest {

    private static final char[] PASSWORD = "test-only-password".toCharArray();

    private PbxSimulator sim;
    private KeyStore trusted;

    @BeforeAll
    void keyPairAndSimulator(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("pbx.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "pbx", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(Files.size(keyStore) > 0);

        KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD);
        trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("pbx", keys.getCertificate("pbx"));

        sim = PbxSimulator.start(0, PbxSimulator.Options.defaults()
                .withTls(CstaTls.serverContext(keyStore, PASSWORD)).withSpeed(4));
    }

    @AfterAll
    void closeSimulator() {
        sim.close();
    }

    private CstaLink link(SSLContext tls, ContactEventListener listener) {
        return new CstaLink(CstaLinkConfig.builder()
                .host("127.0.0.1").port(sim.port())
                .tls(tls)
                .designatedDevices(List.of("4000"))
                .agentExtensions(List.of("2001", "2002"))
                .initialBackoff(Duration.ofMillis(200))
                .requestTimeout(Duration.ofSeconds(3))
                .build(), listener);
    }

    @Test
    void callsArriveOverTls() throws Exception {
        BlockingQueue<CompletedCall> calls = new LinkedBlockingQueue<>();
        try (CstaLink link = link(CstaTls.context(null, null, trusted), calls::add)) {
            link.start();
            assertTrue(sim.awaitClient(Duration.ofSeconds(10)), "TLS handshake, session and monitors");
            PbxSimulator.Playback p = sim.play(Scenario.load("inbound-answered"));
            CompletedCall call = calls.poll(5, TimeUnit.SECONDS);
            assertNotNull(call);
            assertEquals(Outcome.ANSWERED, call.outcome());
            assertEquals(p.caller(), call.callerNormalized());
            assertTrue(link.isConnected());
            assertEquals(0, link.counters().badFrames());
        }
    }

    @Test
    void anUntrustedPbxCertificateNeverGetsALink() throws Exception {
        // the JDK's CAs do not know the self-signed certificate
        try (CstaLink link = link(CstaTls.context(null, null, null), call -> { })) {
            link.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (link.counters().reconnects() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(link.isConnected());
            assertEquals(0, link.counters().framesIn(), "no CSTA message got through");
            assertTrue(link.counters().reconnects() >= 2, "it keeps trying with back-off");
        }
    }
}
