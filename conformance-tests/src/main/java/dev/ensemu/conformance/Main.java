package dev.ensemu.conformance;

import dev.ensemu.conformance.checks.Coverage;

import dev.ensemu.conformance.client.Document;
import dev.ensemu.conformance.client.SchemaValidation;
import dev.ensemu.contract.report.Level;
import dev.ensemu.contract.report.RuleResult;
import dev.ensemu.contract.report.RunReport;
import java.util.List;
import java.util.stream.Collectors;
import dev.ensemu.conformance.endpoint.SignatureScheme;
import dev.ensemu.conformance.endpoint.Target;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The runner's command line, with picocli (each option declared once, help from the declarations).
 * Exit code 0 if and only if every MUST check passed or was not applicable; 1 otherwise; 2 for bad
 * options, with a one-line message.
 */
@Command(name = "java -jar ensemu-conformance.jar", sortOptions = false, usageHelpWidth = 118,
        description = "Runs the ENS 2017-11-10 image-export conformance checks (DescribeExportImageInfo, ExportImage, "
                + "DescribeExportImageStatus) against an endpoint.",
        footer = "%nExit code: 0 when every MUST check passed or does not apply, 1 otherwise, 2 for bad options.")
public final class Main {
    @Option(names = "--endpoint", paramLabel = "URL", description = "the endpoint, e.g. http://127.0.0.1:8080/ (required)")
    String endpoint;

    @Option(names = "--access-key-id", paramLabel = "ID", description = "AccessKeyId to sign with")
    String accessKeyId;

    @Option(names = "--access-key-secret", paramLabel = "S", description = "its secret")
    String accessKeySecret;

    @Option(names = "--signature", paramLabel = "v1|v3|none", description = "signature scheme (default: v1 with a key, none without)")
    String signature;

    @Option(names = "--security-token", paramLabel = "TOKEN",
            description = "the key is temporary (STS): send this SecurityToken with every signed request, and run the STS checks")
    String securityToken;

