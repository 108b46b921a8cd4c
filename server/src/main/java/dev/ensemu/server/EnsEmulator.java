package dev.ensemu.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.ensemu.server.http.EnsHttpCodec;
import dev.ensemu.server.http.RequestRepairHandler;
import dev.ensemu.server.http.TlsMaterial;
import java.nio.file.Path;
import java.util.Optional;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;

/** A running emulator: start it (port 0 picks a free port), ask its {@link #baseUri()}, close it. */
public final class EnsEmulator implements Closeable {
    private static final String HTTP_LISTENER = "ensemu";
    private static final String HTTPS_LISTENER = "ensemu-tls";
    private final HttpServer server;
    private final EmulatorApplication application;
    private final URI baseUri;
    private final Optional<URI> httpsUri;
    private final Optional<TlsMaterial> tls;

    private EnsEmulator(HttpServer server, EmulatorApplication application, URI baseUri, Optional<URI> httpsUri,
            Optional<TlsMaterial> tls) {
        this.server = server;
        this.application = application;
        this.baseUri = baseUri;
        this.httpsUri = httpsUri;
        this.tls = tls;
    }

    public static EnsEmulator start(EmulatorConfig config) {
        EmulatorApplication application = EmulatorApplication.create(config);
        GrizzlyHttpContainer jersey = ContainerFactory.createContainer(GrizzlyHttpContainer.class, application.resourceConfig());
        StartupTimeline.mark("jersey and hk2 (resource model, injection)");
        HttpServer server = new HttpServer();
        server.addListener(listener(config, HTTP_LISTENER, config.port(), application));
        Optional<TlsMaterial> tls;
        try {
            tls = config.tls().map(t -> t.certificate().isPresent()
                    ? TlsMaterial.fromFiles(t.certificate().get(), t.key().orElseThrow())
                    : TlsMaterial.selfSigned(config.dataDir()));
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        StartupTimeline.mark("tls material");
        tls.ifPresent(material -> {
            NetworkListener https = listener(config, HTTPS_LISTENER, config.tls().orElseThrow().port(), application);
            https.setSecure(true);
            https.setSSLEngineConfig(new SSLEngineConfigurator(material.sslContext(), false, false, false)
                    .setEnabledProtocols(TlsMaterial.PROTOCOLS));
            server.addListener(https);
        });
        ServerConfiguration serverConfig = server.getServerConfiguration();
        serverConfig.addHttpHandler(new RequestRepairHandler(jersey), "/");
        serverConfig.setDefaultQueryEncoding(StandardCharsets.UTF_8);
        // A body on GET (or DELETE, OPTIONS...) reaches the application, which answers in ENS terms
        // instead of Grizzly's bare 400.
        serverConfig.setAllowPayloadForUndefinedHttpMethods(true);
        serverConfig.setPassTraceRequest(true);
        try {
            server.start();
        } catch (IOException e) {
            server.shutdownNow();
            application.close();
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port()
                    + config.tls().map(t -> " and " + t.port()).orElse("") + ": " + e.getMessage(), e);
        }
        StartupTimeline.mark("grizzly (listeners, start)");
        String host = config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]" : config.host();
        URI http = URI.create("http://" + host + ":" + server.getListener(HTTP_LISTENER).getPort() + "/");
        Optional<URI> https = tls.map(t -> URI.create("https://" + host + ":" + server.getListener(HTTPS_LISTENER).getPort() + "/"));
        return new EnsEmulator(server, application, http, https, tls);
    }

    /** A listener with the configured request limits and client timeouts. */
    private static NetworkListener listener(EmulatorConfig config, String name, int port, EmulatorApplication application) {
        Limits limits = config.limits();
        NetworkListener listener = new NetworkListener(name, config.host(), port);
        listener.setMaxHttpHeaderSize(limits.maxHeaderBytes());
        listener.setMaxRequestHeaders(limits.maxHeaders());
        listener.getKeepAlive().setIdleTimeoutInSeconds((int) Math.max(1, limits.idleTimeout().toSeconds()));
        // No cap on requests per connection (Grizzly's default closes after 256): SDK pools keep their connections.
        listener.getKeepAlive().setMaxRequestsCount(-1);
        listener.registerAddOn(EnsHttpCodec.addOn(application::recordRefusal));
        // A body that stops arriving frees its worker thread after the read timeout.
        listener.setDisableUploadTimeout(false);
        listener.setUploadTimeout((int) limits.readTimeout().toMillis());
        listener.getTransport().setReadTimeout(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        listener.getTransport().setWriteTimeout(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                .setPoolName("ensemu-worker").setCorePoolSize(limits.workerThreads()).setMaxPoolSize(limits.workerThreads()));
        return listener;
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The HTTPS address, when HTTPS is on. */
    public Optional<URI> httpsUri() {
        return httpsUri;
    }

    /** The PEM file of the certificate HTTPS serves (what clients trust), when HTTPS is on. */
    public Optional<Path> tlsCertificate() {
        return tls.map(TlsMaterial::certificateFile);
    }

    public EmulatorApplication application() {
        return application;
    }

    /** The control plane's bearer token, or empty when it is off. */
    public Optional<String> adminToken() {
        return application.adminToken();
    }

    /**
     * Stops accepting connections, lets requests in flight finish for up to {@code grace}, then
     * stops; used for SIGTERM.
     */
    public void stop(Duration grace) {
        try {
            server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS).get(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the grace period is over: what is left is cut off below
        }
        close();
    }

    @Override
    public void close() {
        server.shutdownNow();
        application.close();
    }
}
