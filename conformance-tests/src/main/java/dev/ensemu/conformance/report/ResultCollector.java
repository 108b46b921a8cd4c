package dev.ensemu.conformance.report;

import dev.ensemu.conformance.checks.Check;
import dev.ensemu.contract.report.Level;
import dev.ensemu.conformance.client.Exchanges;
import dev.ensemu.conformance.checks.LevelEnforcement;
import dev.ensemu.contract.report.CheckResult;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Folds JUnit's events into one result per {@link Check}: failed if any invocation failed, not
 * applicable if none ran to the end (aborted by an assumption), passed otherwise. Prints a line
 * per check as it finishes.
 */
public final class ResultCollector implements TestExecutionListener {
    private static final class Tally {
        final Check check;
        final List<String> failures = new ArrayList<>();
        final List<String> abortReasons = new ArrayList<>();
        int passed;
        long startedNanos = System.nanoTime();
        long durationMillis;

        Tally(Check check) {
            this.check = check;
        }
    }

    private final PrintStream progress;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private TestPlan plan;

    public ResultCollector(PrintStream progress) {
        this.progress = progress;
    }

    /** The check a test or template belongs to, if it is a check method. */
    public static Optional<Check> checkOf(TestIdentifier identifier) {
        return identifier.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .map(source -> {
                    try {
                        return source.getJavaMethod();
                    } catch (RuntimeException e) {
                        return null;
                    }
                })
                .map((Method m) -> m.getAnnotation(Check.class));
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        checkOf(identifier).ifPresent(this::tally); // the check's clock starts with its first execution
        if (identifier.isTest()) {
            Exchanges.clear();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        checkOf(identifier).ifPresent(check -> {
            tally(check).abortReasons.add(reason);
            if (isTopLevel(identifier)) {
                report(tally(check));
            }
        });
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Optional<Check> maybeCheck = checkOf(identifier);
        if (maybeCheck.isEmpty()) {
            return;
        }
        Tally tally = tally(maybeCheck.get());
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (identifier.isTest()) {
                    tally.passed++;
                }
            }
            case ABORTED -> {
                String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
                if (reason.startsWith(LevelEnforcement.SHOULD_FAILED)) { // a SHOULD failure in a lenient Maven run: still a failure here
                    tally.failures.add(identifier.getDisplayName() + ": " + reason.substring(LevelEnforcement.SHOULD_FAILED.length())
                            + Exchanges.last().map(a -> "\n    last exchange: " + a).orElse(""));
                } else {
                    tally.abortReasons.add(reason);
                }
            }
            case FAILED -> {
                String message = result.getThrowable().map(ResultCollector::describe).orElse("failed");
                String exchange = Exchanges.last().map(a -> "\n    last exchange: " + a).orElse("");
                tally.failures.add(identifier.getDisplayName() + ": " + message + exchange);
            }
        }
        if (isTopLevel(identifier)) {
            tally.durationMillis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tally.startedNanos);
            report(tally);
        }
    }

    private boolean isTopLevel(TestIdentifier identifier) {
        return identifier.getParentIdObject()
                .map(plan::getTestIdentifier)
                .map(parent -> checkOf(parent).isEmpty())
                .orElse(true);
    }

    private Tally tally(Check check) {
        return tallies.computeIfAbsent(check.id(), id -> new Tally(check));
    }

    private void report(Tally tally) {
        CheckResult result = result(tally);
        progress.printf("%-7s %-6s %-15s %s%n", result.id(), result.level(), result.outcome().label(), result.description());
    }

    private static CheckResult result(Tally tally) {
        CheckResult.Outcome outcome;
        List<String> details;
        if (!tally.failures.isEmpty()) {
            outcome = CheckResult.Outcome.FAIL;
            details = List.copyOf(tally.failures);
        } else if (tally.passed == 0) {
            outcome = CheckResult.Outcome.NOT_APPLICABLE;
            details = tally.abortReasons.stream().distinct().toList();
        } else {
            outcome = CheckResult.Outcome.PASS;
            details = List.of();
        }
        return new CheckResult(tally.check.id(), tally.check.level(), tally.check.description(), List.of(tally.check.rules()),
                List.of(tally.check.operations()), outcome, details, tally.durationMillis);
    }

    public List<CheckResult> results() {
        return tallies.values().stream().map(ResultCollector::result).toList();
    }

    private static String describe(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        return failure.getClass().getSimpleName() + ": " + (message.length() > 1500 ? message.substring(0, 1500) + "..." : message);
    }
}
