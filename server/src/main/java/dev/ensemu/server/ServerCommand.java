package dev.ensemu.server;

import dev.ensemu.server.storage.DatabaseUrl;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.logging.LogFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.event.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The server's command line, with picocli: each option is declared once here (its name, its
 * environment variable {@code ENSEMU_<NAME>}, its default and its help line). Flags win over the
 * environment, the environment over the defaults. Values are read as text and checked here, so a
 * bad one is an {@link IllegalArgumentException} whose message is the one line the user sees,
 * whether it came from a flag or from the environment.
 */
@Command(name = "java -jar ensemu-server.jar", sortOptions = false, usageHelpWidth = 118,
        description = "A local ENS DescribeExportImageInfo (2017-11-10) endpoint for the official Alibaba Cloud SDKs.",
        footer = "%nEach option is also read from the environment variable shown; a flag wins over it.")
final class ServerCommand {
    /** What the user asked for: run with a config, or just print help or the version, or test itself. */
    enum Request { RUN, HELP, VERSION, SELF_TEST }

    record Parsed(Request request, EmulatorConfig config, Logging logging) {}

    /** How the command-line server logs (a process-wide matter, so not part of {@link EmulatorConfig}). */
    record Logging(LogFormat format, Level level) {
        static final Logging DEFAULT = new Logging(LogFormat.TEXT, Level.INFO);
    }

    @Option(names = "--host", paramLabel = "HOST", defaultValue = EmulatorConfig.DEFAULT_HOST,
            description = "address to listen on (ENSEMU_HOST, default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "port, 0 for any free port (ENSEMU_PORT, default ${DEFAULT-VALUE})")
    String port;

    @Option(names = "--seed", paramLabel = "FILE",
            description = "accounts, keys and images, JSON or YAML (ENSEMU_SEED, default: the bundled development seed)")
    String seed;

    @Option(names = "--auth", paramLabel = "MODE", defaultValue = "verify",
            description = {"verify: every request must be signed (default);",
                    "anonymous: unsigned requests act as the first account (ENSEMU_AUTH)"})
    String auth;

    @Option(names = "--nonce-capacity", paramLabel = "N", defaultValue = "1000000",
            description = "live signature nonces remembered at most (ENSEMU_NONCE_CAPACITY, default ${DEFAULT-VALUE})")
    String nonceCapacity;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "keep state (images, exports, accounts, keys) in DIR across restarts (ENSEMU_DATA_DIR; default: in memory)")
    String dataDir;

    @Option(names = "--database", paramLabel = "URL",
            description = {"share state with other instances in PostgreSQL: postgresql://user:password@host:port/db or",
                    "jdbc:postgresql://... (ENSEMU_DATABASE; default: in memory, or --data-dir)"})
    String database;

    @Option(names = "--admin-token", paramLabel = "T",
            description = "bearer token of the control plane /_emulator/ (ENSEMU_ADMIN_TOKEN; default: random, printed at start-up)")
    String adminToken;

    @Option(names = "--no-admin", description = "turn the control plane off (ENSEMU_NO_ADMIN=true)")
    boolean noAdmin;

    @Option(names = "--journal-size", paramLabel = "N", defaultValue = "1000",
            description = "recent calls kept by the journal (ENSEMU_JOURNAL_SIZE, default ${DEFAULT-VALUE})")
    String journalSize;

    @Option(names = "--journal-max-bytes", paramLabel = "N", defaultValue = "16777216",
            description = "heap the journal may hold; long values are cut (ENSEMU_JOURNAL_MAX_BYTES, default ${DEFAULT-VALUE})")
    String journalMaxBytes;

    @Option(names = "--export-url-pattern", paramLabel = "P", defaultValue = EmulatorConfig.DEFAULT_EXPORT_URL_PATTERN,
            description = {"URL of a finished export; {accountId}, {imageId}, {imageName} are replaced",
                    "(ENSEMU_EXPORT_URL_PATTERN, default ${DEFAULT-VALUE})"})
    String exportUrlPattern;

