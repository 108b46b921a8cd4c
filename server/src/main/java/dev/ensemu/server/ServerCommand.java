package dev.ensemu.server;

import dev.ensemu.server.storage.DatabaseUrl;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.logging.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.event.Level;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The server's command line, with picocli: each option is declared once here (its name, its
 * environment variable {@code ENSEMU_<NAME>}, its default and its help line). Flags win over the
 * environment, the environment over the defaults. Values are read as text and checked here, so a
 * bad one is an {@link IllegalArgumentException} whose message is the one line the user sees,
 * whether it came from a flag or from the environment.
 *
 * <p>Options are built with picocli's programmatic API rather than annotations, which picocli reads
 * with reflection and proxy classes at every start-up. Each default is defined once, in
 * {@link EmulatorConfig} or {@link Limits}, and shown from there.
 */
final class ServerCommand {
    /** What the user asked for: run with a config, or just print help or the version, or test itself. */
    enum Request { RUN, HELP, VERSION, SELF_TEST, HEALTH_CHECK }

    record Parsed(Request request, EmulatorConfig config, Logging logging) {}

    /** How the command-line server logs (a process-wide matter, so not part of {@link EmulatorConfig}). */
    record Logging(LogFormat format, Level level) {
        static final Logging DEFAULT = new Logging(LogFormat.TEXT, Level.INFO);
    }

