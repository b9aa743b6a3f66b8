package org.ccs.csta;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for the CSTA link from key store files (PKCS12 or JKS, the type is detected), for
 * {@link CstaLinkConfig.Builder#tls(SSLContext)} and the simulator's {@code --tls-keystore}. TLS 1.2 and
 * 1.3 as the JDK offers them.
 */
public final class CstaTls {

    private CstaTls() {
    }

    /**
     * The client side: trusts the certificates (the PBX's own, or its CA) in {@code trustStore}; presents
     * the key in {@code keyStore} when the PBX asks for a client certificate (null: none).
     */
    public static SSLContext clientContext(Path trustStore, char[] trustStorePassword, Path keyStore,
                                           char[] keyStorePassword) throws GeneralSecurityException, IOException {
        Objects.requireNonNull(trustStore, "trustStore is required");
        return context(keyStore == null ? null : load(keyStore, keyStorePassword), keyStorePassword,
                load(trustStore, trustStorePassword));
    }

    /** The server side (the simulator): presents the key in {@code keyStore}. */
    public static SSLContext serverContext(Path keyStore, char[] password) throws GeneralSecurityException, IOException {
        Objects.requireNonNull(keyStore, "keyStore is required");
        return context(load(keyStore, password), password, null);
    }

    /** A context from loaded key stores: {@code keys} (may be null) to present, {@code trusted} (null: JDK's CAs). */
    public static SSLContext context(KeyStore keys, char[] keyPassword, KeyStore trusted) throws GeneralSecurityException {
        KeyManagerFactory kmf = null;
        if (keys != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, keyPassword);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
        return KeyStore.getInstance(file.toFile(), password);
    }
}
