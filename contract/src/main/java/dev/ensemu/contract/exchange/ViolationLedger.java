package dev.ensemu.contract.exchange;

import dev.ensemu.contract.report.CheckResult;
import dev.ensemu.contract.report.OperationResult;
import dev.ensemu.contract.report.RuleResult;
import dev.ensemu.contract.report.RunReport;
import dev.ensemu.contract.rules.Rules;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The verdicts of many exchanges, check by check: how often each applied and was broken, the
 * latest violations, and a run report in the conformance suite's format. Safe for concurrent use.
 */
public final class ViolationLedger {
    /** Violations kept for {@link #recent()}; the counts are exact whatever the number. */
    public static final int RECENT = 1000;
    /** Violations kept per check as the details of its report line. */
    private static final int DETAILS_PER_CHECK = 20;

    private static final class Tally {
        long applied;
        long violations;
        final Set<String> operations = new TreeSet<>();
        final List<String> details = new ArrayList<>();
    }

    private final Map<ExchangeCheck, Tally> tallies = new EnumMap<>(ExchangeCheck.class);
    private final Deque<Violation> recent = new ArrayDeque<>();
    private final Set<String> answered = new LinkedHashSet<>();
    private final String endpoint;
    private long exchanges;
    private long total;

    /** @param endpoint where the exchanges went, as reports name it */
    public ViolationLedger(String endpoint) {
        this.endpoint = endpoint;
        for (ExchangeCheck check : ExchangeCheck.values()) {
            tallies.put(check, new Tally());
        }
    }

    public synchronized void record(Exchange exchange, ExchangeRules.Verdict verdict) {
        exchanges++;
        if (exchange.action() != null) {
            answered.add(exchange.action());
        }
        for (ExchangeCheck check : verdict.applied()) {
            Tally tally = tallies.get(check);
            tally.applied++;
            if (exchange.action() != null) {
                tally.operations.add(exchange.action());
            }
        }
        for (Violation violation : verdict.violations()) {
            Tally tally = tallies.get(violation.check());
            tally.violations++;
            total++;
            if (tally.details.size() < DETAILS_PER_CHECK) {
                tally.details.add(violation.describe());
            }
            recent.addLast(violation);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    /** The latest violations, oldest first (at most {@link #RECENT}). */
    public synchronized List<Violation> recent() {
        return List.copyOf(recent);
    }

    public synchronized long total() {
        return total;
    }

    public synchronized long exchanges() {
        return exchanges;
    }

    /** How many violations each check found, in the checks' order, only checks that found some. */
    public synchronized Map<ExchangeCheck, Long> byCheck() {
        Map<ExchangeCheck, Long> counts = new EnumMap<>(ExchangeCheck.class);
        tallies.forEach((check, tally) -> {
            if (tally.violations > 0) {
                counts.put(check, tally.violations);
            }
        });
        return counts;
    }

    public synchronized void clear() {
        tallies.replaceAll((check, tally) -> new Tally());
        recent.clear();
        answered.clear();
        exchanges = 0;
        total = 0;
    }

    /**
     * The exchanges so far as a run of the conformance suite reports one: each check failed when it
     * found a violation, passed when it applied and found none, not applicable when it never applied.
     *
     * @param actions the operations of the document the exchanges were held to
     */
    public String endpoint() {
        return endpoint;
    }

    public synchronized RunReport report(String version, String documentSha256, String signature, Instant startedAt,
            Instant finishedAt, List<String> actions) {
        List<CheckResult> results = new ArrayList<>();
        tallies.forEach((check, tally) -> {
            CheckResult.Outcome outcome = tally.violations > 0 ? CheckResult.Outcome.FAIL
                    : tally.applied > 0 ? CheckResult.Outcome.PASS : CheckResult.Outcome.NOT_APPLICABLE;
            List<String> details = new ArrayList<>(tally.details);
            if (tally.violations > details.size()) {
                details.add("... and " + (tally.violations - details.size()) + " more");
            }
            results.add(new CheckResult(check.id(), check.level(), check.description() + " (" + tally.applied + " exchanges)",
                    check.rules(), List.copyOf(tally.operations), outcome, List.copyOf(details), 0));
        });
        List<OperationResult> operations = OperationResult.judge(actions, Set.copyOf(answered), List.of(), results, false);
        return new RunReport(RunReport.PROXY, version, documentSha256, endpoint, signature, startedAt, finishedAt, List.copyOf(results),
                RuleResult.judge(Rules.all(), results), operations, false);
    }
}
