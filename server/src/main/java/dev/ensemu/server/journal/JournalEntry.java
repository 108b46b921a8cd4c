package dev.ensemu.server.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One RPC call as the journal, the metrics and the access log see it. Whatever the client sent
 * (parameters, Action, AccessKeyId) is cut to {@link #MAX_TEXT} characters when the entry is made,
 * so no request, signed or not, makes an entry large. Parameters are redacted when shown, not
 * when recorded, so recording costs little on the request path.
 */
public record JournalEntry(Instant time, String requestId, String method, Optional<String> action, Optional<String> accessKeyId,
        String signature, Map<String, String> parameters, int status, String code, long latencyMillis) {
    /** The code the journal shows for a successful call. */
    public static final String SUCCESS = "Success";
    /** Longest name or value kept (the longest legitimate value, an ImageId or ImageName, is 128); longer ones are cut and marked. */
    public static final int MAX_TEXT = 128;
    static final String REDACTED = "<redacted>";
    // Rough JVM cost of an entry besides its strings: the record, its Optionals, Instant, map nodes.
    private static final int FIXED_BYTES = 320;
    private static final int BYTES_PER_PARAMETER = 64;

    public JournalEntry {
        method = clip(method);
        code = clip(code);
        action = action.map(JournalEntry::clip);
        accessKeyId = accessKeyId.map(JournalEntry::clip);
        parameters = PackedParameters.of(clipped(parameters));
    }

    /** The parameters with the signature and anything secret-looking replaced by {@code <redacted>}. */
    public Map<String, String> redactedParameters() {
        Map<String, String> shown = new LinkedHashMap<>();
        parameters.forEach((name, value) -> shown.put(name, isSecret(name) ? REDACTED : value));
        return shown;
    }

    /** About how many bytes of heap the entry holds (strings as two bytes a character, to be safe). */
    public long estimatedBytes() {
        long bytes = FIXED_BYTES + 2L * (requestId.length() + method.length() + signature.length() + code.length()
                + action.map(String::length).orElse(0) + accessKeyId.map(String::length).orElse(0));
        return bytes + (long) BYTES_PER_PARAMETER * parameters.size() + 2L * PackedParameters.characters(parameters);
    }

    /** The text, or its first {@link #MAX_TEXT} characters followed by a mark saying how much was cut. */
    public static String clip(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "...[cut " + (text.length() - MAX_TEXT) + " characters]";
    }

    private static Map<String, String> clipped(Map<String, String> parameters) {
        boolean fits = true;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            fits &= parameter.getKey().length() <= MAX_TEXT && parameter.getValue().length() <= MAX_TEXT;
        }
        if (fits) {
            return parameters; // the common case: nothing to cut
        }
        Map<String, String> clipped = new LinkedHashMap<>();
        parameters.forEach((name, value) -> clipped.putIfAbsent(clip(name), clip(value)));
        return clipped;
    }

    private static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("signature") || lower.contains("secret") || lower.contains("token") || lower.contains("password");
    }
}
