package dev.ensemu.conformance.endpoint;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * turns on the seeded checks. {@code ens.securityToken} / {@code ENS_SECURITY_TOKEN} is the token of
 * temporary (STS) credentials, sent with every signed request (and turns on the STS checks);
 * {@code ens.trustCert} / {@code ENS_TRUST_CERT} a PEM certificate to trust for an https endpoint;
 * {@code ens.strict} / {@code ENS_STRICT} makes SHOULD failures fail the run;
 * {@code ens.unpermittedAccessKeyId} / {@code ens.unpermittedAccessKeySecret} (or
 * {@code ENS_UNPERMITTED_ACCESS_KEY_ID} / {@code ENS_UNPERMITTED_ACCESS_KEY_SECRET}) a key whose
 * account may not call the operation, which turns on the permission check; {@code ens.otherAccessKeyId} /
 * {@code ens.otherAccessKeySecret} ({@code ENS_OTHER_ACCESS_KEY_ID} / {@code ENS_OTHER_ACCESS_KEY_SECRET}) a
 * key of another account, which turns on the isolation checks; {@code ens.operations} /
 * {@code ENS_OPERATIONS} the operations the endpoint must implement (comma-separated);
 * {@code ens.limitedAccessKeyId} / {@code ens.limitedAccessKeySecret} / {@code ens.limitedKeyOperations} (or
 * {@code ENS_LIMITED_ACCESS_KEY_ID} / {@code ENS_LIMITED_ACCESS_KEY_SECRET} / {@code ENS_LIMITED_KEY_OPERATIONS}) a key
 * that may call only the operations listed, which turns on the per-operation permission check;
 * {@code ens.exportTimeoutSeconds} / {@code ENS_EXPORT_TIMEOUT_SECONDS} how long the flow checks wait for an export to end.
 *
 * @param otherAccount       a key of another account (isolation checks), or empty
 * @param limited            a key that may call only some operations (per-operation permission checks), or empty
 * @param requiredOperations the operations the endpoint must implement; the others may be missing
 * @param exportTimeout      how long a flow check waits for an export to end
 */
