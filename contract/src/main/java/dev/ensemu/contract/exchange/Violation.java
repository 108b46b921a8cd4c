package dev.ensemu.contract.exchange;

/** One exchange breaking one check's rule; the message says what was seen, never a secret. */
public record Violation(ExchangeCheck check, String action, String requestId, String message) {
    /** Messages quote values the caller chose: kept to this many characters, so 1,000 kept violations stay small. */
    public static final int MAX_MESSAGE = 300;

    public Violation {
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        if (requestId != null && requestId.length() > 64) {
            requestId = requestId.substring(0, 64) + "...";
        }
    }

    /** One line for a log or a report: the check, its rules, the call and what was wrong. */
    public String describe() {
        return check.id() + " " + String.join(",", check.rules()) + " " + (action == null ? "(no Action)" : action)
                + (requestId == null ? "" : " RequestId " + requestId) + ": " + message;
    }
}
