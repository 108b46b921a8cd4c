package dev.ensemu.conformance;

import dev.ensemu.conformance.checks.Coverage;

import dev.ensemu.conformance.endpoint.Target;
import dev.ensemu.conformance.checks.Check;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.ensemu.conformance.client.RpcSigner;
import dev.ensemu.conformance.client.Document;
import dev.ensemu.conformance.client.Implementation;
import dev.ensemu.conformance.client.SchemaValidation;
import dev.ensemu.contract.report.CheckResult;
import dev.ensemu.conformance.report.ResultCollector;
import dev.ensemu.contract.report.RuleResult;
import dev.ensemu.contract.rules.Rules;
import dev.ensemu.contract.report.OperationResult;
import dev.ensemu.contract.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/** Runs the checks against a target through the JUnit Platform and writes the reports. */
public final class ConformanceRunner {
    static final String CHECKS_PACKAGE = "dev.ensemu.conformance.checks";

    private ConformanceRunner() {}

    /**
     * @param checks    a regular expression over check ids ({@code PAG-.*}); null runs all
     * @param reportDir where the JUnit XML and {@code conformance-report.json} go; null writes none
     */
    public static RunReport run(Target target, String checks, Path reportDir, PrintStream out) {
        Target.use(target);
        Instant started = Instant.now();
        ResultCollector collector = new ResultCollector(out);
        Launcher launcher = LauncherFactory.create();
        LauncherDiscoveryRequest request = discovery(checks);
        if (reportDir == null) {
            launcher.execute(request, collector);
        } else {
            PrintWriter quiet = new PrintWriter(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            launcher.execute(request, collector, new LegacyXmlReportGeneratingListener(reportDir, quiet));
        }
        List<CheckResult> results = collector.results().stream().sorted(Comparator.comparing(CheckResult::id)).toList();
        List<OperationResult> operations = OperationResult.judge(Document.get().actions(), Implementation.operations(target),
                target.requiredAmong(Document.get().actions()), results, target.strict());
        RunReport report = new RunReport(RunReport.CONFORMANCE, version(), RpcSigner.sha256Hex(SchemaValidation.specification().getBytes(StandardCharsets.UTF_8)),
                target.endpoint().toString(), target.signature().name().toLowerCase(), started, Instant.now(), results,
                RuleResult.judge(Rules.all(), results), operations, target.strict());
        if (reportDir != null) {
            try {
                report.writeTo(reportDir, "conformance");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report to " + reportDir, e);
            }
        }
        return report;
    }

    /** The rules and the checks that cover them, uncovered rules first (the traceability matrix, without a run). */
    public static List<Coverage> coverage() {
        return Coverage.of(Rules.all(), list(null));
    }

    /** Every check the suite has (id, level, description), without running any. */
    public static List<Check> list(String checks) {
        TestPlan plan = LauncherFactory.create().discover(discovery(checks));
        List<Check> found = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            plan.getDescendants(root).forEach(id -> ResultCollector.checkOf(id).ifPresent(found::add));
        }
        found.sort(Comparator.comparing(Check::id));
        return found;
    }

    private static LauncherDiscoveryRequest discovery(String checks) {
        Pattern pattern = Pattern.compile(checks == null ? ".*" : checks);
        PostDiscoveryFilter byId = descriptor -> {
            TestIdentifier identifier = TestIdentifier.from(descriptor);
            return ResultCollector.checkOf(identifier)
                    .map(check -> FilterResult.includedIf(pattern.matcher(check.id()).matches(), () -> "selected", () -> "not selected"))
                    .orElse(FilterResult.included("not a check"));
        };
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(CHECKS_PACKAGE))
                .filters(ClassNameFilter.includeClassNamePatterns(".*Checks"), byId)
                .build();
    }

    static String version() {
        String version = ConformanceRunner.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