    private final CommandSpec spec = CommandSpec.create()
            .name("java -jar ensemu-server.jar")
            .addOption(value("--host", "HOST", EmulatorConfig.DEFAULT_HOST, "address to listen on (ENSEMU_HOST, default ${DEFAULT-VALUE})"))
            .addOption(value("--port", "PORT", text(EmulatorConfig.DEFAULT_PORT), "port, 0 for any free port (ENSEMU_PORT, default ${DEFAULT-VALUE})"))
            .addOption(value("--seed", "FILE", null,
                    "accounts, keys and images, JSON or YAML (ENSEMU_SEED, default: the bundled development seed)"))
            .addOption(value("--auth", "MODE", "verify", "verify: every request must be signed (default);",
                    "anonymous: unsigned requests act as the first account (ENSEMU_AUTH)"))
            .addOption(value("--nonce-capacity", "N", text(EmulatorConfig.DEFAULT_NONCE_CAPACITY),
                    "live signature nonces remembered at most (ENSEMU_NONCE_CAPACITY, default ${DEFAULT-VALUE})"))
            .addOption(value("--data-dir", "DIR", null,
                    "keep state (images, exports, accounts, keys) in DIR across restarts (ENSEMU_DATA_DIR; default: in memory)"))
            .addOption(value("--database", "URL", null,
                    "share state with other instances in PostgreSQL: postgresql://user:password@host:port/db or",
                    "jdbc:postgresql://... (ENSEMU_DATABASE; default: in memory, or --data-dir)"))
            .addOption(value("--admin-token", "T", null,
                    "bearer token of the control plane /_emulator/ (ENSEMU_ADMIN_TOKEN; default: random, printed at start-up)"))
            .addOption(flag("--no-admin", "turn the control plane off (ENSEMU_NO_ADMIN=true)"))
            .addOption(value("--journal-size", "N", text(EmulatorConfig.DEFAULT_JOURNAL_SIZE),
                    "recent calls kept by the journal (ENSEMU_JOURNAL_SIZE, default ${DEFAULT-VALUE})"))
            .addOption(value("--journal-max-bytes", "N", text(EmulatorConfig.DEFAULT_JOURNAL_MAX_BYTES),
                    "heap the journal may hold; long values are cut (ENSEMU_JOURNAL_MAX_BYTES, default ${DEFAULT-VALUE})"))
            .addOption(value("--export-url-pattern", "P", EmulatorConfig.DEFAULT_EXPORT_URL_PATTERN,
                    "URL of a finished export; {accountId}, {imageId}, {imageName} are replaced",
                    "(ENSEMU_EXPORT_URL_PATTERN, default ${DEFAULT-VALUE})"))
            .addOption(value("--export-duration", "D", "2s",
                    "how long an export started with ExportImage takes: 1500ms, 2s, 5m, 0 = it ends at once",
                    "(ENSEMU_EXPORT_DURATION, default ${DEFAULT-VALUE})"))
            .addOption(value("--max-header-bytes", "N", text(Limits.DEFAULTS.maxHeaderBytes()),
                    "request line plus headers (ENSEMU_MAX_HEADER_BYTES, default ${DEFAULT-VALUE})"))
            .addOption(value("--max-body-bytes", "N", text(Limits.DEFAULTS.maxBodyBytes()), "RPC request body (ENSEMU_MAX_BODY_BYTES, default ${DEFAULT-VALUE})"))
            .addOption(value("--max-parameters", "N", text(Limits.DEFAULTS.maxParameters()),
                    "RPC parameters, query plus form (ENSEMU_MAX_PARAMETERS, default ${DEFAULT-VALUE})"))
            .addOption(value("--read-timeout-seconds", "N", text(Limits.DEFAULTS.readTimeout().toSeconds()),
                    "a stalled request body is cut off after N s (ENSEMU_READ_TIMEOUT_SECONDS, default ${DEFAULT-VALUE})"))
            .addOption(value("--idle-timeout-seconds", "N", text(Limits.DEFAULTS.idleTimeout().toSeconds()),
                    "an idle keep-alive connection is closed after N s (ENSEMU_IDLE_TIMEOUT_SECONDS, default ${DEFAULT-VALUE})"))
            .addOption(value("--shutdown-grace-seconds", "N", text(Limits.DEFAULTS.shutdownGrace().toSeconds()),
                    "on SIGTERM, requests in flight get N s to finish (ENSEMU_SHUTDOWN_GRACE_SECONDS, default ${DEFAULT-VALUE})"))
            .addOption(value("--worker-threads", "N", text(Limits.DEFAULTS.workerThreads()), "threads serving requests (ENSEMU_WORKER_THREADS, default ${DEFAULT-VALUE})"))
            .addOption(value("--tls-port", "PORT", null,
                    "also serve HTTPS (TLS 1.2 and 1.3) on PORT, 0 for any free port (ENSEMU_TLS_PORT);",
                    "the ready line prints the address and the certificate file to trust"))
            .addOption(value("--tls-cert", "FILE", null,
                    "certificate (chain) in PEM for HTTPS (ENSEMU_TLS_CERT; default: a self-signed one for",
                    "localhost, 127.0.0.1 and ::1, made at start-up or kept in --data-dir)"))
            .addOption(value("--tls-key", "FILE", null, "its private key in PEM, unencrypted (ENSEMU_TLS_KEY)"))
            .addOption(value("--log-format", "F", "text",
                    "text or json: one JSON object per line (ENSEMU_LOG_FORMAT, default ${DEFAULT-VALUE})"))
            .addOption(value("--log-level", "L", "info",
                    "error, warn, info, debug or trace; info shows one access-log line per request,",
                    "warn hides them (ENSEMU_LOG_LEVEL, default ${DEFAULT-VALUE}). Logs go to standard error."))
            .addOption(flag("--no-replay-protection",
                    "accept a signature nonce more than once (benchmarks replaying pre-signed requests only; prints a warning)"))
            .addOption(flag("--self-test", "start on a free port, answer one request of each kind, stop (exit 0 if all went right)"))
            .addOption(flag("--health-check", "ask the server on --host/--port for its health and exit 0 if it is UP, 1 if not"
                    + " (a container's HEALTHCHECK; needs the control plane)"))
            .addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("print this help and exit").build())
            .addOption(OptionSpec.builder("--version").versionHelp(true).description("print the version and exit").build());

    private ServerCommand() {
        spec.usageMessage().sortOptions(false).width(118)
                .description("A local ENS image-export endpoint (DescribeExportImageInfo, ExportImage, DescribeExportImageStatus; 2017-11-10) for the official Alibaba Cloud SDKs.")
                .footer("%nEach option is also read from the environment variable shown, or from the file that ENSEMU_<NAME>_FILE"
                        + " names (for secrets); a flag wins over both.");
    }

    /** A default as the help shows it: every default is defined once, in EmulatorConfig or Limits. */
    private static String text(long value) {
        return Long.toString(value);
    }

    private static OptionSpec value(String name, String label, String defaultValue, String... description) {
        return OptionSpec.builder(name).paramLabel(label).type(String.class).defaultValue(defaultValue).description(description).build();
    }

    private static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).type(boolean.class).description(description).build();
    }

    /** The option's value after parsing: the flag, else its environment variable, else its default (null if none). */
    private String text(String name) {
        return spec.findOption(name).getValue();
    }

    private boolean on(String name) {
        return Boolean.TRUE.equals(spec.findOption(name).getValue());
    }

    /** The options as declared above, before any parsing. */
    static CommandSpec declarations() {
        return new ServerCommand().spec;
    }

    /** The usage text, from the declarations above. */
    static String help() {
        return new CommandLine(declarations()).getUsageMessage();
    }

    /** The environment variable of an option: {@code --max-body-bytes} is {@code ENSEMU_MAX_BODY_BYTES}. */
    static String environmentVariable(String option) {
        return "ENSEMU_" + option.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    static Parsed parse(String[] args, Map<String, String> environment) {
        Map<String, String> env = withFileValues(environment);
        ServerCommand options = new ServerCommand();
        CommandLine cli = new CommandLine(options.spec).setDefaultValueProvider(spec -> fromEnvironment(spec, env));
        try {
            cli.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new IllegalArgumentException("unknown option " + e.getUnmatched().get(0) + " (see --help)");
        } catch (CommandLine.MissingParameterException e) {
            throw new IllegalArgumentException(((OptionSpec) e.getMissing().get(0)).longestName() + " needs a value");
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Request request = options.on("--help") ? Request.HELP : options.on("--version") ? Request.VERSION
                : options.on("--self-test") ? Request.SELF_TEST : options.on("--health-check") ? Request.HEALTH_CHECK : Request.RUN;
        return new Parsed(request, options.config(env), options.logging());
    }

    /**
     * The environment with every {@code ENSEMU_<NAME>_FILE} read into {@code ENSEMU_<NAME>}, as the
     * official database images do for secrets: the file's content, without a trailing line break.
     * Both set, or a file that cannot be read, is the one-line error of a bad flag.
     */
    static Map<String, String> withFileValues(Map<String, String> env) {
        Map<String, String> resolved = new java.util.HashMap<>(env);
        for (Map.Entry<String, String> entry : env.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith("ENSEMU_") || !name.endsWith("_FILE") || entry.getValue().isBlank()) {
                continue;
            }
            String variable = name.substring(0, name.length() - "_FILE".length());
            if (env.get(variable) != null && !env.get(variable).isBlank()) {
                throw new IllegalArgumentException(variable + " and " + name + " are both set: set one of them");
            }
            Path file = Path.of(entry.getValue());
            try {
                resolved.put(variable, Files.readString(file).replaceFirst("\\R\\z", ""));
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException(name + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return resolved;
    }

    /** The option's environment variable, for options that take a value (switches are read in {@link #config}). */
    private static String fromEnvironment(ArgSpec spec, Map<String, String> env) {
        if (!(spec instanceof OptionSpec option) || option.arity().max() == 0) {
            return null;
        }
        String value = env.get(environmentVariable(option.longestName()));
        return value == null || value.isBlank() ? option.defaultValue() : value;
    }

    private EmulatorConfig config(Map<String, String> env) {
        boolean admin = !(on("--no-admin") || envSwitch(env, "--no-admin"));
        EmulatorConfig.Builder config = EmulatorConfig.builder()
                .host(notBlank("--host", text("--host")))
                .port(number("--port", text("--port"), 0, 65535))
                .auth(authMode(text("--auth")))
                .nonceCapacity(number("--nonce-capacity", text("--nonce-capacity"), 1, Integer.MAX_VALUE))
                .admin(admin)
                .journalSize(number("--journal-size", text("--journal-size"), 1, 10_000_000))
                .journalMaxBytes(number("--journal-max-bytes", text("--journal-max-bytes"), 65_536, Integer.MAX_VALUE))
                .exportUrlPattern(exportUrlPattern(text("--export-url-pattern")))
                .exportDuration(exportDuration(text("--export-duration")))
                .replayProtection(!on("--no-replay-protection"))
                .limits(Limits.builder()
                        .maxHeaderBytes(number("--max-header-bytes", text("--max-header-bytes"), 1024, 1 << 20))
                        .maxBodyBytes(number("--max-body-bytes", text("--max-body-bytes"), 1024, 64 << 20))
                        .maxParameters(number("--max-parameters", text("--max-parameters"), 16, 100_000))
                        .readTimeout(seconds("--read-timeout-seconds", text("--read-timeout-seconds"), 1))
                        .idleTimeout(seconds("--idle-timeout-seconds", text("--idle-timeout-seconds"), 1))
                        .shutdownGrace(seconds("--shutdown-grace-seconds", text("--shutdown-grace-seconds"), 0))
                        .workerThreads(number("--worker-threads", text("--worker-threads"), 2, 1024))
                        .build());
        Optional.ofNullable(text("--seed")).map(Path::of).ifPresent(config::seed);
        Optional.ofNullable(text("--data-dir")).map(Path::of).ifPresent(config::dataDir);
        Optional.ofNullable(text("--database")).map(DatabaseUrl::parse).ifPresent(config::database);
        Optional.ofNullable(text("--admin-token")).map(token -> notBlank("--admin-token", token)).ifPresent(config::adminToken);
        tls().ifPresent(config::tls);
        return config.build();
    }

    /** The three TLS options make one setting. */
    private Optional<TlsConfig> tls() {
        String tlsPort = text("--tls-port");
        String tlsCert = text("--tls-cert");
        String tlsKey = text("--tls-key");
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
        String logFormat = text("--log-format");
        String logLevel = text("--log-level");
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

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)?");

    /** A number with a unit (ms, s or m; none: seconds), at most a day. */
    private static Duration exportDuration(String value) {
        java.util.regex.Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--export-duration must be a number with ms, s or m (e.g. 2s), not '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.compareTo(EmulatorConfig.MAX_EXPORT_DURATION) > 0) {
            throw new IllegalArgumentException("--export-duration must be at most a day (1440m), not '" + value + "'");
        }
        return duration;
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