public record Target(URI endpoint, Optional<String> accessKeyId, Optional<String> accessKeySecret,
        SignatureScheme signature, Duration timeout, Optional<String> adminToken, Optional<String> securityToken,
        Optional<Path> trustCert, boolean strict, Optional<Credentials> unpermitted, Optional<Credentials> otherAccount,
        Optional<LimitedKey> limited, List<String> requiredOperations, Duration exportTimeout) {
    /** {@code --operations all} / {@code ens.operations=all}: every operation of the OpenAPI document is required. */
    public static final String ALL = "all";

    public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(60);

    /** An AccessKey pair. */
    public record Credentials(String accessKeyId, String secret) {}

    /** A key whose account may call only some operations (a RAM policy such as {@code ens:Describe*}): the permission checks (PERM-*). */
    public record LimitedKey(Credentials key, List<String> operations) {
        public LimitedKey {
            operations = List.copyOf(operations);
        }
    }

    private static volatile Target current;

    /** No key of another account, no operation required, the default export timeout. */
    public Target(URI endpoint, Optional<String> accessKeyId, Optional<String> accessKeySecret, SignatureScheme signature,
            Duration timeout, Optional<String> adminToken, Optional<String> securityToken, Optional<Path> trustCert, boolean strict,
            Optional<Credentials> unpermitted) {
        this(endpoint, accessKeyId, accessKeySecret, signature, timeout, adminToken, securityToken, trustCert, strict, unpermitted,
                Optional.empty(), Optional.empty(), List.of(), DEFAULT_EXPORT_TIMEOUT);
    }

    /** Long-term credentials, the endpoint's usual trust. */
    public Target(URI endpoint, Optional<String> accessKeyId, Optional<String> accessKeySecret, SignatureScheme signature,
            Duration timeout, Optional<String> adminToken) {
        this(endpoint, accessKeyId, accessKeySecret, signature, timeout, adminToken, Optional.empty(), Optional.empty(), false,
                Optional.empty());
    }

    public Target {
        Objects.requireNonNull(endpoint, "endpoint");
        requiredOperations = List.copyOf(requiredOperations);
        if (exportTimeout.isNegative() || exportTimeout.isZero()) {
            throw new IllegalArgumentException("the export timeout must be positive, not " + exportTimeout);
        }
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("endpoint must be an http or https URL, not \"" + endpoint + "\"");
        }
        if (signature != SignatureScheme.NONE && (accessKeyId.isEmpty() || accessKeySecret.isEmpty())) {
            throw new IllegalArgumentException("signature " + signature.name().toLowerCase() + " needs an AccessKeyId and secret");
        }
        if (securityToken.isPresent() && signature == SignatureScheme.NONE) {
            throw new IllegalArgumentException("a security token needs signed requests (an AccessKeyId and secret)");
        }
        if (trustCert.isPresent() && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("a certificate to trust needs an https endpoint, not \"" + endpoint + "\"");
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

    /** The target the {@code ens.*} system properties and {@code ENS_*} variables name (the packaged server without an endpoint). */
    public static Target fromProperties(Map<String, String> env) {
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
                Optional.ofNullable(setting("ens.adminToken", "ENS_ADMIN_TOKEN", env)),
                Optional.ofNullable(setting("ens.securityToken", "ENS_SECURITY_TOKEN", env)),
                Optional.ofNullable(setting("ens.trustCert", "ENS_TRUST_CERT", env)).map(Path::of),
                Boolean.parseBoolean(setting("ens.strict", "ENS_STRICT", env)),
                credentials(setting("ens.unpermittedAccessKeyId", "ENS_UNPERMITTED_ACCESS_KEY_ID", env),
                        setting("ens.unpermittedAccessKeySecret", "ENS_UNPERMITTED_ACCESS_KEY_SECRET", env)),
                credentials(setting("ens.otherAccessKeyId", "ENS_OTHER_ACCESS_KEY_ID", env),
                        setting("ens.otherAccessKeySecret", "ENS_OTHER_ACCESS_KEY_SECRET", env)),
                limitedKey(setting("ens.limitedAccessKeyId", "ENS_LIMITED_ACCESS_KEY_ID", env),
                        setting("ens.limitedAccessKeySecret", "ENS_LIMITED_ACCESS_KEY_SECRET", env),
                        setting("ens.limitedKeyOperations", "ENS_LIMITED_KEY_OPERATIONS", env)),
                operations(setting("ens.operations", "ENS_OPERATIONS", env)),
                Optional.ofNullable(setting("ens.exportTimeoutSeconds", "ENS_EXPORT_TIMEOUT_SECONDS", env))
                        .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds))).orElse(DEFAULT_EXPORT_TIMEOUT));
    }

    /** The same target reached at another address (e.g. through a proxy). */
    public Target at(URI otherEndpoint) {
        return new Target(otherEndpoint, accessKeyId, accessKeySecret, signature, timeout, adminToken, securityToken,
                "https".equals(otherEndpoint.getScheme()) ? trustCert : Optional.empty(), strict, unpermitted, otherAccount,
                limited, requiredOperations, exportTimeout);
    }

    public Target signedWith(SignatureScheme scheme) {
        return new Target(endpoint, accessKeyId, accessKeySecret, scheme, timeout, adminToken, securityToken, trustCert, strict, unpermitted,
                otherAccount, limited, requiredOperations, exportTimeout);
    }

    /** The same target with temporary credentials: their key, secret and token. */
    public Target withTemporaryCredentials(String keyId, String secret, String token) {
        return new Target(endpoint, Optional.of(keyId), Optional.of(secret), signature == SignatureScheme.NONE ? SignatureScheme.V1 : signature,
                timeout, adminToken, Optional.of(token), trustCert, strict, unpermitted, otherAccount, limited, requiredOperations, exportTimeout);
    }

    /** The same target, with SHOULD failures failing the run (strict) or only reported. */
    public Target strict(boolean strictRun) {
        return new Target(endpoint, accessKeyId, accessKeySecret, signature, timeout, adminToken, securityToken, trustCert, strictRun,
                unpermitted, otherAccount, limited, requiredOperations, exportTimeout);
    }

    /** The same target, with a key whose account may not call the operation (for the permission check). */
    public Target withUnpermittedKey(Credentials key) {
        return new Target(endpoint, accessKeyId, accessKeySecret, signature, timeout, adminToken, securityToken, trustCert, strict,
                Optional.of(key), otherAccount, limited, requiredOperations, exportTimeout);
    }

    /** The same target, with a key of another account (for the isolation checks). */
    public Target withOtherAccount(Credentials key) {
        return new Target(endpoint, accessKeyId, accessKeySecret, signature, timeout, adminToken, securityToken, trustCert, strict,
                unpermitted, Optional.of(key), limited, requiredOperations, exportTimeout);
    }

    /** The same target, with a key that may call only some operations (for the permission checks). */
    public Target withLimitedKey(LimitedKey key) {
        return new Target(endpoint, accessKeyId, accessKeySecret, signature, timeout, adminToken, securityToken, trustCert, strict,
                unpermitted, otherAccount, Optional.of(key), requiredOperations, exportTimeout);
    }

    /** The same target, requiring these operations and waiting this long for an export to end. */
    public Target withOperations(List<String> required, Duration exportWait) {
        return new Target(endpoint, accessKeyId, accessKeySecret, signature, timeout, adminToken, securityToken, trustCert, strict,
                unpermitted, otherAccount, limited, required, exportWait);
    }

    /** A comma-separated list of Actions, e.g. {@code ExportImage,DescribeExportImageStatus}; null or blank for none. */
    public static List<String> operations(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        if (list.strip().equals(ALL)) {
            return List.of(ALL);
        }
        List<String> actions = java.util.Arrays.stream(list.split(",")).map(String::strip).toList();
        if (actions.contains(ALL)) {
            throw new IllegalArgumentException("--operations all stands alone, not beside other names: \"" + list + "\"");
        }
        if (actions.stream().anyMatch(a -> !a.matches("[A-Za-z][A-Za-z0-9]*"))) {
            throw new IllegalArgumentException("--operations must be Action names separated by commas, not \"" + list + "\"");
        }
        return actions;
    }

    /** The required operations among the document's: every one of them for {@code --operations all}. */
    public List<String> requiredAmong(List<String> documented) {
        return requiredOperations.equals(List.of(ALL)) ? documented : requiredOperations;
    }

    /**
     * A limited key: its pair and the comma-separated operations it may call (Action names, checked
     * against the document by the runner), all three or none.
     */
    public static Optional<LimitedKey> limitedKey(String accessKeyId, String secret, String operations) {
        Optional<Credentials> key = credentials(accessKeyId, secret);
        if (key.isPresent() != (operations != null && !operations.isBlank())) {
            throw new IllegalArgumentException("a limited key needs its AccessKeyId, its secret and the operations it may call"
                    + " (--limited-key-id, --limited-key-secret, --limited-key-operations)");
        }
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<String> actions = java.util.Arrays.stream(operations.split(",")).map(String::strip).toList();
        if (actions.stream().anyMatch(a -> !a.matches("[A-Za-z][A-Za-z0-9]*"))) {
            throw new IllegalArgumentException("--limited-key-operations must be Action names separated by commas, not \"" + operations + "\"");
        }
        return Optional.of(new LimitedKey(key.get(), actions));
    }

    /** Both halves of a key pair, or neither. */
    public static Optional<Credentials> credentials(String accessKeyId, String secret) {
        if ((accessKeyId == null) != (secret == null)) {
            throw new IllegalArgumentException("a key pair needs both its AccessKeyId and its secret");
        }
        return accessKeyId == null ? Optional.empty() : Optional.of(new Credentials(accessKeyId, secret));
    }

    private static String setting(String property, String variable, Map<String, String> env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = env.get(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
