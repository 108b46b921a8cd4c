package dev.ensemu.conformance.client;

import dev.ensemu.conformance.endpoint.Target;
import io.restassured.config.SSLConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Trust for an https target: the certificates of {@code --trust-cert}, or the JVM's usual trust without one. */
final class Tls {
    private Tls() {}

    /** A trust store with the certificates of the target's PEM file, if it names one. */
    static Optional<KeyStore> trustStore(Target target) {
        return target.trustCert().map(file -> {
            try (InputStream pem = Files.newInputStream(file)) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                    store.setCertificateEntry("trusted-" + i++, certificate);
                }
                if (i == 0) {
                    throw new IllegalArgumentException("--trust-cert " + file + ": no certificate in it");
                }
                return store;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("--trust-cert " + file + ": not a readable PEM certificate (" + e.getMessage() + ")");
            }
        });
    }

    static SSLContext context(Target target) {
        try {
            Optional<KeyStore> store = trustStore(target);
            if (store.isEmpty()) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store.get());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    static SSLConfig restAssured(Target target) {
        return trustStore(target).map(store -> SSLConfig.sslConfig().trustStore(store)).orElse(SSLConfig.sslConfig());
    }
}
