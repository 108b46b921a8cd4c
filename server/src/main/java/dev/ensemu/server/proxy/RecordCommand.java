package dev.ensemu.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.contract.exchange.DocumentSchemas;
import dev.ensemu.contract.exchange.Exchange;
import dev.ensemu.contract.exchange.ExchangeRules;
import dev.ensemu.contract.exchange.Violation;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.seed.SeedLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code ensemu record}: pages through an endpoint's whole DescribeExportImageInfo listing and writes
 * it as a seed file, the bundled development account's keys mapped to the recorded images, so the
 * README's commands and keys work against the replay. Each page is held to the same rules as
 * proxied answers; a violation is printed, and a page that is not a success stops the recording.
 */
public final class RecordCommand {
    private static final int PAGE_SIZE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordCommand() {}

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("java -jar ensemu-server.jar record");
        for (String[] option : new String[][] {
                {"--endpoint", "URL", "the ENS endpoint to read, e.g. https://ens.aliyuncs.com"},
                {"--key-id", "ID", "its AccessKeyId"},
                {"--key-secret", "SECRET", "its secret (or ENSEMU_RECORD_KEY_SECRET); never printed"},
                {"--security-token", "TOKEN", "the STS token of temporary credentials"},
                {"--trust-cert", "FILE", "PEM certificate(s) to trust for an HTTPS endpoint"},
                {"--timeout", "SECONDS", "the longest one page may take (default 10)"},
                {"--output", "FILE", "the seed file to write (JSON)"}}) {
            spec.addOption(OptionSpec.builder(option[0]).paramLabel(option[1]).type(String.class).description(option[2]).build());
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("print this help and exit").build());
        spec.usageMessage().description("Records an ENS account's images (and their export statuses and URLs) as a seed file that"
                + " ensemu loads with --seed.");
        return spec;
    }

    /** Runs the command; returns the exit status (0 recorded, 1 the endpoint failed, 2 bad options). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandSpec spec = spec();
        CommandLine cli = new CommandLine(spec);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("ensemu record: " + e.getMessage().lines().findFirst().orElse("bad options") + " (see --help)");
            return 2;
        }
        if (cli.isUsageHelpRequested()) {
            out.print(cli.getUsageMessage());
            return 0;
        }
        UpstreamClient client;
        Path output;
        try {
            String secret = Optional.ofNullable((String) spec.findOption("--key-secret").getValue()).orElse(env.get("ENSEMU_RECORD_KEY_SECRET"));
            String endpoint = required(spec, "--endpoint");
            String seconds = Optional.ofNullable((String) spec.findOption("--timeout").getValue()).orElse("10");
            if (!seconds.matches("[1-9][0-9]{0,3}")) {
                throw new IllegalArgumentException("--timeout must be a whole number of seconds from 1 to 9999, not \"" + seconds + "\"");
            }
            output = Path.of(required(spec, "--output"));
            client = new UpstreamClient(new UpstreamConfig(URI.create(endpoint.strip()), required(spec, "--key-id"), secret,
                    Optional.ofNullable((String) spec.findOption("--security-token").getValue()),
                    Optional.ofNullable((String) spec.findOption("--trust-cert").getValue()).map(Path::of),
                    Duration.ofSeconds(Integer.parseInt(seconds))), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            err.println("ensemu record: " + e.getMessage().replace("--upstream-key-id and --upstream-key-secret", "--key-id and --key-secret")
                    .replace("--upstream-trust-cert", "--trust-cert").replace("--upstream", "--endpoint"));
            return 2;
        }
        return record(client, output, out, err);
    }

    private static String required(CommandSpec spec, String option) {
        String value = spec.findOption(option).getValue();
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " is required (see --help)");
        }
        return value;
    }

    private static int record(UpstreamClient client, Path output, PrintStream out, PrintStream err) {
        Account developer = SeedLoader.bundled().get(0);
        SeedRecorder recorder = new SeedRecorder(output);
        ExchangeRules rules = new ExchangeRules(DocumentSchemas.ens());
        long total = Long.MAX_VALUE;
        int violations = 0;
        for (int page = 1; (long) (page - 1) * PAGE_SIZE < total; page++) {
            ForwardedCall call = ForwardedCall.listingPage(page, PAGE_SIZE);
            UpstreamAnswer answer;
            try {
                answer = client.send(call);
            } catch (UpstreamFailure e) {
                err.println("ensemu record: " + client.endpoint() + " page " + page + ": " + e.getMessage());
                return 1;
            }
            Map<String, String> parameters = new LinkedHashMap<>(call.query());
            Exchange exchange = new Exchange(call.action(), parameters, answer.status(), answer.contentType(), answer.requestId(), answer.body());
            ExchangeRules.Verdict verdict = rules.inspect(exchange);
            for (Violation violation : verdict.violations()) {
                err.println("violation " + violation.describe());
                violations++;
            }
            JsonNode body = parse(answer.body());
            if (!exchange.succeeded() || body == null || !body.path("TotalCount").canConvertToLong()) {
                err.println("ensemu record: " + client.endpoint() + " answered page " + page + " with HTTP " + answer.status()
                        + (verdict.code() == null ? "" : " " + verdict.code() + ": " + (body == null ? "" : body.path("Message").asText())));
                return 1;
            }
            total = body.path("TotalCount").asLong();
            int images = body.path("Images").path("Image").size();
            recorder.record(developer, exchange, body);
            if (images == 0) {
                break; // an endpoint whose TotalCount promises more than it lists: stop rather than loop
            }
        }
        recorder.write();
        out.println("recorded " + recorder.accounts().stream().mapToInt(a -> a.images().size()).sum() + " images of "
                + client.endpoint() + " to " + output + " (account " + developer.id() + ", key " + developer.accessKeys().get(0).id()
                + (violations == 0 ? "" : "; " + violations + " violations, printed above") + ")");
        return 0;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree != null && tree.isObject() ? tree : null;
        } catch (IOException e) {
            return null;
        }
    }
}
