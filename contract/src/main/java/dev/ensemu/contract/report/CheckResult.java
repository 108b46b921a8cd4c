package dev.ensemu.contract.report;

import java.util.List;

/** The outcome of one check, over all its invocations, and the rules it covers. */
public record CheckResult(String id, Level level, String description, List<String> rules, List<String> operations, Outcome outcome,
        List<String> details, long durationMillis) {
    /** Pass, fail, or not applicable to this target (never counted as a pass). */
    public enum Outcome {
        PASS("pass"), FAIL("fail"), NOT_APPLICABLE("not applicable");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A MUST check that failed, or in a strict run any check that failed: the run fails. */
    public boolean breaksConformance(boolean strict) {
        return outcome == Outcome.FAIL && (level == Level.MUST || strict);
    }

    /** Checks group by the prefix of their id: DEF, PAG, SIG... */
    public String group() {
        return id.substring(0, id.indexOf('-'));
    }
}
