package dev.ensemu.junit;

import dev.ensemu.server.EmulatorConfig;
import dev.ensemu.server.EnsEmulator;
import dev.ensemu.server.domain.AccessKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs ensemu in-process for a test class, on a free port, no process to manage:
 * <pre>{@code
 * @RegisterExtension
 * static final EnsEmulatorExtension ens = EnsEmulatorExtension.create();
 * ... new Config().setEndpoint(ens.endpoint()).setAccessKeyId(ens.accessKeyId()).setAccessKeySecret(ens.accessKeySecret())
 * }</pre>
 * It starts before the first test and stops after the last; with {@link #resetBeforeEach()} every
 * test starts from the seed.
 */
public final class EnsEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final EmulatorConfig config;
    private final boolean resetBeforeEach;
    private EnsEmulator emulator;

    private EnsEmulatorExtension(EmulatorConfig config, boolean resetBeforeEach) {
        this.config = config;
        this.resetBeforeEach = resetBeforeEach;
    }

    /** The bundled development seed, signatures verified, a free loopback port. */
    public static EnsEmulatorExtension create() {
        return new EnsEmulatorExtension(EmulatorConfig.builder().port(0).build(), false);
    }

    /** Your own accounts, keys and images instead of the development seed. */
    public EnsEmulatorExtension withSeed(Path seed) {
        return new EnsEmulatorExtension(config.toBuilder().seed(seed).build(), resetBeforeEach);
    }

    /** Any other setting, e.g. {@code c -> c.auth(AuthMode.ANONYMOUS)}. */
    public EnsEmulatorExtension configure(java.util.function.Consumer<EmulatorConfig.Builder> change) {
        EmulatorConfig.Builder builder = config.toBuilder();
        change.accept(builder);
        return new EnsEmulatorExtension(builder.build(), resetBeforeEach);
    }

    /**
     * HTTPS beside HTTP on a free port, with a self-signed certificate for localhost: use
     * {@link #httpsEndpoint()} and trust {@link #sslContext()} (or {@link #trustStore()}, or the
     * PEM file {@link #certificate()}).
     */
    public EnsEmulatorExtension withHttps() {
        return new EnsEmulatorExtension(config.toBuilder().tls(dev.ensemu.server.TlsConfig.selfSigned(0)).build(), resetBeforeEach);
    }

    /** Back to the seed (images, exports, faults, journal) before every test. */
    public EnsEmulatorExtension resetBeforeEach() {
        return new EnsEmulatorExtension(config, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = EnsEmulator.start(config);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (resetBeforeEach) {
            reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    /** {@code host:port}, the form the SDKs' endpoint settings take. */
    public String endpoint() {
        URI base = running().baseUri();
        return base.getHost() + ":" + base.getPort();
    }

    public URI baseUri() {
        return running().baseUri();
    }

    /** {@code 127.0.0.1:port} of HTTPS (the certificate names 127.0.0.1, ::1 and localhost), with {@link #withHttps()}. */
    public String httpsEndpoint() {
        return httpsUri().getHost() + ":" + httpsUri().getPort();
    }

    /** The HTTPS address, with {@link #withHttps()}. */
    public URI httpsUri() {
        return running().httpsUri().orElseThrow(() -> new IllegalStateException("HTTPS is off: register the extension withHttps()"));
    }

    /** The PEM file of the certificate HTTPS serves (for {@code NODE_EXTRA_CA_CERTS}, curl's --cacert...). */
    public Path certificate() {
        httpsUri();
        return running().tlsCertificate().orElseThrow();
    }

    /** A trust store holding only that certificate, e.g. for {@code SSLContext} or {@code TrustManagerFactory}. */
    public KeyStore trustStore() {
        try (InputStream pem = Files.newInputStream(certificate())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ensemu", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate " + certificate() + ": " + e.getMessage(), e);
        }
    }

    /** A TLS client context that trusts the emulator's certificate, e.g. for {@code HttpClient.newBuilder().sslContext(...)}. */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    /** The first key of the first account (the development key with the bundled seed). */
    public String accessKeyId() {
        return firstKey().id();
    }

    public String accessKeySecret() {
        return firstKey().secret();
    }

    /** The control plane's bearer token. */
    public Optional<String> adminToken() {
        return running().adminToken();
    }

    /** Back to the seed now. */
    public void reset() {
        running().application().reset();
    }

    /** The running emulator, for anything else (its state, faults, journal). */
    public EnsEmulator emulator() {
        return running();
    }

    private AccessKey firstKey() {
        return running().application().state().directory().defaultAccount().accessKeys().get(0);
    }

    private EnsEmulator running() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs from before the first test to after the last: register the "
                    + "extension on a static field with @RegisterExtension");
        }
        return emulator;
    }
}
