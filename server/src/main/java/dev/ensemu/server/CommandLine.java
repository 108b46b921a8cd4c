package dev.ensemu.server;

import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.logging.LogFormat;
import org.slf4j.event.Level;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Turns flags and environment variables into an {@link EmulatorConfig}. Flags win over the
 * environment, the environment over the defaults. A bad value is an {@link IllegalArgumentException}
 * whose message is the one line the user sees.
 */
final class CommandLine {
    /** What the user asked for: run with a config, or just print help or the version. */
    enum Request { RUN, HELP, VERSION, SELF_TEST }

    static final String HELP = """
            Usage: java -jar ensemu-server.jar [options]

            A local ENS DescribeExportImageInfo (2017-11-10) endpoint for the official Alibaba Cloud SDKs.

            Options (each also read from the environment variable shown):
              --host HOST         address to listen on (ENSEMU_HOST, default 127.0.0.1)
              --port PORT         port, 0 for any free port (ENSEMU_PORT, default 8080)
              --seed FILE         accounts, keys and images, JSON or YAML (ENSEMU_SEED, default: bundled dev seed)
              --auth MODE         verify: every request must be signed (default);
                                  anonymous: unsigned requests act as the first account (ENSEMU_AUTH)
              --nonce-capacity N  live signature nonces remembered at most (ENSEMU_NONCE_CAPACITY, default 1000000)
              --data-dir DIR      keep state (images, exports, accounts) in DIR across restarts (ENSEMU_DATA_DIR;
                                  default: in memory only)
              --admin-token T     bearer token of the control plane /_emulator/ (ENSEMU_ADMIN_TOKEN; default: random,
                                  printed at start-up)
              --no-admin          turn the control plane off (ENSEMU_NO_ADMIN=true)
              --journal-size N    recent calls kept by the journal (ENSEMU_JOURNAL_SIZE, default 1000)
              --journal-max-bytes N  heap the journal may hold; long values are cut (ENSEMU_JOURNAL_MAX_BYTES,
                                  default 16777216)
              --export-url-pattern P  URL of a finished export; {accountId}, {imageId}, {imageName} are replaced
                                  (ENSEMU_EXPORT_URL_PATTERN, default https://ensemu-exports.oss-cn-beijing.aliyuncs.com/{imageId}.qcow2)
              --max-header-bytes N      request line plus headers (ENSEMU_MAX_HEADER_BYTES, default 16384)
              --max-body-bytes N        RPC request body (ENSEMU_MAX_BODY_BYTES, default 1048576)
              --max-parameters N        RPC parameters, query plus form (ENSEMU_MAX_PARAMETERS, default 256)
              --read-timeout-seconds N  a stalled request body is cut off after N s (ENSEMU_READ_TIMEOUT_SECONDS, default 10)
              --idle-timeout-seconds N  an idle keep-alive connection is closed after N s (ENSEMU_IDLE_TIMEOUT_SECONDS, default 30)
              --shutdown-grace-seconds N  on SIGTERM, requests in flight get N s to finish (ENSEMU_SHUTDOWN_GRACE_SECONDS, default 10)
              --worker-threads N        threads serving requests (ENSEMU_WORKER_THREADS, default 32)
              --tls-port PORT     also serve HTTPS (TLS 1.2 and 1.3) on PORT, 0 for any free port (ENSEMU_TLS_PORT);
                                  the ready line prints the address and the certificate file to trust
              --tls-cert FILE     certificate (chain) in PEM for HTTPS (ENSEMU_TLS_CERT; default: a self-signed one for
                                  localhost, 127.0.0.1 and ::1, made at start-up or kept in --data-dir)
              --tls-key FILE      its private key in PEM, unencrypted (ENSEMU_TLS_KEY)
              --log-format F      text or json: one JSON object per line (ENSEMU_LOG_FORMAT, default text)
              --log-level L       error, warn, info, debug or trace; info shows one access-log line per request,
                                  warn hides them (ENSEMU_LOG_LEVEL, default info). Logs go to standard error.
              --no-replay-protection  accept a signature nonce more than once (benchmarks replaying pre-signed
                                  requests only; prints a warning)
              --self-test         start on a free port, answer one request of each kind, stop (exit 0 if all went right)
              --help              print this help and exit
              --version           print the version and exit
            """;

