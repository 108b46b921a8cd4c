package dev.ensemu.contract.report;

import dev.ensemu.contract.rules.Rule;
import dev.ensemu.contract.rules.RuleLevel;
import java.util.ArrayList;
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

    /** Whether a rule is one the suite can verify at all (EMULATOR rules are ensemu's own). */
    public boolean checkable() {
        return rule.level() != RuleLevel.EMULATOR;
    }
}
