package dev.ensemu.conformance;

import dev.ensemu.conformance.target.Target;
import dev.ensemu.conformance.target.SignatureScheme;
import dev.ensemu.conformance.report.RunReport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code java -jar ensemu-conformance.jar --endpoint URL [--access-key-id ID --access-key-secret S
 * --signature v1|v3|none] [--admin-token T] [--checks PATTERN] [--report-dir DIR] [--timeout SECONDS] [--list]}.
 * Exit code 0 if and only if every MUST check passed or was not applicable; 1 otherwise; 2 for bad flags.
 */
public final class Main {
    static final String HELP = """
            Usage: java -jar ensemu-conformance.jar --endpoint URL [options]

            Runs the DescribeExportImageInfo (ENS 2017-11-10) conformance checks against an endpoint.

              --endpoint URL            the endpoint, e.g. http://127.0.0.1:8080/ (required)
              --access-key-id ID        AccessKeyId to sign with
              --access-key-secret S     its secret
              --signature v1|v3|none    signature scheme (default: v1 with a key, none without)
              --checks PATTERN          run only checks whose id matches this regular expression, e.g. 'PAG-.*'
              --report-dir DIR          where to write JUnit XML and conformance-report.json (default: conformance-report)
              --timeout SECONDS         HTTP timeout per request (default 10)
              --admin-token TOKEN       token of an ensemu control plane: enables the seeded checks (SEED-*, STS-04..06)
              --security-token TOKEN    the run's key is temporary (STS): send this SecurityToken with every signed
                                        request, and run the STS checks
              --trust-cert FILE         PEM certificate to trust for an https endpoint (e.g. ensemu's self-signed one)
              --list                    list the checks and exit
              --help                    print this help and exit

            Exit code: 0 when every MUST check passed or does not apply, 1 otherwise, 2 for bad options.
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String endpoint = null;
        String keyId = null;
        String secret = null;
        String signature = null;
        String checks = null;
        String reportDir = "conformance-report";
        String timeout = "10";
        String adminToken = null;
        String securityToken = null;
        String trustCert = null;
        boolean list = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--help", "-h" -> {
                        System.out.print(HELP);
                        return 0;
                    }
                    case "--list" -> list = true;
                    case "--endpoint" -> endpoint = value(args, ++i, flag);
                    case "--access-key-id" -> keyId = value(args, ++i, flag);
                    case "--access-key-secret" -> secret = value(args, ++i, flag);
                    case "--signature" -> signature = value(args, ++i, flag);
                    case "--checks" -> checks = value(args, ++i, flag);
                    case "--report-dir" -> reportDir = value(args, ++i, flag);
                    case "--timeout" -> timeout = value(args, ++i, flag);
                    case "--admin-token" -> adminToken = value(args, ++i, flag);
                    case "--security-token" -> securityToken = value(args, ++i, flag);
                    case "--trust-cert" -> trustCert = value(args, ++i, flag);
                    default -> throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
                }
            }
            if (list) {
                ConformanceRunner.list(checks).forEach(c -> System.out.printf("%-7s %-6s %s%n", c.id(), c.level(), c.description()));
                return 0;
            }
            if (endpoint == null) {
                throw new IllegalArgumentException("--endpoint is required (see --help)");
            }
            SignatureScheme scheme = signature != null ? SignatureScheme.parse(signature)
                    : keyId != null ? SignatureScheme.V1 : SignatureScheme.NONE;
            Target target = new Target(URI.create(endpoint), Optional.ofNullable(keyId), Optional.ofNullable(secret), scheme,
                    Duration.ofSeconds(seconds(timeout)), Optional.ofNullable(adminToken), Optional.ofNullable(securityToken),
                    Optional.ofNullable(trustCert).map(Path::of));
            System.out.println("ensemu conformance " + ConformanceRunner.version() + " against " + endpoint + " (signature "
                    + scheme.name().toLowerCase() + ")");
            RunReport report = ConformanceRunner.run(target, checks, Path.of(reportDir), System.out);
            report.printTable(System.out);
            System.out.println("reports: " + Path.of(reportDir).toAbsolutePath());
            return report.conformant() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            System.err.println("ensemu-conformance: " + e.getMessage());
            return 2;
        }
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static long seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 1 || seconds > 600) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timeout must be a whole number of seconds from 1 to 600, not \"" + value + "\"");
        }
    }
}
