package dev.ensemu.conformance.checks;

import dev.ensemu.contract.report.Level;
import dev.ensemu.contract.rules.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

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

    /** The coverage of every rule by the suite's checks, uncovered rules first. */
    public static List<Coverage> of(List<Rule> rules, List<Check> checks) {
        List<Coverage> matrix = new ArrayList<>();
        for (Rule rule : rules) {
            matrix.add(new Coverage(rule, checks.stream().filter(c -> Arrays.asList(c.rules()).contains(rule.id())).toList()));
        }
        matrix.sort(Comparator.comparing((Coverage c) -> !c.uncovered()).thenComparing(c -> c.rule().id()));
        return List.copyOf(matrix);
    }
}