    private static final java.util.List<String> TLS_FLAGS = java.util.List.of("--tls-port", "--tls-cert", "--tls-key");
    private static final java.util.List<String> LIMIT_FLAGS = java.util.List.of("--max-header-bytes", "--max-body-bytes",
            "--max-parameters", "--read-timeout-seconds", "--idle-timeout-seconds", "--shutdown-grace-seconds", "--worker-threads");

    private CommandLine() {}

    record Parsed(Request request, EmulatorConfig config, Logging logging) {}

    /** How the command-line server logs (a process-wide matter, so not part of {@link EmulatorConfig}). */
    record Logging(LogFormat format, Level level) {
        static final Logging DEFAULT = new Logging(LogFormat.TEXT, Level.INFO);
    }

    static Parsed parse(String[] args, Map<String, String> env) {
        EmulatorConfig config = EmulatorConfig.defaults();
        Map<String, String> tls = new java.util.HashMap<>();
        for (String flag : TLS_FLAGS) {
            String value = env.get("ENSEMU_" + flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT));
            if (value != null) {
                tls.put(flag, value);
            }
        }
        Logging logging = logging(Logging.DEFAULT, "--log-format", env.get("ENSEMU_LOG_FORMAT"));
        logging = logging(logging, "--log-level", env.get("ENSEMU_LOG_LEVEL"));
        config = apply(config, "--host", env.get("ENSEMU_HOST"));
        config = apply(config, "--port", env.get("ENSEMU_PORT"));
        config = apply(config, "--seed", env.get("ENSEMU_SEED"));
        config = apply(config, "--auth", env.get("ENSEMU_AUTH"));
        config = apply(config, "--nonce-capacity", env.get("ENSEMU_NONCE_CAPACITY"));
        config = apply(config, "--data-dir", env.get("ENSEMU_DATA_DIR"));
        config = apply(config, "--admin-token", env.get("ENSEMU_ADMIN_TOKEN"));
        config = apply(config, "--journal-size", env.get("ENSEMU_JOURNAL_SIZE"));
        config = apply(config, "--journal-max-bytes", env.get("ENSEMU_JOURNAL_MAX_BYTES"));
        config = apply(config, "--export-url-pattern", env.get("ENSEMU_EXPORT_URL_PATTERN"));
        for (String flag : LIMIT_FLAGS) {
            config = apply(config, flag, env.get("ENSEMU_" + flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT)));
        }
        String noAdmin = env.get("ENSEMU_NO_ADMIN");
        if (noAdmin != null && !noAdmin.isBlank()) {
            config = config.withAdmin(!switchValue("ENSEMU_NO_ADMIN", noAdmin));
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Parsed(Request.HELP, config, logging);
            }
            if (arg.equals("--version")) {
                return new Parsed(Request.VERSION, config, logging);
            }
            if (arg.equals("--self-test")) {
                return new Parsed(Request.SELF_TEST, config, logging);
            }
            if (arg.equals("--no-admin")) {
                config = config.withAdmin(false);
                continue;
            }
            if (arg.equals("--no-replay-protection")) {
                config = config.withReplayProtection(false);
                continue;
            }
            String flag = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(isKnown(arg) ? arg + " needs a value" : "unknown option " + arg + " (see --help)");
            }
            if (flag.equals("--log-format") || flag.equals("--log-level")) {
                logging = logging(logging, flag, value);
                continue;
            }
            if (TLS_FLAGS.contains(flag)) {
                tls.put(flag, value);
                continue;
            }
            if (!isKnown(flag)) {
                throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
            }
            config = apply(config, flag, value);
        }
        return new Parsed(Request.RUN, tls(config, tls), logging);
    }

    /** The three TLS flags make one setting, whatever order they come in. */
    private static EmulatorConfig tls(EmulatorConfig config, Map<String, String> tls) {
        if (tls.isEmpty()) {
            return config;
        }
        if (!tls.containsKey("--tls-port")) {
            throw new IllegalArgumentException(String.join(" and ", new java.util.TreeSet<>(tls.keySet())) + " need --tls-port");
        }
        return config.withTls(new TlsConfig(number("--tls-port", tls.get("--tls-port"), 0, 65535),
                java.util.Optional.ofNullable(tls.get("--tls-cert")).map(Path::of),
                java.util.Optional.ofNullable(tls.get("--tls-key")).map(Path::of)));
    }

    private static boolean isKnown(String flag) {
        if (LIMIT_FLAGS.contains(flag) || TLS_FLAGS.contains(flag)) {
            return true;
        }
        return switch (flag) {
            case "--host", "--port", "--seed", "--auth", "--nonce-capacity", "--data-dir", "--admin-token", "--journal-size", "--journal-max-bytes",
                    "--export-url-pattern", "--log-format", "--log-level" -> true;
            default -> false;
        };
    }

    private static EmulatorConfig apply(EmulatorConfig config, String flag, String value) {
        if (value == null) {
            return config;
        }
        return switch (flag) {
            case "--host" -> {
                if (value.isBlank()) {
                    throw new IllegalArgumentException("--host must not be empty");
                }
                yield config.withHost(value);
            }
            case "--port" -> config.withPort(number(flag, value, 0, 65535));
            case "--seed" -> config.withSeed(Path.of(value));
            case "--auth" -> config.withAuth(authMode(value));
            case "--nonce-capacity" -> config.withNonceCapacity(number(flag, value, 1, Integer.MAX_VALUE));
            case "--data-dir" -> config.withDataDir(Path.of(value));
            case "--admin-token" -> {
                if (value.isBlank()) {
                    throw new IllegalArgumentException("--admin-token must not be empty");
                }
                yield config.withAdminToken(value);
            }
            case "--journal-size" -> config.withJournalSize(number(flag, value, 1, 10_000_000));
            case "--journal-max-bytes" -> config.withJournalMaxBytes(number(flag, value, 65_536, Integer.MAX_VALUE));
            case "--max-header-bytes" -> config.withLimits(config.limits().withMaxHeaderBytes(number(flag, value, 1024, 1 << 20)));
            case "--max-body-bytes" -> config.withLimits(config.limits().withMaxBodyBytes(number(flag, value, 1024, 64 << 20)));
            case "--max-parameters" -> config.withLimits(config.limits().withMaxParameters(number(flag, value, 16, 100_000)));
            case "--read-timeout-seconds" -> config.withLimits(config.limits().withReadTimeout(seconds(flag, value, 1, 3600)));
            case "--idle-timeout-seconds" -> config.withLimits(config.limits().withIdleTimeout(seconds(flag, value, 1, 3600)));
            case "--shutdown-grace-seconds" -> config.withLimits(config.limits().withShutdownGrace(seconds(flag, value, 0, 3600)));
            case "--worker-threads" -> config.withLimits(config.limits().withWorkerThreads(number(flag, value, 2, 1024)));
            case "--export-url-pattern" -> {
                if (!value.contains("{imageId}")) {
                    throw new IllegalArgumentException("--export-url-pattern must contain {imageId}");
                }
                yield config.withExportUrlPattern(value);
            }
            default -> throw new IllegalArgumentException("unknown option " + flag);
        };
    }

    private static Logging logging(Logging logging, String flag, String value) {
        if (value == null) {
            return logging;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (flag.equals("--log-format")) {
            return switch (lower) {
                case "text" -> new Logging(LogFormat.TEXT, logging.level());
                case "json" -> new Logging(LogFormat.JSON, logging.level());
                default -> throw new IllegalArgumentException("--log-format must be text or json, not \"" + value + "\"");
            };
        }
        return switch (lower) {
            case "error", "warn", "info", "debug", "trace" -> new Logging(logging.format(), Level.valueOf(lower.toUpperCase(Locale.ROOT)));
            default -> throw new IllegalArgumentException("--log-level must be error, warn, info, debug or trace, not \"" + value + "\"");
        };
    }

    private static boolean switchValue(String variable, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(variable + " must be true or false, not \"" + value + "\"");
        };
    }

    private static AuthMode authMode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "verify" -> AuthMode.VERIFY;
            case "anonymous" -> AuthMode.ANONYMOUS;
            default -> throw new IllegalArgumentException("--auth must be verify or anonymous, not \"" + value + "\"");
        };
    }

    private static java.time.Duration seconds(String flag, String value, int min, int max) {
        return java.time.Duration.ofSeconds(number(flag, value, min, max));
    }

    private static int number(String flag, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number from " + min + " to " + max + ", not \"" + value + "\"");
        }
    }
}
