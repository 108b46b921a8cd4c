package dev.ensemu.conformance.endpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged ensemu server run as a separate process on a free port: a black box, started
 * through its real command line (with a known control-plane token) and stopped when the JVM exits.
 */
public final class LocalServer implements AutoCloseable {
    /** The bundled development key, as ensemu's README publishes it. */
    public static final String DEV_KEY_ID = "LTAIEnsemuDevAccess01";
    /** The bundled seed's key whose account may not call DescribeExportImageInfo. */
    public static final String NO_PERMISSION_KEY_ID = "LTAIEnsemuNoPermission1";
    public static final String NO_PERMISSION_SECRET = "EnsemuNoPermissionSecret01";
    public static final String DEV_SECRET = "EnsemuDevSecretDoNotUseInProduction01";
    public static final String OTHER_KEY_ID = "LTAIEnsemuOtherAcct01";
    public static final String OTHER_SECRET = "EnsemuOtherSecretDoNotUseInProduction01";
    /** The bundled seed's read-only account: its policy grants ens:Describe*. */
    public static final String READ_ONLY_KEY_ID = "LTAIEnsemuReadOnly01";
    public static final String READ_ONLY_SECRET = "EnsemuReadOnlySecretDoNotUseInProduction01";
    public static final List<String> READ_ONLY_OPERATIONS = List.of("DescribeExportImageInfo", "DescribeExportImageStatus");
    private static final Pattern READY = Pattern.compile("listening on (http://\\S+)");
    private static final Pattern HTTPS = Pattern.compile(" and (https://\\S+) \\(certificate (.+)\\)$");
    private Optional<URI> https = Optional.empty();
    private Optional<Path> certificate = Optional.empty();
    private boolean bundledSeed;
    private static LocalServer shared;

    private final Process process;
    private final URI endpoint;
    private final String adminToken;

    private LocalServer(Process process, URI endpoint, String adminToken) {
        this.process = process;
        this.endpoint = endpoint;
        this.adminToken = adminToken;
    }

    /** One server for the whole JVM, started on first use. */
    static synchronized LocalServer shared() {
        if (shared == null) {
            String jar = System.getProperty("ensemu.server.jar");
            if (jar == null) {
                throw new IllegalStateException("no target: give --endpoint (or -Dens.endpoint), or -Densemu.server.jar to run the local server");
            }
            shared = start(Path.of(jar));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "ensemu-local-server-stop"));
        }
        return shared;
    }

    /** Starts {@code java -jar jar --port 0 extraArgs...} and waits for its ready line. */
    public static LocalServer start(Path jar, String... extraArgs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("server jar not found: " + jar + " (build the server module first)");
        }
        String adminToken = java.util.UUID.randomUUID().toString();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "--port", "0",
                "--admin-token", adminToken, "--log-level", "warn"));
        command.addAll(List.of(extraArgs));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().keySet().removeIf(name -> name.startsWith("ENSEMU_"));
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher ready = READY.matcher(line == null ? "" : line);
            if (!ready.find()) {
                process.destroyForcibly();
                throw new IllegalStateException("the server did not start: " + line);
            }
            LocalServer server = new LocalServer(process, URI.create(ready.group(1)), adminToken);
            server.bundledSeed = !command.contains("--seed");
            Matcher https = HTTPS.matcher(line);
            if (https.find()) {
                server.https = Optional.of(URI.create(https.group(1)));
                server.certificate = Optional.of(Path.of(https.group(2)));
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The HTTPS address and the certificate to trust, when started with {@code --tls-port}. */
    public Optional<URI> httpsEndpoint() {
        return https;
    }

    public Optional<Path> certificate() {
        return certificate;
    }

    /**
     * This server as a target signed with the development key (V1), with its control plane, and
     * on the bundled seed its key without permission, the other account's key and the read-only key.
     */
    public Target target(Duration timeout) {
        Target target = new Target(endpoint, Optional.of(DEV_KEY_ID), Optional.of(DEV_SECRET), SignatureScheme.V1, timeout,
                Optional.of(adminToken));
        return bundledSeed ? target.withUnpermittedKey(new Target.Credentials(NO_PERMISSION_KEY_ID, NO_PERMISSION_SECRET))
                .withOtherAccount(new Target.Credentials(OTHER_KEY_ID, OTHER_SECRET))
                .withLimitedKey(new Target.LimitedKey(new Target.Credentials(READ_ONLY_KEY_ID, READ_ONLY_SECRET), READ_ONLY_OPERATIONS))
                : target;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
