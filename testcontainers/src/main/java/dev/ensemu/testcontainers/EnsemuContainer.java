package dev.ensemu.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * ensemu's container image in a test: a local Alibaba Cloud ENS endpoint that the official SDKs
 * call unchanged. Started, it hands out its endpoints, a key of its seed and the control plane's
 * token:
 *
 * <pre>{@code
 * @Container
 * static EnsemuContainer ens = new EnsemuContainer("localhost/ensemu:latest");
 *
 * DefaultAcsClient client = new DefaultAcsClient(
 *         DefaultProfile.getProfile("cn-hangzhou", ens.accessKeyId(), ens.accessKeySecret()));
 * CommonRequest request = new CommonRequest();
 * request.setSysDomain(ens.endpoint().getAuthority());
 * }</pre>
 *
 * It waits until {@code /_emulator/health} answers 200. Without {@link #withAdminToken} the control
 * plane gets a random token ({@link #adminToken()}), so {@link #reset()} always works. It runs the
 * JIT's first tier only, as fits calls one after another from tests: see {@link #withFullJit()}.
 */
public class EnsemuContainer extends GenericContainer<EnsemuContainer> {
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("localhost/ensemu");
    public static final int HTTP_PORT = 8080;
    public static final int HTTPS_PORT = 8443;
    /** The development key of the seed bundled in the image (account 1000000000000001). */
    public static final String DEV_ACCESS_KEY_ID = "LTAIEnsemuDevAccess01";
    public static final String DEV_ACCESS_KEY_SECRET = "EnsemuDevSecretDoNotUseInProduction01";

    private static final Pattern CERTIFICATE = Pattern.compile("\\(certificate (\\S+)\\)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final String TOP_TIER = "-XX:TieredStopAtLevel=4";

    /** How the server treats unsigned requests ({@code --auth}). */
    public enum Auth {
        /** Every request must be signed by a key of the seed (ENS's behaviour, the default). */
        VERIFY,
        /** Unsigned requests act as the seed's first account; signed ones are still verified. */
        ANONYMOUS
    }

    private String adminToken;
    private String accessKeyId = DEV_ACCESS_KEY_ID;
    private String accessKeySecret = DEV_ACCESS_KEY_SECRET;
    private boolean https;
    private boolean fullJit;
    private KeyStore trustStore;

    public EnsemuContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public EnsemuContainer(DockerImageName image) {
        super(image);
        image.assertCompatibleWith(DEFAULT_IMAGE);
        withExposedPorts(HTTP_PORT);
        withAdminToken(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
        waitingFor(Wait.forHttp("/_emulator/health").forPort(HTTP_PORT).forStatusCode(200).withStartupTimeout(STARTUP_TIMEOUT));
    }

    /**
     * Serves the accounts, keys and images of this seed file (JSON, or YAML by {@code .yaml}/{@code .yml})
     * instead of the bundled one. {@link #accessKeyId()} then names the first active long-term key of its
     * first account.
     */
    public EnsemuContainer withSeed(Path seed) {
        String name = seed.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        JsonNode keys;
        try {
            keys = (yaml ? new YAMLMapper() : new ObjectMapper()).readTree(Files.readString(seed)).path("accounts").path(0).path("accessKeys");
        } catch (IOException e) {
            throw new IllegalArgumentException("seed " + seed + " cannot be read: " + e.getMessage(), e);
        }
        for (JsonNode key : keys) {
            if (!key.has("securityToken") && !"Inactive".equals(key.path("status").asText())) {
                accessKeyId = key.path("id").asText();
                accessKeySecret = key.path("secret").asText();
                String target = "/etc/ensemu/seed" + (yaml ? ".yaml" : ".json");
                withCopyFileToContainer(MountableFile.forHostPath(seed, 0644), target);
                return withEnv("ENSEMU_SEED", target);
            }
        }
        throw new IllegalArgumentException("seed " + seed + " has no active long-term key in its first account");
    }

    public EnsemuContainer withAuth(Auth auth) {
        return withEnv("ENSEMU_AUTH", auth.name().toLowerCase(Locale.ROOT));
    }

    public EnsemuContainer withAdminToken(String token) {
        adminToken = token;
        return withEnv("ENSEMU_ADMIN_TOKEN", token);
    }

    /**
     * How long an export started with ExportImage takes before it ends (the server's default is
     * 2 s; zero ends it at once): tests of an export-and-poll loop like it short.
     */
    public EnsemuContainer withExportDuration(java.time.Duration duration) {
        if (duration.isNegative() || duration.compareTo(java.time.Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("an export lasts from 0 to a day, not " + duration);
        }
        return withEnv("ENSEMU_EXPORT_DURATION", duration.toMillis() + "ms");
    }

    /** Serves HTTPS too, with a certificate made at start-up for localhost and 127.0.0.1: see {@link #trustStore()}. */
    public EnsemuContainer withHttps() {
        https = true;
        addExposedPort(HTTPS_PORT);
        return withEnv("ENSEMU_TLS_PORT", String.valueOf(HTTPS_PORT));
    }

    /**
     * Compiles hot code with the JIT's top tier (C2), for load tests. By default the container runs
     * C1 only, as the image does ({@code -XX:TieredStopAtLevel=1}, kept in front of any
     * {@code JAVA_TOOL_OPTIONS} given): calls one after another are answered sooner (measured on two
     * cores: the first 0.07 s, the 1,000th 0.46 s sooner, still ahead after 40,000), but warm and under
     * concurrent load it serves about 0.4 of the requests per second of the top tier.
     */
    public EnsemuContainer withFullJit() {
        fullJit = true;
        return self();
    }

    @Override
    protected void configure() {
        super.configure();
        // Always set: a JAVA_TOOL_OPTIONS given here replaces the image's (C1_ONLY) instead of adding to it.
        String tier = fullJit ? TOP_TIER : C1_ONLY;
        String options = getEnvMap().getOrDefault("JAVA_TOOL_OPTIONS", "");
        if (!options.startsWith(tier)) {
            withEnv("JAVA_TOOL_OPTIONS", (tier + " " + options).strip());
        }
    }

    /**
     * Keeps the state in this PostgreSQL database, shared with every instance given the same one
     * ({@code postgresql://user:password@host:port/db}; the host as this container sees it, e.g. a
     * network alias).
     */
    public EnsemuContainer withDatabase(String url) {
        return withEnv("ENSEMU_DATABASE", url);
    }

    /** The HTTP endpoint, e.g. {@code http://localhost:32768/}; the SDKs take its authority. */
    public URI endpoint() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(HTTP_PORT) + "/");
    }

    /** The HTTPS endpoint ({@link #withHttps()}); trust it with {@link #trustStore()} or {@link #sslContext()}. */
    public URI httpsEndpoint() {
        if (!https) {
            throw new IllegalStateException("HTTPS is off: create the container withHttps()");
        }
        return URI.create("https://" + getHost() + ":" + getMappedPort(HTTPS_PORT) + "/");
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String accessKeySecret() {
        return accessKeySecret;
    }

    /** The control plane's bearer token ({@code Authorization: Bearer <token>} on {@code /_emulator/}). */
    public String adminToken() {
        return adminToken;
    }

    /** A key store that trusts the certificate this container made for HTTPS (alias {@code ensemu}). */
    public synchronized KeyStore trustStore() {
        if (trustStore == null) {
            Matcher certificate = CERTIFICATE.matcher(getLogs());
            if (!https || !certificate.find()) {
                throw new IllegalStateException("HTTPS is off: create the container withHttps()");
            }
            trustStore = copyFileFromContainer(certificate.group(1), pem -> {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setCertificateEntry("ensemu", CertificateFactory.getInstance("X.509").generateCertificate(pem));
                return store;
            });
        }
        return trustStore;
    }

    /** An SSL context that trusts this container's certificate and nothing else. */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the container's certificate cannot be trusted: " + e.getMessage(), e);
        }
    }

    /** Back to the seed: images, keys, faults, exports in progress and the journal (between tests). */
    public void reset() {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/_emulator/reset"))
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("ensemu refused the reset: " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ensemu did not answer the reset", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting ensemu", e);
        }
    }
}