    @Option(names = "--max-header-bytes", paramLabel = "N", defaultValue = "16384",
            description = "request line plus headers (ENSEMU_MAX_HEADER_BYTES, default ${DEFAULT-VALUE})")
    String maxHeaderBytes;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "RPC request body (ENSEMU_MAX_BODY_BYTES, default ${DEFAULT-VALUE})")
    String maxBodyBytes;

    @Option(names = "--max-parameters", paramLabel = "N", defaultValue = "256",
            description = "RPC parameters, query plus form (ENSEMU_MAX_PARAMETERS, default ${DEFAULT-VALUE})")
    String maxParameters;

    @Option(names = "--read-timeout-seconds", paramLabel = "N", defaultValue = "10",
            description = "a stalled request body is cut off after N s (ENSEMU_READ_TIMEOUT_SECONDS, default ${DEFAULT-VALUE})")
    String readTimeoutSeconds;

    @Option(names = "--idle-timeout-seconds", paramLabel = "N", defaultValue = "30",
            description = "an idle keep-alive connection is closed after N s (ENSEMU_IDLE_TIMEOUT_SECONDS, default ${DEFAULT-VALUE})")
    String idleTimeoutSeconds;

    @Option(names = "--shutdown-grace-seconds", paramLabel = "N", defaultValue = "10",
            description = "on SIGTERM, requests in flight get N s to finish (ENSEMU_SHUTDOWN_GRACE_SECONDS, default ${DEFAULT-VALUE})")
    String shutdownGraceSeconds;

    @Option(names = "--worker-threads", paramLabel = "N", defaultValue = "32",
            description = "threads serving requests (ENSEMU_WORKER_THREADS, default ${DEFAULT-VALUE})")
    String workerThreads;

    @Option(names = "--tls-port", paramLabel = "PORT",
            description = {"also serve HTTPS (TLS 1.2 and 1.3) on PORT, 0 for any free port (ENSEMU_TLS_PORT);",
                    "the ready line prints the address and the certificate file to trust"})
    String tlsPort;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = {"certificate (chain) in PEM for HTTPS (ENSEMU_TLS_CERT; default: a self-signed one for",
                    "localhost, 127.0.0.1 and ::1, made at start-up or kept in --data-dir)"})
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "its private key in PEM, unencrypted (ENSEMU_TLS_KEY)")
    String tlsKey;

    @Option(names = "--log-format", paramLabel = "F", defaultValue = "text",
            description = "text or json: one JSON object per line (ENSEMU_LOG_FORMAT, default ${DEFAULT-VALUE})")
    String logFormat;

    @Option(names = "--log-level", paramLabel = "L", defaultValue = "info",
            description = {"error, warn, info, debug or trace; info shows one access-log line per request,",
                    "warn hides them (ENSEMU_LOG_LEVEL, default ${DEFAULT-VALUE}). Logs go to standard error."})
    String logLevel;

    @Option(names = "--no-replay-protection",
            description = "accept a signature nonce more than once (benchmarks replaying pre-signed requests only; prints a warning)")
    boolean noReplayProtection;

    @Option(names = "--self-test", description = "start on a free port, answer one request of each kind, stop (exit 0 if all went right)")
    boolean selfTest;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "print the version and exit")
    boolean version;

    private ServerCommand() {}

    /** The usage text, from the declarations above. */
    static String help() {
        return new CommandLine(new ServerCommand()).getUsageMessage();
    }

    /** The environment variable of an option: {@code --max-body-bytes} is {@code ENSEMU_MAX_BODY_BYTES}. */
    static String environmentVariable(String option) {
        return "ENSEMU_" + option.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    static Parsed parse(String[] args, Map<String, String> env) {
        ServerCommand options = new ServerCommand();
        CommandLine cli = new CommandLine(options).setDefaultValueProvider(spec -> fromEnvironment(spec, env));
        try {
            cli.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new IllegalArgumentException("unknown option " + e.getUnmatched().get(0) + " (see --help)");
        } catch (CommandLine.MissingParameterException e) {
            throw new IllegalArgumentException(((OptionSpec) e.getMissing().get(0)).longestName() + " needs a value");
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Request request = options.help ? Request.HELP : options.version ? Request.VERSION
                : options.selfTest ? Request.SELF_TEST : Request.RUN;
        return new Parsed(request, options.config(cli, env), options.logging());
    }

    /** The option's environment variable, for options that take a value (switches are read in {@link #config}). */
    private static String fromEnvironment(ArgSpec spec, Map<String, String> env) {
        if (!(spec instanceof OptionSpec option) || option.arity().max() == 0) {
            return null;
        }
        String value = env.get(environmentVariable(option.longestName()));
        return value == null || value.isBlank() ? option.defaultValue() : value;
    }

    private EmulatorConfig config(CommandLine cli, Map<String, String> env) {
        boolean admin = !(noAdmin || envSwitch(env, "--no-admin"));
        EmulatorConfig.Builder config = EmulatorConfig.builder()
                .host(notBlank("--host", host))
                .port(number("--port", port, 0, 65535))
                .auth(authMode(auth))
                .nonceCapacity(number("--nonce-capacity", nonceCapacity, 1, Integer.MAX_VALUE))
                .admin(admin)
                .journalSize(number("--journal-size", journalSize, 1, 10_000_000))
                .journalMaxBytes(number("--journal-max-bytes", journalMaxBytes, 65_536, Integer.MAX_VALUE))
                .exportUrlPattern(exportUrlPattern(exportUrlPattern))
                .replayProtection(!noReplayProtection)
                .limits(Limits.builder()
                        .maxHeaderBytes(number("--max-header-bytes", maxHeaderBytes, 1024, 1 << 20))
                        .maxBodyBytes(number("--max-body-bytes", maxBodyBytes, 1024, 64 << 20))
                        .maxParameters(number("--max-parameters", maxParameters, 16, 100_000))
                        .readTimeout(seconds("--read-timeout-seconds", readTimeoutSeconds, 1))
                        .idleTimeout(seconds("--idle-timeout-seconds", idleTimeoutSeconds, 1))
                        .shutdownGrace(seconds("--shutdown-grace-seconds", shutdownGraceSeconds, 0))
                        .workerThreads(number("--worker-threads", workerThreads, 2, 1024))
                        .build());
        Optional.ofNullable(seed).map(Path::of).ifPresent(config::seed);
        Optional.ofNullable(dataDir).map(Path::of).ifPresent(config::dataDir);
        Optional.ofNullable(database).map(DatabaseUrl::parse).ifPresent(config::database);
        Optional.ofNullable(adminToken).map(token -> notBlank("--admin-token", token)).ifPresent(config::adminToken);
        tls().ifPresent(config::tls);
        return config.build();
    }

    /** The three TLS options make one setting. */
    private Optional<TlsConfig> tls() {
        if (tlsPort == null) {
            if (tlsCert != null || tlsKey != null) {
                throw new IllegalArgumentException((tlsCert != null ? "--tls-cert" : "--tls-key") + " needs --tls-port");
            }
            return Optional.empty();
        }
        return Optional.of(new TlsConfig(number("--tls-port", tlsPort, 0, 65535),
                Optional.ofNullable(tlsCert).map(Path::of), Optional.ofNullable(tlsKey).map(Path::of)));
    }

    private Logging logging() {
        LogFormat format = switch (logFormat.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new IllegalArgumentException("--log-format must be text or json, not \"" + logFormat + "\"");
        };
        Level level = switch (logLevel.strip().toLowerCase(Locale.ROOT)) {
            case "error", "warn", "info", "debug", "trace" -> Level.valueOf(logLevel.strip().toUpperCase(Locale.ROOT));
            default -> throw new IllegalArgumentException(
                    "--log-level must be error, warn, info, debug or trace, not \"" + logLevel + "\"");
        };
        return new Logging(format, level);
    }

    private static boolean envSwitch(Map<String, String> env, String option) {
        String variable = environmentVariable(option);
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(variable + " must be true or false, not \"" + value + "\"");
        };
    }

    private static String notBlank(String option, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(option + " must not be empty");
        }
        return value;
    }

    private static AuthMode authMode(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "verify" -> AuthMode.VERIFY;
            case "anonymous" -> AuthMode.ANONYMOUS;
            default -> throw new IllegalArgumentException("--auth must be verify or anonymous, not \"" + value + "\"");
        };
    }

    private static String exportUrlPattern(String value) {
        if (!value.contains("{imageId}")) {
            throw new IllegalArgumentException("--export-url-pattern must contain {imageId}");
        }
        return value;
    }

    private static Duration seconds(String option, String value, int min) {
        return Duration.ofSeconds(number(option, value, min, 3600));
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max + ", not \"" + value + "\"");
        }
    }
}
