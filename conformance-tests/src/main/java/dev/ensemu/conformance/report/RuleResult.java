package dev.ensemu.conformance.report;

import dev.ensemu.conformance.checks.Check;
import dev.ensemu.conformance.checks.Level;
import dev.ensemu.conformance.rules.Rule;
import dev.ensemu.conformance.rules.RuleLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One rule of the contract against a run: which checks cover it and what they found. A rule is
 * verified when a covering check passed and none failed; it fails when any covering check
 * failed; not applicable when its checks ran but none could apply; not checked when no covering
 * check ran (none exists, or --checks left them out).
 */
public record RuleResult(Rule rule, List<String> checks, Outcome outcome) {
    public enum Outcome {
        FAIL("fail"), VERIFIED("verified"), NOT_APPLICABLE("not applicable"), NOT_CHECKED("not checked");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The rules as a run's check results judge them, failing rules first, then by id. */
    public static List<RuleResult> judge(List<Rule> rules, List<CheckResult> results) {
        List<RuleResult> judged = new ArrayList<>();
        for (Rule rule : rules) {
            List<CheckResult> covering = results.stream().filter(r -> r.rules().contains(rule.id())).toList();
            Outcome outcome = covering.isEmpty() ? Outcome.NOT_CHECKED
                    : covering.stream().anyMatch(r -> r.outcome() == CheckResult.Outcome.FAIL) ? Outcome.FAIL
                    : covering.stream().anyMatch(r -> r.outcome() == CheckResult.Outcome.PASS) ? Outcome.VERIFIED
                    : Outcome.NOT_APPLICABLE;
            judged.add(new RuleResult(rule, covering.stream().map(CheckResult::id).toList(), outcome));
        }
        judged.sort(Comparator.comparing(RuleResult::outcome).thenComparing(r -> r.rule().id()));
        return List.copyOf(judged);
    }

    /** One line of the coverage matrix: a rule and the checks (of any level) that name it. */
    public record Coverage(Rule rule, List<Check> checks) {
        /** A MUST rule without a MUST check, or a SHOULD rule with neither a check nor a reason. */
        public boolean uncovered() {
            return switch (rule.level()) {
                case MUST -> checks.stream().noneMatch(c -> c.level() == Level.MUST);
                case SHOULD -> checks.isEmpty() && rule.reason().isEmpty();
                case EMULATOR -> false;
            };
        }
    }

    /** The coverage of every rule by the suite's checks, uncovered rules first. */
    public static List<Coverage> coverage(List<Rule> rules, List<Check> checks) {
        List<Coverage> matrix = new ArrayList<>();
        for (Rule rule : rules) {
            matrix.add(new Coverage(rule, checks.stream().filter(c -> Arrays.asList(c.rules()).contains(rule.id())).toList()));
        }
        matrix.sort(Comparator.comparing((Coverage c) -> !c.uncovered()).thenComparing(c -> c.rule().id()));
        return List.copyOf(matrix);
    }

    /** Whether a rule is one the suite can verify at all (EMULATOR rules are ensemu's own). */
    public boolean checkable() {
        return rule.level() != RuleLevel.EMULATOR;
    }
}
