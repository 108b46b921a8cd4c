package dev.ensemu.server.proxy;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * ensemu as a proxy: where calls go, and what it keeps of them.
 *
 * @param record           write the images the answers revealed as a seed file here
 * @param violationsReport write the violations report (JUnit XML, JSON, HTML) into this folder on shutdown
 */
public record ProxyConfig(UpstreamConfig upstream, Optional<Path> record, Optional<Path> violationsReport) {
    public ProxyConfig {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(violationsReport, "violationsReport");
    }
}
