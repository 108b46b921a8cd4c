package dev.ensemu.conformance;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The endpoint under test and how to sign for it. Chosen by the runner's flags, or (for runs
 * through Maven) by system properties {@code ens.endpoint}, {@code ens.accessKeyId},
 * {@code ens.accessKeySecret}, {@code ens.signature}, {@code ens.timeoutSeconds} or the
 * environment variables {@code ENS_ENDPOINT}, {@code ENS_ACCESS_KEY_ID},
 * {@code ENS_ACCESS_KEY_SECRET}, {@code ENS_SIGNATURE}, {@code ENS_TIMEOUT_SECONDS}. With no
 * endpoint at all, the packaged ensemu server named by {@code ensemu.server.jar} is started.
 * {@code ens.adminToken} / {@code ENS_ADMIN_TOKEN} give the token of an ensemu control plane, which
 * turns on the seeded checks.
 */
public record Target(URI endpoint, Optional<String> accessKeyId, Optional<String> accessKeySecret,
        SignatureScheme signature, Duration timeout, Optional<String> adminToken) {

    private static volatile Target current;

    public Target {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("endpoint must be an http or https URL, not \"" + endpoint + "\"");
        }
        if (signature != SignatureScheme.NONE && (accessKeyId.isEmpty() || accessKeySecret.isEmpty())) {
            throw new IllegalArgumentException("signature " + signature.name().toLowerCase() + " needs an AccessKeyId and secret");
        }
    }

    /** True when requests are signed, so signature checks apply. */
    public boolean signs() {
        return signature != SignatureScheme.NONE;
    }

    /** The target of this run: set by the runner, else read from properties and environment once. */
    public static synchronized Target current() {
        if (current == null) {
            current = fromProperties(System.getenv());
        }
        return current;
    }

    /** Makes every following check run against {@code target}. */
    public static synchronized void use(Target target) {
        current = target;
    }

    static Target fromProperties(Map<String, String> env) {
        String endpoint = setting("ens.endpoint", "ENS_ENDPOINT", env);
        Duration timeout = Duration.ofSeconds(Long.parseLong(
                Optional.ofNullable(setting("ens.timeoutSeconds", "ENS_TIMEOUT_SECONDS", env)).orElse("10")));
        if (endpoint == null) {
            return LocalServer.shared().target(timeout);
        }
        Optional<String> keyId = Optional.ofNullable(setting("ens.accessKeyId", "ENS_ACCESS_KEY_ID", env));
        Optional<String> secret = Optional.ofNullable(setting("ens.accessKeySecret", "ENS_ACCESS_KEY_SECRET", env));
        String signature = setting("ens.signature", "ENS_SIGNATURE", env);
        SignatureScheme scheme = signature != null ? SignatureScheme.parse(signature)
                : keyId.isPresent() ? SignatureScheme.V1 : SignatureScheme.NONE;
        return new Target(URI.create(endpoint), keyId, secret, scheme, timeout,
                Optional.ofNullable(setting("ens.adminToken", "ENS_ADMIN_TOKEN", env)));
    }

    /** The same target reached at another address (e.g. through a proxy). */
    public Target at(URI otherEndpoint) {
        return new Target(otherEndpoint, accessKeyId, accessKeySecret, signature, timeout, adminToken);
    }

    public Target signedWith(SignatureScheme scheme) {
        return new Target(endpoint, accessKeyId, accessKeySecret, scheme, timeout, adminToken);
    }

    private static String setting(String property, String variable, Map<String, String> env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = env.get(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
