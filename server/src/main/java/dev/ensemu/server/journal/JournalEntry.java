package dev.ensemu.server.journal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One DescribeExportImageInfo call as the journal keeps it: no secrets, no signatures. */
public record JournalEntry(Instant time, String requestId, String method, Optional<String> action, Optional<String> accessKeyId,
        String signature, Map<String, String> parameters, int status, String code, long latencyMillis) {
    /** The code the journal shows for a successful call. */
    public static final String SUCCESS = "Success";
}
