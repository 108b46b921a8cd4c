package dev.ensemu.server;

import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.proxy.ProxyConfig;
import dev.ensemu.server.rpc.Operation;
import dev.ensemu.server.state.ImageOperations;
import dev.ensemu.server.storage.DatabaseUrl;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the emulator is started with. Immutable: made by {@link #builder()}, changed through
 * {@link #toBuilder()}.
 *
 * @param seed             a seed file, or empty for the bundled development seed
 * @param clock            the clock for signatures and timed exports (tests inject one they move)
 * @param nonceCapacity    how many live signature nonces are remembered at most
 * @param admin            whether the control plane under {@code /_emulator/} is on
 * @param adminToken       its bearer token, or empty for a random one chosen at start
 * @param dataDir          where state is saved across restarts, or empty to stay in memory
 * @param database         the PostgreSQL database several instances share, or empty (then {@code dataDir} or memory)
 * @param journalSize      how many recent calls the journal keeps
 * @param journalMaxBytes  how much heap the journal may hold at most
 * @param exportUrlPattern the URL of a finished export ({accountId}, {imageId}, {imageName} replaced)
 * @param exportDuration   how long an export started with ExportImage takes (zero: it ends at once)
 * @param limits           request sizes and client timeouts
 * @param tls              HTTPS beside HTTP, or empty for HTTP only
 * @param replayProtection whether a signature nonce may be used once only (off only for benchmarks
 *                         that replay pre-signed requests)
 * @param moreOperations   operations served beside the document's, each bound to the state at start
 *                         (how a test proves the recipe of docs/architecture.md; the server's own are
 *                         in {@link ServedOperations})
 * @param proxy            forward every ENS call to an upstream instead of answering it ({@code --upstream}), or empty
 */
public record EmulatorConfig(String host, int port, Optional<Path> seed, AuthMode auth, Clock clock, int nonceCapacity,
        boolean admin, Optional<String> adminToken, Optional<Path> dataDir, Optional<DatabaseUrl> database, int journalSize, long journalMaxBytes,
        String exportUrlPattern, Duration exportDuration, Limits limits, boolean replayProtection, Optional<TlsConfig> tls,
        List<Function<ImageOperations, Operation>> moreOperations, Optional<ProxyConfig> proxy) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_NONCE_CAPACITY = 1_000_000;
    public static final int DEFAULT_JOURNAL_SIZE = 1000;
    public static final long DEFAULT_JOURNAL_MAX_BYTES = 16L << 20;
    public static final Duration DEFAULT_EXPORT_DURATION = Duration.ofSeconds(2);
    public static final Duration MAX_EXPORT_DURATION = Duration.ofDays(1);
    public static final String DEFAULT_EXPORT_URL_PATTERN = "https://ensemu-exports.oss-cn-beijing.aliyuncs.com/{imageId}.qcow2";

    public EmulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
        if (dataDir.isPresent() && database.isPresent()) {
            throw new IllegalArgumentException("give --data-dir (one instance) or --database (shared), not both");
        }
        Objects.requireNonNull(exportUrlPattern, "exportUrlPattern");
        if (exportDuration.isNegative() || exportDuration.compareTo(MAX_EXPORT_DURATION) > 0) {
            throw new IllegalArgumentException("export duration must be from 0 to 1 day, not " + exportDuration);
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tls, "tls");
        moreOperations = List.copyOf(moreOperations);
        Objects.requireNonNull(proxy, "proxy");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (nonceCapacity < 1) {
            throw new IllegalArgumentException("nonce capacity must be at least 1, not " + nonceCapacity);
        }
        if (journalSize < 1) {
            throw new IllegalArgumentException("journal size must be at least 1, not " + journalSize);
        }
        if (journalMaxBytes < 64 * 1024) {
            throw new IllegalArgumentException("journal max bytes must be at least 65536, not " + journalMaxBytes);
        }
        if (adminToken.isPresent() && adminToken.get().isBlank()) {
            throw new IllegalArgumentException("the admin token must not be blank");
        }
    }

    /** Everything at its default: loopback port 8080, the bundled seed, signatures verified, in memory. */
    public static EmulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.host = host;
        builder.port = port;
        builder.seed = seed;
        builder.auth = auth;
        builder.clock = clock;
        builder.nonceCapacity = nonceCapacity;
        builder.admin = admin;
        builder.adminToken = adminToken;
        builder.dataDir = dataDir;
        builder.database = database;
        builder.journalSize = journalSize;
        builder.journalMaxBytes = journalMaxBytes;
        builder.exportUrlPattern = exportUrlPattern;
        builder.exportDuration = exportDuration;
        builder.limits = limits;
        builder.replayProtection = replayProtection;
        builder.tls = tls;
        builder.moreOperations.addAll(moreOperations);
        builder.proxy = proxy;
        return builder;
    }

    /** Starts from the defaults; {@link #build()} checks the whole configuration. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Optional<Path> seed = Optional.empty();
        private Optional<ProxyConfig> proxy = Optional.empty();
        private AuthMode auth = AuthMode.VERIFY;
        private Clock clock = Clock.systemUTC();
        private int nonceCapacity = DEFAULT_NONCE_CAPACITY;
        private boolean admin = true;
        private Optional<String> adminToken = Optional.empty();
        private Optional<Path> dataDir = Optional.empty();
        private Optional<DatabaseUrl> database = Optional.empty();
        private int journalSize = DEFAULT_JOURNAL_SIZE;
        private long journalMaxBytes = DEFAULT_JOURNAL_MAX_BYTES;
        private String exportUrlPattern = DEFAULT_EXPORT_URL_PATTERN;
        private Duration exportDuration = DEFAULT_EXPORT_DURATION;
        private Limits limits = Limits.DEFAULTS;
        private boolean replayProtection = true;
        private Optional<TlsConfig> tls = Optional.empty();
        private final List<Function<ImageOperations, Operation>> moreOperations = new ArrayList<>();

        private Builder() {}

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder seed(Path seed) {
            this.seed = Optional.of(seed);
            return this;
        }

        public Builder auth(AuthMode auth) {
            this.auth = auth;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder nonceCapacity(int nonceCapacity) {
            this.nonceCapacity = nonceCapacity;
            return this;
        }

        public Builder admin(boolean admin) {
            this.admin = admin;
            return this;
        }

        public Builder adminToken(String adminToken) {
            this.adminToken = Optional.of(adminToken);
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = Optional.of(dataDir);
            return this;
        }

        public Builder database(DatabaseUrl database) {
            this.database = Optional.of(database);
            return this;
        }

        public Builder journalSize(int journalSize) {
            this.journalSize = journalSize;
            return this;
        }

        public Builder journalMaxBytes(long journalMaxBytes) {
            this.journalMaxBytes = journalMaxBytes;
            return this;
        }

        public Builder exportUrlPattern(String exportUrlPattern) {
            this.exportUrlPattern = exportUrlPattern;
            return this;
        }

        public Builder exportDuration(Duration exportDuration) {
            this.exportDuration = exportDuration;
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        public Builder replayProtection(boolean replayProtection) {
            this.replayProtection = replayProtection;
            return this;
        }

        public Builder tls(TlsConfig tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        /** Forwards every ENS call to an upstream endpoint, checking and relaying its answers. */
        public Builder proxy(ProxyConfig proxy) {
            this.proxy = Optional.of(proxy);
            return this;
        }

        /** Serves one more operation, made from the state when the server starts. */
        public Builder operation(Function<ImageOperations, Operation> binding) {
            this.moreOperations.add(binding);
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, database,
                    journalSize, journalMaxBytes, exportUrlPattern, exportDuration, limits, replayProtection, tls, moreOperations, proxy);
        }
    }

    /** True when only this machine can reach the server. */
    public boolean isLoopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
