package dev.ensemu.server;

import dev.ensemu.server.auth.AuthMode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the emulator is started with. Immutable; the {@code with...} methods return copies.
 *
 * @param seed          a seed file, or empty for the bundled development seed
 * @param clock         the clock signatures are checked against (tests inject a fixed one)
 * @param nonceCapacity how many live signature nonces are remembered at most
 */
public record EmulatorConfig(String host, int port, Optional<Path> seed, AuthMode auth, Clock clock, int nonceCapacity) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_NONCE_CAPACITY = 1_000_000;

    public EmulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (nonceCapacity < 1) {
            throw new IllegalArgumentException("nonce capacity must be at least 1, not " + nonceCapacity);
        }
    }

    public static EmulatorConfig defaults() {
        return new EmulatorConfig(DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), AuthMode.VERIFY, Clock.systemUTC(),
                DEFAULT_NONCE_CAPACITY);
    }

    public EmulatorConfig withHost(String host) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity);
    }

    public EmulatorConfig withPort(int port) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity);
    }

    public EmulatorConfig withSeed(Path seed) {
        return new EmulatorConfig(host, port, Optional.of(seed), auth, clock, nonceCapacity);
    }

    public EmulatorConfig withAuth(AuthMode auth) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity);
    }

    public EmulatorConfig withClock(Clock clock) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity);
    }

    public EmulatorConfig withNonceCapacity(int nonceCapacity) {
        return new EmulatorConfig(host, port, seed, auth, clock, nonceCapacity);
    }

    /** True when only this machine can reach the server. */
    public boolean isLoopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
