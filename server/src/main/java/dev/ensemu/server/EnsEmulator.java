package dev.ensemu.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;

/** A running emulator: start it (port 0 picks a free port), ask its {@link #baseUri()}, close it. */
public final class EnsEmulator implements Closeable {
    private final HttpServer server;
    private final EmulatorApplication application;
    private final URI baseUri;

    private EnsEmulator(HttpServer server, EmulatorApplication application, URI baseUri) {
        this.server = server;
        this.application = application;
        this.baseUri = baseUri;
    }

    public static EnsEmulator start(EmulatorConfig config) {
        EmulatorApplication application = EmulatorApplication.create(config);
        String host = config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]" : config.host();
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://" + host + ":" + config.port() + "/"), application.resourceConfig(), false);
        try {
            server.start();
        } catch (IOException e) {
            server.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        int port = server.getListeners().iterator().next().getPort();
        return new EnsEmulator(server, application, URI.create("http://" + host + ":" + port + "/"));
    }

    public URI baseUri() {
        return baseUri;
    }

    public EmulatorApplication application() {
        return application;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
