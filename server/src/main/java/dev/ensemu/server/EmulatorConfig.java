package dev.ensemu.server;

import dev.ensemu.server.auth.AuthMode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the emulator is started with. Immutable; the {@code with...} methods return copies.
 *
 * @param seed             a seed file, or empty for the bundled development seed
 * @param clock            the clock for signatures and timed exports (tests inject one they move)
 * @param nonceCapacity    how many live signature nonces are remembered at most
 * @param admin            whether the control plane under {@code /_emulator/} is on
 * @param adminToken       its bearer token, or empty for a random one chosen at start
 * @param dataDir          where state is saved across restarts, or empty to stay in memory
 * @param journalSize      how many recent calls the journal keeps
 * @param journalMaxBytes  how much heap the journal may hold at most
 * @param exportUrlPattern the URL of a finished export ({accountId}, {imageId}, {imageName} replaced)
 * @param limits           request sizes and client timeouts
 * @param tls              HTTPS beside HTTP, or empty for HTTP only
 * @param replayProtection whether a signature nonce may be used once only (off only for benchmarks
 *                         that replay pre-signed requests)
 */
public record EmulatorConfig(String host, int port, Optional<Path> seed, AuthMode auth, Clock clock, int nonceCapacity,
        boolean admin, Optional<String> adminToken, Optional<Path> dataDir, int journalSize, long journalMaxBytes, String exportUrlPattern,
        Limits limits, boolean replayProtection, Optional<TlsConfig> tls) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_NONCE_CAPACITY = 1_000_000;
    public static final int DEFAULT_JOURNAL_SIZE = 1000;
    public static final long DEFAULT_JOURNAL_MAX_BYTES = 16L << 20;
    public static final String DEFAULT_EXPORT_URL_PATTERN = "https://ensemu-exports.oss-cn-beijing.aliyuncs.com/{imageId}.qcow2";

    public EmulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(exportUrlPattern, "exportUrlPattern");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tls, "tls");
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

    public static EmulatorConfig defaults() {
        return new EmulatorConfig(DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), AuthMode.VERIFY, Clock.systemUTC(),
                DEFAULT_NONCE_CAPACITY, true, Optional.empty(), Optional.empty(), DEFAULT_JOURNAL_SIZE, DEFAULT_JOURNAL_MAX_BYTES, DEFAULT_EXPORT_URL_PATTERN,
                Limits.DEFAULTS, true, Optional.empty());
    }

    public EmulatorConfig withHost(String host) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes, exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withPort(int port) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes, exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withSeed(Path seed) {
        return new EmulatorConfig(host, port, Optional.of(seed), auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes,
                exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withAuth(AuthMode auth) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes, exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withClock(Clock clock) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes, exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withNonceCapacity(int nonceCapacity) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes, exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withAdmin(boolean admin) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes, exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withAdminToken(String adminToken) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, Optional.of(adminToken), dataDir, journalSize, journalMaxBytes,
                exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withDataDir(Path dataDir) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, Optional.of(dataDir), journalSize, journalMaxBytes,
                exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withJournalSize(int journalSize) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes, exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withJournalMaxBytes(long journalMaxBytes) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes,
                exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withExportUrlPattern(String exportUrlPattern) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes, exportUrlPattern, limits, replayProtection, tls);
    }

    public EmulatorConfig withLimits(Limits limits) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes, exportUrlPattern,
                limits, replayProtection, tls);
    }

    public EmulatorConfig withReplayProtection(boolean replayProtection) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes, exportUrlPattern,
                limits, replayProtection, tls);
    }

    public EmulatorConfig withTls(TlsConfig tls) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity, admin, adminToken, dataDir, journalSize, journalMaxBytes,
                exportUrlPattern, limits, replayProtection, Optional.of(tls));
    }

    /** True when only this machine can reach the server. */
    public boolean isLoopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
