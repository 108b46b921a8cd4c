package dev.ensemu.contract.exchange;

/** One exchange breaking one check's rule; the message says what was seen, never a secret. */
public record Violation(ExchangeCheck check, String action, String requestId, String message) {
    /** One line for a log or a report: the check, its rules, the call and what was wrong. */
    public String describe() {
        return check.id() + " " + String.join(",", check.rules()) + " " + (action == null ? "(no Action)" : action)
                + (requestId == null ? "" : " RequestId " + requestId) + ": " + message;
    }
}
