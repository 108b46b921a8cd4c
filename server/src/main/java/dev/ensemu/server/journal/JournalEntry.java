package dev.ensemu.server.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One DescribeExportImageInfo call as the journal keeps it. The parameters are kept as they came
 * (in memory only) and redacted when shown, so recording costs nothing on the request path.
 */
public record JournalEntry(Instant time, String requestId, String method, Optional<String> action, Optional<String> accessKeyId,
        String signature, Map<String, String> parameters, int status, String code, long latencyMillis) {
    /** The code the journal shows for a successful call. */
    public static final String SUCCESS = "Success";
    static final String REDACTED = "<redacted>";

    /** The parameters with the signature and anything secret-looking replaced by {@code <redacted>}. */
    public Map<String, String> redactedParameters() {
        Map<String, String> shown = new LinkedHashMap<>();
        parameters.forEach((name, value) -> shown.put(name, isSecret(name) ? REDACTED : value));
        return shown;
    }

    private static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("signature") || lower.contains("secret") || lower.contains("token") || lower.contains("password");
    }
}
