package dev.ensemu.contract.report;

import java.util.List;
import java.util.Set;

/**
 * One operation of the document as this run found it: implemented or not, required by the run
 * ({@code --operations}) or not, and whether its checks passed.
 *
 * @param checks the checks that call it
 */
public record OperationResult(String action, boolean implemented, boolean required, List<String> checks, Verdict verdict) {
    /** What the run says of the operation. */
    public enum Verdict {
        CONFORMANT("conformant"), NOT_CONFORMANT("not conformant"), NOT_IMPLEMENTED("not implemented"),
        MISSING("required, not implemented");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Each operation's verdict from the checks that call it. */
    public static List<OperationResult> judge(List<String> actions, Set<String> implemented, List<String> required,
            List<CheckResult> results, boolean strict) {
        return actions.stream().map(action -> {
            List<CheckResult> its = results.stream().filter(c -> c.operations().contains(action)).toList();
            boolean there = implemented.contains(action);
            Verdict verdict = !there ? (required.contains(action) ? Verdict.MISSING : Verdict.NOT_IMPLEMENTED)
                    : its.stream().anyMatch(c -> c.breaksConformance(strict)) ? Verdict.NOT_CONFORMANT : Verdict.CONFORMANT;
            return new OperationResult(action, there, required.contains(action), its.stream().map(CheckResult::id).toList(), verdict);
        }).toList();
    }
}
