package dev.ensemu.server.logging;

import dev.ensemu.server.journal.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per answered request on the logger {@code ensemu.access} at INFO: RequestId, method,
 * Action (or the control-plane path), AccessKeyId, status, Code and latency, as the message and as
 * key-value pairs (the JSON format shows them as fields). Never parameters: they may carry secrets.
 */
public final class AccessLog {
    public static final String LOGGER = "ensemu.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final String NONE = "-";

    /** A DescribeExportImageInfo (or other RPC) call, as the journal recorded it. */
    public void call(JournalEntry entry) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String action = entry.action().orElse(NONE);
        String accessKeyId = entry.accessKeyId().orElse(NONE);
        LOG.atInfo()
                .addKeyValue("requestId", entry.requestId())
                .addKeyValue("method", entry.method())
                .addKeyValue("action", action)
                .addKeyValue("accessKeyId", accessKeyId)
                .addKeyValue("status", entry.status())
                .addKeyValue("code", entry.code())
                .addKeyValue("latencyMillis", entry.latencyMillis())
                .log(String.join(" ", entry.requestId(), entry.method(), action, accessKeyId, Integer.toString(entry.status()),
                        entry.code(), entry.latencyMillis() + "ms"));
    }

    /** A control-plane request: no Action, no AccessKey, the path instead. */
    public void controlPlane(String requestId, String method, String path, int status, long latencyMillis) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.atInfo()
                .addKeyValue("requestId", requestId)
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("status", status)
                .addKeyValue("latencyMillis", latencyMillis)
                .log(String.join(" ", requestId, method, path, Integer.toString(status), latencyMillis + "ms"));
    }
}