    @Option(names = "--trust-cert", paramLabel = "FILE", description = "PEM certificate to trust for an https endpoint")
    Path trustCert;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            description = "token of an ensemu control plane: enables the seeded checks (SEED-*, STS-04..06)")
    String adminToken;

    @Option(names = "--unpermitted-key-id", paramLabel = "ID",
            description = "AccessKeyId of an account that may not call the operation: runs the permission check (SIG-14)")
    String unpermittedKeyId;

    @Option(names = "--unpermitted-key-secret", paramLabel = "S", description = "its secret")
    String unpermittedKeySecret;

    @Option(names = "--other-key-id", paramLabel = "ID",
            description = "AccessKeyId of another account with images: runs the isolation checks (ISO-*)")
    String otherKeyId;

    @Option(names = "--other-key-secret", paramLabel = "S", description = "its secret")
    String otherKeySecret;

    @Option(names = "--limited-key-id", paramLabel = "ID",
            description = "AccessKeyId of an account that may call only some operations (e.g. a RAM policy granting ens:Describe*):"
                    + " runs the per-operation permission check (PERM-01)")
    String limitedKeyId;

    @Option(names = "--limited-key-secret", paramLabel = "S", description = "its secret")
    String limitedKeySecret;

    @Option(names = "--limited-key-operations", paramLabel = "A,B", description = "the operations that key may call")
    String limitedKeyOperations;

    @Option(names = "--document", paramLabel = "FILE",
            description = "the OpenAPI document to hold the endpoint to, instead of the suite's own (e.g. ENS's with operations added)")
    Path document;

    @Option(names = "--operations", paramLabel = "A,B",
            description = "operations the endpoint must implement, or all: every operation of the OpenAPI document (default: none; "
                    + "each one it lacks makes its checks not applicable)")
    String operations;

    @Option(names = "--export-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long the flow checks wait for an export to end, 1 to 3600 (default ${DEFAULT-VALUE})")
    String exportTimeout;

    @Option(names = "--strict", description = "SHOULD failures fail the run too (exit 1); the reports say which level decided")
    boolean strict;

    @Option(names = "--generated", paramLabel = "N", defaultValue = "2000",
            description = "requests the GEN-* checks generate from the OpenAPI document (default ${DEFAULT-VALUE})")
    int generated;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the generated requests (default: a new one, printed)")
    Long seed;

    @Option(names = "--checks", paramLabel = "PATTERN", description = "run only checks whose id matches this regular expression, e.g. 'PAG-.*'")
    String checks;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "conformance-report",
            description = "where to write JUnit XML and conformance-report.json (default ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "HTTP timeout per request, 1 to 600 (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--list", description = "list the checks and exit")
    boolean list;

    @Option(names = "--list-rules", description = "print the contract's rules with their level and covering checks, uncovered ones first, and exit")
    boolean listRules;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the suite's version and exit")
    boolean version;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Main options = new Main();
        CommandLine cli = new CommandLine(options);
        try {
            cli.parseArgs(args);
            if (options.help) {
                System.out.print(cli.getUsageMessage());
                return 0;
            }
            if (options.version) {
                System.out.println("ensemu-conformance " + ConformanceRunner.version());
                return 0;
            }
            return options.run();
        } catch (CommandLine.UnmatchedArgumentException e) {
            return fail("unknown option " + e.getUnmatched().get(0) + " (see --help)");
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            return fail(e.getMessage());
        }
    }

    private int run() {
        if (listRules) {
            List<Coverage> matrix = ConformanceRunner.coverage();
            long uncovered = matrix.stream().filter(Coverage::uncovered).count();
            System.out.printf("%-10s %-8s %-10s %-24s %s%n", "RULE", "LEVEL", "COVERED", "CHECKS", "RULE TEXT");
            for (Coverage line : matrix) {
                String checks = line.checks().stream().map(c -> c.level() == Level.MUST ? c.id() : c.id() + "(S)").collect(Collectors.joining(" "));
                System.out.printf("%-10s %-8s %-10s %-24s %s%n", line.rule().id(), line.rule().level(),
                        line.uncovered() ? "UNCOVERED" : line.checks().isEmpty() ? "by reason" : "yes", checks.isEmpty() ? "-" : checks,
                        line.rule().text() + line.rule().reason().map(r -> " [" + r + "]").orElse(""));
            }
            System.out.printf("%n%d rules, %d uncovered (a MUST rule needs a MUST check; (S) marks a SHOULD check)%n", matrix.size(), uncovered);
            return 0;
        }
        if (list) {
            ConformanceRunner.list(checks).forEach(c -> System.out.printf("%-7s %-6s %s%n", c.id(), c.level(), c.description()));
            return 0;
        }
        if (endpoint == null) {
            throw new IllegalArgumentException("--endpoint is required (see --help)");
        }
        if (generated < 0) {
            throw new IllegalArgumentException("--generated must not be negative, not " + generated);
        }
        long chosenSeed = seed != null ? seed : new java.util.Random().nextLong();
        System.setProperty("ens.generated", Integer.toString(generated));
        System.setProperty("ens.seed", Long.toString(chosenSeed));
        SignatureScheme scheme = signature != null ? SignatureScheme.parse(signature)
                : accessKeyId != null ? SignatureScheme.V1 : SignatureScheme.NONE;
        if (document != null) {
            if (!java.nio.file.Files.isRegularFile(document)) {
                throw new IllegalArgumentException("--document " + document + " is not a file");
            }
            System.setProperty(SchemaValidation.DOCUMENT_PROPERTY, document.toString());
            Document.get(); // a document that cannot be read is a bad option, said now
        }
        List<String> required = Target.operations(operations);
        required.stream().filter(a -> !a.equals(Target.ALL) && !Document.get().actions().contains(a)).findFirst().ifPresent(a -> {
            throw new IllegalArgumentException("--operations names " + a + ", which the OpenAPI document does not have (it has "
                    + String.join(", ", Document.get().actions()) + ")");
        });
        Optional<Target.LimitedKey> limited = Target.limitedKey(limitedKeyId, limitedKeySecret, limitedKeyOperations);
        limited.flatMap(key -> key.operations().stream().filter(a -> !Document.get().actions().contains(a)).findFirst()).ifPresent(a -> {
            throw new IllegalArgumentException("--limited-key-operations names " + a + ", which the OpenAPI document does not have (it has "
                    + String.join(", ", Document.get().actions()) + ")");
        });
        Target target = new Target(URI.create(endpoint), Optional.ofNullable(accessKeyId), Optional.ofNullable(accessKeySecret), scheme,
                Duration.ofSeconds(seconds("--timeout", timeout, 600)), Optional.ofNullable(adminToken), Optional.ofNullable(securityToken),
                Optional.ofNullable(trustCert), strict, Target.credentials(unpermittedKeyId, unpermittedKeySecret),
                Target.credentials(otherKeyId, otherKeySecret), limited, required,
                Duration.ofSeconds(seconds("--export-timeout", exportTimeout, 3600)));
        System.out.println("ensemu conformance " + ConformanceRunner.version() + " against " + endpoint + " (signature "
                + scheme.name().toLowerCase() + (strict ? ", strict" : "") + ", " + generated + " generated requests, seed " + chosenSeed + ")");
        RunReport report = ConformanceRunner.run(target, checks, reportDir, System.out);
        report.printTable(System.out);
        System.out.println("reports: " + reportDir.toAbsolutePath());
        return report.conformant() ? 0 : 1;
    }

    private static int fail(String message) {
        System.err.println("ensemu-conformance: " + message);
        return 2;
    }

    private static long seconds(String option, String value, long max) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 1 || seconds > max) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number of seconds from 1 to " + max + ", not \"" + value + "\"");
        }
    }
}
