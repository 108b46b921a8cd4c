package dev.ensemu.conformance;

import dev.ensemu.conformance.checks.LevelEnforcement;

import dev.ensemu.contract.report.Level;
import dev.ensemu.contract.report.CheckResult;
import dev.ensemu.contract.report.HtmlReport;
import dev.ensemu.contract.report.RunReport;
import dev.ensemu.conformance.endpoint.SignatureScheme;
import dev.ensemu.conformance.endpoint.Target;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The suite from any JUnit 5 build: one test class with a {@code @TestFactory} runs every check
 * against your endpoint, with the same levels and reports as the runner jar, one dynamic test per
 * check (failed, passed, or aborted when it does not apply or is a SHOULD failure of a lenient run).
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> myEndpointConformsToEns() {
 *     return ConformanceTests.against(URI.create("https://ens.example.internal/"))
 *             .signedWith("LTAI...", System.getenv("ENS_SECRET"), SignatureScheme.V3)
 *             .dynamicTests();
 * }
 * }</pre>
 * Reports (JUnit XML, JSON, HTML) go to {@code target/ensemu-conformance/} unless
 * {@link #reportsIn(Path)} says otherwise.
 */
public final class ConformanceTests {
    private final Target target;
    private final String checks;
    private final Path reportDir;

    private ConformanceTests(Target target, String checks, Path reportDir) {
        this.target = target;
        this.checks = checks;
        this.reportDir = reportDir;
    }

    /** An endpoint called without credentials (signature checks then do not apply). */
    public static ConformanceTests against(URI endpoint) {
        return of(new Target(endpoint, Optional.empty(), Optional.empty(), SignatureScheme.NONE, Duration.ofSeconds(10), Optional.empty()));
    }

    /** The endpoint the {@code ens.*} system properties or {@code ENS_*} variables name, as the Maven run of the suite reads them. */
    public static ConformanceTests fromProperties() {
        return of(Target.fromProperties(System.getenv()));
    }

    public static ConformanceTests of(Target target) {
        return new ConformanceTests(target, null, Path.of("target", "ensemu-conformance"));
    }

    public ConformanceTests signedWith(String accessKeyId, String accessKeySecret, SignatureScheme scheme) {
        Target t = target;
        return with(new Target(t.endpoint(), Optional.of(accessKeyId), Optional.of(accessKeySecret), scheme, t.timeout(), t.adminToken(),
                t.securityToken(), t.trustCert(), t.strict(), t.unpermitted(), t.otherAccount(), t.limited(), t.requiredOperations(), t.exportTimeout()));
    }

    /** A key whose account may not call the operation: the permission check (SIG-14) runs with it. */
    public ConformanceTests withUnpermittedKey(String accessKeyId, String accessKeySecret) {
        return with(target.withUnpermittedKey(new Target.Credentials(accessKeyId, accessKeySecret)));
    }

    /** A key of another account with images: the isolation check (ISO-01) runs with it. */
    public ConformanceTests withOtherAccount(String accessKeyId, String accessKeySecret) {
        return with(target.withOtherAccount(new Target.Credentials(accessKeyId, accessKeySecret)));
    }

    /** A key whose account may call only {@code operations}: the per-operation permission check (PERM-01) runs with it. */
    public ConformanceTests withLimitedKey(String accessKeyId, String accessKeySecret, java.util.List<String> operations) {
        return with(target.withLimitedKey(new Target.LimitedKey(new Target.Credentials(accessKeyId, accessKeySecret), operations)));
    }

    /**
     * Operations the endpoint must implement (the others may be missing: their checks are then not
     * applicable), and how long the flow checks wait for an export to end.
     */
    public ConformanceTests requiringOperations(java.util.List<String> actions, Duration exportTimeout) {
        return with(target.withOperations(actions, exportTimeout));
    }

    /** The key is temporary (STS): every signed request carries this token, and the STS checks run. */
    public ConformanceTests withSecurityToken(String token) {
        Target t = target;
        return with(new Target(t.endpoint(), t.accessKeyId(), t.accessKeySecret(), t.signature(), t.timeout(), t.adminToken(),
                Optional.of(token), t.trustCert(), t.strict(), t.unpermitted(), t.otherAccount(), t.limited(), t.requiredOperations(), t.exportTimeout()));
    }

    /** Trusts this PEM certificate for an https endpoint. */
    public ConformanceTests trusting(Path certificate) {
        Target t = target;
        return with(new Target(t.endpoint(), t.accessKeyId(), t.accessKeySecret(), t.signature(), t.timeout(), t.adminToken(),
                t.securityToken(), Optional.of(certificate), t.strict(), t.unpermitted(), t.otherAccount(), t.limited(), t.requiredOperations(),
                t.exportTimeout()));
    }

    /** SHOULD failures fail too. */
    public ConformanceTests strict() {
        return with(target.strict(true));
    }

    /** Only the checks whose id matches, e.g. {@code "PAG-.*|FIL-.*"}. */
    public ConformanceTests checks(String idPattern) {
        return new ConformanceTests(target, idPattern, reportDir);
    }

    public ConformanceTests reportsIn(Path directory) {
        return new ConformanceTests(target, checks, directory);
    }

    private ConformanceTests with(Target changed) {
        return new ConformanceTests(changed, checks, reportDir);
    }

    /** Runs the checks now and answers one dynamic test per check with its outcome, and one per operation the run requires. */
    public Stream<DynamicTest> dynamicTests() {
        RunReport report = ConformanceRunner.run(target, checks, reportDir, new PrintStream(PrintStream.nullOutputStream()));
        Stream<DynamicTest> checkTests = report.checks().stream().map(check -> DynamicTest.dynamicTest(
                check.id() + " (" + check.level() + ") " + check.description(), () -> outcome(check, report.strict())));
        Stream<DynamicTest> requiredOperations = report.operations().stream().filter(o -> o.required()).map(o -> DynamicTest.dynamicTest(
                "the endpoint implements " + o.action() + " (required)", () -> {
                    if (!o.implemented()) {
                        throw new AssertionFailedError(o.action() + " is required and answers InvalidAction.NotFound");
                    }
                }));
        return Stream.concat(checkTests, requiredOperations);
    }

    private static void outcome(CheckResult check, boolean strict) {
        String details = HtmlReport.redact(String.join("\n", check.details()));
        switch (check.outcome()) {
            case PASS -> { }
            case NOT_APPLICABLE -> throw new TestAbortedException("not applicable: " + details);
            case FAIL -> {
                if (check.breaksConformance(strict)) {
                    throw new AssertionFailedError(check.id() + " failed: " + details);
                }
                throw new TestAbortedException(LevelEnforcement.SHOULD_FAILED + details);
            }
        }
    }
}
