package dev.ensemu.server.support;

import dev.ensemu.server.EmulatorApplication;
import dev.ensemu.server.EmulatorConfig;
import dev.ensemu.server.EnsEmulator;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one in-process server of the integration tests, on a free loopback port:
 * <pre>{@code
 * @RegisterExtension
 * static final InProcessServer emulator = InProcessServer.with(c -> c.auth(AuthMode.ANONYMOUS));
 * }</pre>
 * On a static field it runs from before the class's first test to after its last; on an instance
 * field, around each test. Property tests (jqwik has no extensions) call {@link #start()} and
 * {@link #close()} from their container hooks.
 */
public final class InProcessServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        AutoCloseable {
    private final EmulatorConfig config;
    private EnsEmulator emulator;
    private boolean perTest;

    private InProcessServer(EmulatorConfig config) {
        this.config = config;
    }

    /** A server with these settings on top of the defaults (the port is always a free one). */
    public static InProcessServer with(Consumer<EmulatorConfig.Builder> settings) {
        EmulatorConfig.Builder builder = EmulatorConfig.builder();
        settings.accept(builder);
        return new InProcessServer(builder.port(0).build());
    }

    public static InProcessServer defaults() {
        return with(settings -> { });
    }

    public void start() {
        if (emulator == null) {
            emulator = EnsEmulator.start(config);
        }
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close();
        }
    }

    public EnsEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the in-process server is not running");
        }
        return emulator;
    }

    public URI baseUri() {
        return emulator().baseUri();
    }

    /** {@code host:port}, as the SDKs take an endpoint. */
    public String endpoint() {
        return baseUri().getHost() + ":" + baseUri().getPort();
    }

    public Http http() {
        return new Http(baseUri());
    }

    public EmulatorApplication application() {
        return emulator().application();
    }

    public Optional<String> adminToken() {
        return emulator().adminToken();
    }

    public Optional<URI> httpsUri() {
        return emulator().httpsUri();
    }

    public Optional<Path> tlsCertificate() {
        return emulator().tlsCertificate();
    }
}
