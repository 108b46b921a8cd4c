package dev.ensemu.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS beside HTTP.
 *
 * @param port        the HTTPS port, 0 for any free one
 * @param certificate the certificate (chain) in PEM, or empty for a self-signed one made at start-up
 * @param key         its private key in PEM; given exactly when the certificate is
 */
public record TlsConfig(int port, Optional<Path> certificate, Optional<Path> key) {
    public TlsConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--tls-port must be between 0 and 65535, not " + port);
        }
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both or neither");
        }
    }

    /** HTTPS on {@code port} with a self-signed certificate. */
    public static TlsConfig selfSigned(int port) {
        return new TlsConfig(port, Optional.empty(), Optional.empty());
    }
}
