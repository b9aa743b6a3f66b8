package org.ccs.csta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.ccs.csta.message.CstaMessages;

/**
 * Configuration of one CSTA link to a PBX. Immutable; build it with {@link #builder()}.
 *
 * @param host              PBX (CSTA server) host name or address
 * @param port              CSTA port (OpenScape Business 8800, Avaya AES DMCC 4721)
 * @param sessionStyle      how the session starts
 * @param designatedDevices contact-center devices (ACD groups, routing points, pilots): calls that touch
 *                          one become contact records; each is monitored
 * @param agentExtensions   agent extensions, each monitored
 * @param region            the site's region for national numbers, ISO code ("GB") or calling code ("44")
 * @param accessCode        the PBX's outside-line access code that may prefix external numbers, or null
 * @param keepAliveInterval idle time after which a SystemStatus is sent to the PBX
 * @param initialBackoff    first reconnect delay; doubled after each failure up to {@code maxBackoff}
 * @param maxBackoff        largest reconnect delay
 * @param requestTimeout    how long a request waits for its response
 * @param pbxFirstTimeout   PBX_FIRST: how long to wait for the PBX's SystemStatus before registering anyway
 * @param namespace         XML namespace of outgoing messages (the CSTA edition; APPLICATION_SESSION also
 *                          requests it as protocol version)
 * @param applicationId     APPLICATION_SESSION: the applicationID CCS gives in StartApplicationSession
 * @param sessionDuration   APPLICATION_SESSION: the session duration requested; the timer is reset at half
 *                          the duration the PBX grants
 * @param sessionUser       APPLICATION_SESSION: login name for the PBX's CTI interface, or null
 * @param sessionPassword   APPLICATION_SESSION: its password, or null; never shown by {@link #toString()}
 * @param tls               the TLS context of the link (trust store, optional client key), or null for
 *                          plain TCP; see {@link CstaTls}
 * @param verifyHostname    with TLS: whether the PBX's certificate must name {@code host} (HTTPS rules)
 * @param digitsSource      where the PBX delivers IVR-collected digits
 */
public record CstaLinkConfig(
        String host,
        int port,
        SessionStyle sessionStyle,
        List<String> designatedDevices,
        List<String> agentExtensions,
        String region,
        String accessCode,
        Duration keepAliveInterval,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration requestTimeout,
        Duration pbxFirstTimeout,
        String namespace,
        String applicationId,
        Duration sessionDuration,
        String sessionUser,
        String sessionPassword,
        SSLContext tls,
        boolean verifyHostname,
        DigitsSource digitsSource) {

    public CstaLinkConfig {
        Objects.requireNonNull(host, "host is required");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535");
        }
        Objects.requireNonNull(sessionStyle, "sessionStyle is required");
        designatedDevices = List.copyOf(designatedDevices);
        agentExtensions = List.copyOf(agentExtensions);
        Objects.requireNonNull(region, "region is required");
        positive(keepAliveInterval, "keepAliveInterval");
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        positive(requestTimeout, "requestTimeout");
        positive(pbxFirstTimeout, "pbxFirstTimeout");
        Objects.requireNonNull(namespace, "namespace is required");
        Objects.requireNonNull(applicationId, "applicationId is required");
        positive(sessionDuration, "sessionDuration");
        if (sessionDuration.toSeconds() < 2) {
            throw new IllegalArgumentException("sessionDuration must be at least 2 s");
        }
        Objects.requireNonNull(digitsSource, "digitsSource is required");
    }

    /** Without the password and key material. */
    @Override
    public String toString() {
        return "CstaLinkConfig[" + host + ":" + port + ", " + sessionStyle + (tls == null ? "" : ", TLS") + ", "
                + designatedDevices.size() + " designated device(s), " + agentExtensions.size()
                + " agent extension(s), region " + region + ", digits " + digitsSource + "]";
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name + " is required");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Every device to monitor: designated devices first, then agent extensions, without repeats. */
    public List<String> monitoredDevices() {
        List<String> all = new ArrayList<>(designatedDevices);
        for (String a : agentExtensions) {
            if (!all.contains(a)) {
                all.add(a);
            }
        }
        return List.copyOf(all);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builder with the defaults: PBX_FIRST, keep-alive 30 s, back-off 1 s doubling to 30 s, timeout 10 s,
     * application session "CCS" of 180 s without login, plain TCP, no IVR digits.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8800;
        private SessionStyle sessionStyle = SessionStyle.PBX_FIRST;
        private List<String> designatedDevices = List.of();
        private List<String> agentExtensions = List.of();
        private String region = "GB";
        private String accessCode;
        private Duration keepAliveInterval = Duration.ofSeconds(30);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration pbxFirstTimeout = Duration.ofSeconds(5);
        private String namespace = CstaMessages.DEFAULT_NAMESPACE;
        private String applicationId = "CCS";
        private Duration sessionDuration = Duration.ofSeconds(180);
        private String sessionUser;
        private String sessionPassword;
        private SSLContext tls;
        private boolean verifyHostname = true;
        private DigitsSource digitsSource = DigitsSource.NONE;

        private Builder() {
        }

        public Builder host(String host) { this.host = host; return this; }

        public Builder port(int port) { this.port = port; return this; }

        public Builder sessionStyle(SessionStyle style) { this.sessionStyle = style; return this; }

        public Builder designatedDevices(List<String> devices) { this.designatedDevices = devices; return this; }

        public Builder agentExtensions(List<String> extensions) { this.agentExtensions = extensions; return this; }

        public Builder region(String region) { this.region = region; return this; }

        public Builder accessCode(String accessCode) { this.accessCode = accessCode; return this; }

        public Builder keepAliveInterval(Duration d) { this.keepAliveInterval = d; return this; }

        public Builder initialBackoff(Duration d) { this.initialBackoff = d; return this; }

        public Builder maxBackoff(Duration d) { this.maxBackoff = d; return this; }

        public Builder requestTimeout(Duration d) { this.requestTimeout = d; return this; }

        public Builder pbxFirstTimeout(Duration d) { this.pbxFirstTimeout = d; return this; }

        public Builder namespace(String namespace) { this.namespace = namespace; return this; }

        public Builder applicationId(String applicationId) { this.applicationId = applicationId; return this; }

        public Builder sessionDuration(Duration d) { this.sessionDuration = d; return this; }

        /** Login for APPLICATION_SESSION (both null: none). */
        public Builder sessionLogin(String user, String password) {
            this.sessionUser = user;
            this.sessionPassword = password;
            return this;
        }

        /** TLS on the link; null (the default) for plain TCP. */
        public Builder tls(SSLContext context) { this.tls = context; return this; }

        public Builder verifyHostname(boolean verify) { this.verifyHostname = verify; return this; }

        public Builder digitsSource(DigitsSource source) { this.digitsSource = source; return this; }

        public CstaLinkConfig build() {
            return new CstaLinkConfig(host, port, sessionStyle, designatedDevices, agentExtensions, region, accessCode,
                    keepAliveInterval, initialBackoff, maxBackoff, requestTimeout, pbxFirstTimeout, namespace,
                    applicationId, sessionDuration, sessionUser, sessionPassword, tls, verifyHostname, digitsSource);
        }
    }
}
