package dev.ensemu.server;

import dev.ensemu.server.storage.DatabaseUrl;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.logging.LogFormat;
import dev.ensemu.server.proxy.ProxyConfig;
import dev.ensemu.server.proxy.UpstreamConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.event.Level;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The server's command line, with picocli. Each option is defined once, in {@link #OPTIONS}: its
 * name, its value's label, its default, its help line and what its value sets; its environment
 * variable ({@code ENSEMU_<NAME>}) and the help's "(variable, default)" follow from the name and
 * the default. Flags win over the environment, the environment over the defaults. Values are read
 * as text and checked here, so a bad one is an {@link IllegalArgumentException} whose message is
 * the one line the user sees, whether it came from a flag or from the environment.
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

    /** What the options set while they are read: the config, its limits, the TLS parts, the logging, the request. */
    private static final class Choices {
        final EmulatorConfig.Builder config = EmulatorConfig.builder();
        final Limits.Builder limits = Limits.builder();
        String tlsPort;
        Path tlsCert;
        Path tlsKey;
        LogFormat logFormat = Logging.DEFAULT.format();
        Level logLevel = Logging.DEFAULT.level();
        Request request = Request.RUN;
        final Upstream upstream = new Upstream();

        void ask(Request asked) {
            if (request == Request.RUN) {
                request = asked;
            }
        }
    }

    /** The proxy's options as given; {@link #proxy} judges them together. */
    private static final class Upstream {
        String endpoint;
        String keyId;
        String keySecret;
        String securityToken;
        Path trustCert;
        Duration timeout;
        Path record;
        Path violationsReport;
    }

    /** An option's value as given, with the option's name for the one-line message of a bad one. */
    private record Value(String option, String text) {
        String notBlank() {
            if (text.isBlank()) {
                throw new IllegalArgumentException(option + " must not be empty");
            }
            return text;
        }

        int number(int min, int max) {
            try {
                int n = Integer.parseInt(text.strip());
                if (n < min || n > max) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max + ", not \"" + text + "\"");
            }
        }

        Duration seconds(int min) {
            return Duration.ofSeconds(number(min, 3600));
        }

        Path path() {
            return Path.of(text);
        }

        /** A number with a unit (ms, s or m; none: seconds), at most a day. */
        Duration duration() {
            java.util.regex.Matcher m = DURATION.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(option + " must be a number with ms, s or m (e.g. 2s), not '" + text + "'");
            }
            long amount = Long.parseLong(m.group(1));
            Duration duration = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
            if (duration.compareTo(EmulatorConfig.MAX_EXPORT_DURATION) > 0) {
                throw new IllegalArgumentException(option + " must be at most a day (1440m), not '" + text + "'");
            }
            return duration;
        }
    }

    /**
     * One option: its name, the label of its value (null for a flag), its default (null: none), its
     * help line and what it sets. A value option is read from its variable; a flag only when
     * {@code switchable} ({@code ENSEMU_NO_ADMIN=true}).
     */
    private record Option(String name, String label, String defaultValue, boolean switchable, String help,
            BiConsumer<Value, Choices> sets) {
        boolean flag() {
            return label == null;
        }

        OptionSpec spec() {
            String variable = environmentVariable(name);
            String where = flag() ? switchable ? " (" + variable + "=true)" : ""
                    : defaultValue == null ? " (" + variable + ")" : " (" + variable + ", default " + defaultValue + ")";
            return flag() ? OptionSpec.builder(name).type(boolean.class).description(help + where).build()
                    : OptionSpec.builder(name).paramLabel(label).type(String.class).defaultValue(defaultValue).description(help + where).build();
        }
    }

    private static Option value(String name, String label, String defaultValue, String help, BiConsumer<Value, Choices> sets) {
        return new Option(name, label, defaultValue, false, help, sets);
    }

    private static Option flag(String name, boolean switchable, String help, BiConsumer<Value, Choices> sets) {
        return new Option(name, null, null, switchable, help, sets);
    }

    private static final List<Option> OPTIONS = List.of(
            value("--host", "HOST", EmulatorConfig.DEFAULT_HOST, "address to listen on", (v, c) -> c.config.host(v.notBlank())),
            value("--port", "PORT", text(EmulatorConfig.DEFAULT_PORT), "port, 0 for any free port", (v, c) -> c.config.port(v.number(0, 65535))),
            value("--seed", "FILE", null, "accounts, keys and images, JSON or YAML; default: the bundled development seed",
                    (v, c) -> c.config.seed(v.path())),
            value("--auth", "MODE", "verify", "verify: every request must be signed; anonymous: unsigned requests act as the first account",
                    (v, c) -> c.config.auth(authMode(v))),
            value("--nonce-capacity", "N", text(EmulatorConfig.DEFAULT_NONCE_CAPACITY), "live signature nonces remembered at most",
                    (v, c) -> c.config.nonceCapacity(v.number(1, Integer.MAX_VALUE))),
            value("--data-dir", "DIR", null, "keep state (images, exports, accounts, keys) in DIR across restarts; default: in memory",
                    (v, c) -> c.config.dataDir(v.path())),
            value("--database", "URL", null, "share state with other instances in PostgreSQL: postgresql://user:password@host:port/db or"
                    + " jdbc:postgresql://...; default: in memory, or --data-dir", (v, c) -> c.config.database(DatabaseUrl.parse(v.text()))),
            value("--admin-token", "T", null, "bearer token of the control plane /_emulator/; default: random, printed at start-up",
                    (v, c) -> c.config.adminToken(v.notBlank())),
            flag("--no-admin", true, "turn the control plane off", (v, c) -> c.config.admin(false)),
            value("--journal-size", "N", text(EmulatorConfig.DEFAULT_JOURNAL_SIZE), "recent calls kept by the journal",
                    (v, c) -> c.config.journalSize(v.number(1, 10_000_000))),
            value("--journal-max-bytes", "N", text(EmulatorConfig.DEFAULT_JOURNAL_MAX_BYTES), "heap the journal may hold; long values are cut",
                    (v, c) -> c.config.journalMaxBytes(v.number(65_536, Integer.MAX_VALUE))),
            value("--export-url-pattern", "P", EmulatorConfig.DEFAULT_EXPORT_URL_PATTERN,
                    "URL of a finished export; {accountId}, {imageId}, {imageName} are replaced", (v, c) -> c.config.exportUrlPattern(exportUrlPattern(v))),
            value("--export-duration", "D", "2s", "how long an export started with ExportImage takes: 1500ms, 2s, 5m, 0 = it ends at once",
                    (v, c) -> c.config.exportDuration(exportDuration(v))),
            value("--max-header-bytes", "N", text(Limits.DEFAULTS.maxHeaderBytes()), "request line plus headers",
                    (v, c) -> c.limits.maxHeaderBytes(v.number(1024, 1 << 20))),
            value("--max-body-bytes", "N", text(Limits.DEFAULTS.maxBodyBytes()), "RPC request body",
                    (v, c) -> c.limits.maxBodyBytes(v.number(1024, 64 << 20))),
            value("--max-parameters", "N", text(Limits.DEFAULTS.maxParameters()), "RPC parameters, query plus form",
                    (v, c) -> c.limits.maxParameters(v.number(16, 100_000))),
            value("--read-timeout-seconds", "N", text(Limits.DEFAULTS.readTimeout().toSeconds()), "a stalled request body is cut off after N s",
                    (v, c) -> c.limits.readTimeout(v.seconds(1))),
            value("--idle-timeout-seconds", "N", text(Limits.DEFAULTS.idleTimeout().toSeconds()), "an idle keep-alive connection is closed after N s",
                    (v, c) -> c.limits.idleTimeout(v.seconds(1))),
            value("--shutdown-grace-seconds", "N", text(Limits.DEFAULTS.shutdownGrace().toSeconds()),
                    "on SIGTERM, requests in flight get N s to finish", (v, c) -> c.limits.shutdownGrace(v.seconds(0))),
            value("--worker-threads", "N", text(Limits.DEFAULTS.workerThreads()), "threads serving requests",
                    (v, c) -> c.limits.workerThreads(v.number(2, 1024))),
            value("--tls-port", "PORT", null, "also serve HTTPS (TLS 1.2 and 1.3) on PORT, 0 for any free port; the ready line prints"
                    + " the address and the certificate file to trust", (v, c) -> c.tlsPort = v.text()),
            value("--tls-cert", "FILE", null, "certificate (chain) in PEM for HTTPS; default: a self-signed one for localhost, 127.0.0.1"
                    + " and ::1, made at start-up or kept in --data-dir", (v, c) -> c.tlsCert = v.path()),
            value("--tls-key", "FILE", null, "its private key in PEM, unencrypted", (v, c) -> c.tlsKey = v.path()),
            value("--log-format", "F", "text", "text or json: one JSON object per line", (v, c) -> c.logFormat = logFormat(v)),
            value("--log-level", "L", "info", "error, warn, info, debug or trace; info shows one access-log line per request, warn hides"
                    + " them. Logs go to standard error", (v, c) -> c.logLevel = logLevel(v)),
            value("--upstream", "URL", null, "forward every ENS call to this endpoint (e.g. https://ens.aliyuncs.com), re-signed with the"
                    + " upstream key, and relay its answers, each checked against the contract", (v, c) -> c.upstream.endpoint = v.notBlank()),
            value("--upstream-key-id", "ID", null, "the AccessKeyId that signs forwarded calls", (v, c) -> c.upstream.keyId = v.notBlank()),
            value("--upstream-key-secret", "SECRET", null, "its secret (better: ENSEMU_UPSTREAM_KEY_SECRET_FILE); never logged",
                    (v, c) -> c.upstream.keySecret = v.notBlank()),
            value("--upstream-security-token", "TOKEN", null, "the STS token, when the upstream key is temporary",
                    (v, c) -> c.upstream.securityToken = v.notBlank()),
            value("--upstream-trust-cert", "FILE", null, "PEM certificate(s) to trust for an HTTPS upstream, instead of the JDK's authorities",
                    (v, c) -> c.upstream.trustCert = v.path()),
            value("--upstream-timeout", "D", UpstreamConfig.DEFAULT_TIMEOUT.toSeconds() + "s", "the longest an upstream call may take;"
                    + " then the caller gets 503 ServiceUnavailable", (v, c) -> c.upstream.timeout = v.duration()),
            value("--record", "FILE", null, "with --upstream: write the images the answers revealed as a seed file (the callers' keys"
                    + " kept), replayable with --seed", (v, c) -> c.upstream.record = v.path()),
            value("--violations-report", "DIR", null, "with --upstream: write the violations report (JUnit XML, JSON, HTML) into DIR on"
                    + " shutdown", (v, c) -> c.upstream.violationsReport = v.path()),
            flag("--no-replay-protection", false, "accept a signature nonce more than once (benchmarks replaying pre-signed requests"
                    + " only; prints a warning)", (v, c) -> c.config.replayProtection(false)),
            flag("--self-test", false, "start on a free port, answer one request of each kind, stop (exit 0 if all went right)",
                    (v, c) -> c.ask(Request.SELF_TEST)),
            flag("--health-check", false, "ask the server on --host/--port for its health and exit 0 if it is UP, 1 if not (a container's"
                    + " HEALTHCHECK; needs the control plane)", (v, c) -> c.ask(Request.HEALTH_CHECK)));

    private final CommandSpec spec = CommandSpec.create().name("java -jar ensemu-server.jar");

    private ServerCommand() {
        OPTIONS.forEach(option -> spec.addOption(option.spec()));
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("print this help and exit").build())
                .addOption(OptionSpec.builder("--version").versionHelp(true).description("print the version and exit").build());
        spec.usageMessage().sortOptions(false).width(118)
                .description("A local ENS image-export endpoint (DescribeExportImageInfo, ExportImage, DescribeExportImageStatus; 2017-11-10) for the official Alibaba Cloud SDKs.")
                .footer("%nEach option is also read from the environment variable shown, or from the file that ENSEMU_<NAME>_FILE"
                        + " names (for secrets); a flag wins over both.%n%nTo record an ENS account's images as a seed file:"
                        + " java -jar ensemu-server.jar record --help");
    }

    /** A default as the help shows it: every default is defined once, in EmulatorConfig or Limits. */
    private static String text(long value) {
        return Long.toString(value);
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

    /** The options by name, for the parser. */
    private static final Map<String, Option> BY_NAME = OPTIONS.stream()
            .collect(java.util.stream.Collectors.toMap(Option::name, option -> option));

    /**
     * Reads the command line by the declarations in {@link #OPTIONS}: {@code --name value} or
     * {@code --name=value}, flags alone. Parsed here rather than by picocli, whose model takes a
     * tenth of a second to build at every start; picocli renders the help and the reference page
     * from the same declarations.
     */
    static Parsed parse(String[] args, Map<String, String> environment) {
        Map<String, String> env = withFileValues(environment);
        Map<String, String> given = new java.util.HashMap<>();
        Request asked = Request.RUN;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (name.equals("-h") || name.equals("--help") || name.equals("--version")) {
                asked = asked == Request.RUN ? (name.equals("--version") ? Request.VERSION : Request.HELP) : asked;
                continue;
            }
            Option option = BY_NAME.get(name);
            if (option == null) {
                throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
            String value;
            if (option.flag()) {
                if (equals > 0) {
                    throw new IllegalArgumentException(name + " takes no value");
                }
                value = "true";
            } else if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !BY_NAME.containsKey(args[i + 1])) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (given.put(name, value) != null) {
                throw new IllegalArgumentException(name + " is given more than once");
            }
        }
        Choices choices = choose(given, env);
        Request request = asked != Request.RUN ? asked : choices.request;
        return new Parsed(request, choices.config.build(), new Logging(choices.logFormat, choices.logLevel));
    }

    /** Every option's value, flag or variable or default, applied in the order of {@link #OPTIONS}. */
    private static Choices choose(Map<String, String> given, Map<String, String> env) {
        Choices choices = new Choices();
        for (Option option : OPTIONS) {
            String value = given.get(option.name());
            if (option.flag()) {
                value = value != null || option.switchable() && envSwitch(env, option.name()) ? "true" : null;
            } else if (value == null) {
                String variable = env.get(environmentVariable(option.name()));
                value = variable == null || variable.isBlank() ? option.defaultValue() : variable;
            }
            if (value != null) {
                option.sets().accept(new Value(option.name(), value), choices);
            }
        }
        choices.config.limits(choices.limits.build());
        tls(choices).ifPresent(choices.config::tls);
        proxy(choices.upstream).ifPresent(choices.config::proxy);
        return choices;
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

    private static AuthMode authMode(Value value) {
        return switch (value.text().strip().toLowerCase(Locale.ROOT)) {
            case "verify" -> AuthMode.VERIFY;
            case "anonymous" -> AuthMode.ANONYMOUS;
            default -> throw new IllegalArgumentException("--auth must be verify or anonymous, not \"" + value.text() + "\"");
        };
    }

    private static LogFormat logFormat(Value value) {
        return switch (value.text().strip().toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new IllegalArgumentException("--log-format must be text or json, not \"" + value.text() + "\"");
        };
    }

    private static Level logLevel(Value value) {
        String level = value.text().strip().toLowerCase(Locale.ROOT);
        return switch (level) {
            case "error", "warn", "info", "debug", "trace" -> Level.valueOf(level.toUpperCase(Locale.ROOT));
            default -> throw new IllegalArgumentException("--log-level must be error, warn, info, debug or trace, not \"" + value.text() + "\"");
        };
    }

    /** The three TLS options make one setting. */
    /** The proxy, when --upstream is given; any other of its options without it is the one-line error. */
    private static Optional<ProxyConfig> proxy(Upstream given) {
        if (given.endpoint == null) {
            Map<String, Object> stray = new java.util.LinkedHashMap<>();
            stray.put("--upstream-key-id", given.keyId);
            stray.put("--upstream-key-secret", given.keySecret);
            stray.put("--upstream-security-token", given.securityToken);
            stray.put("--upstream-trust-cert", given.trustCert);
            stray.put("--record", given.record);
            stray.put("--violations-report", given.violationsReport);
            stray.forEach((option, value) -> {
                if (value != null) {
                    throw new IllegalArgumentException(option + " needs --upstream");
                }
            });
            return Optional.empty();
        }
        URI endpoint;
        try {
            endpoint = new URI(given.endpoint.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--upstream must be a URL, not \"" + given.endpoint + "\"");
        }
        return Optional.of(new ProxyConfig(new UpstreamConfig(endpoint, given.keyId, given.keySecret, Optional.ofNullable(given.securityToken),
                Optional.ofNullable(given.trustCert), given.timeout == null ? UpstreamConfig.DEFAULT_TIMEOUT : given.timeout),
                Optional.ofNullable(given.record), Optional.ofNullable(given.violationsReport)));
    }

    private static Optional<TlsConfig> tls(Choices choices) {
        if (choices.tlsPort == null) {
            if (choices.tlsCert != null || choices.tlsKey != null) {
                throw new IllegalArgumentException((choices.tlsCert != null ? "--tls-cert" : "--tls-key") + " needs --tls-port");
            }
            return Optional.empty();
        }
        return Optional.of(new TlsConfig(new Value("--tls-port", choices.tlsPort).number(0, 65535),
                Optional.ofNullable(choices.tlsCert), Optional.ofNullable(choices.tlsKey)));
    }

    private static String exportUrlPattern(Value value) {
        if (!value.text().contains("{imageId}")) {
            throw new IllegalArgumentException("--export-url-pattern must contain {imageId}");
        }
        return value.text();
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)?");

    /** A number with a unit (ms, s or m; none: seconds), at most a day. */
    private static Duration exportDuration(Value given) {
        return given.duration();
    }
}
