package dev.ensemu.server.proxy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A real (or other) ENS endpoint that ensemu forwards calls to, and the key it signs them with.
 *
 * @param endpoint      http(s)://host[:port]/, the ENS endpoint
 * @param keyId         the upstream AccessKeyId
 * @param keySecret     its secret: never logged, journaled or reported
 * @param securityToken the STS token of temporary upstream credentials
 * @param trustCert     a PEM certificate (chain) to trust for an HTTPS upstream, beside the JDK's authorities
 * @param timeout       the longest an upstream call may take, answer read whole
 */
public record UpstreamConfig(URI endpoint, String keyId, String keySecret, Optional<String> securityToken, Optional<Path> trustCert,
        Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public UpstreamConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("--upstream must be an http:// or https:// URL with a host, not \"" + endpoint + "\"");
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty()
                && !endpoint.getRawPath().equals("/")) {
            throw new IllegalArgumentException("--upstream is an endpoint (scheme, host, port), without a path or query: \"" + endpoint + "\"");
        }
        if (keyId == null || keyId.isBlank() || keySecret == null || keySecret.isBlank()) {
            throw new IllegalArgumentException("--upstream needs --upstream-key-id and --upstream-key-secret");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--upstream-timeout must be positive");
        }
        endpoint = URI.create(scheme + "://" + endpoint.getRawAuthority() + "/");
    }

    /** Never the secret or the token: a config may end up in a log line or an exception. */
    @Override
    public String toString() {
        return "UpstreamConfig[" + endpoint + ", key " + keyId + (securityToken.isPresent() ? ", with a security token" : "") + "]";
    }
}
