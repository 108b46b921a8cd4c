package dev.ensemu.server.http;

import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.rpc.EnsBodyWriter;
import dev.ensemu.server.rpc.EnsExceptionMapper;
import java.util.List;

/** The JSON error envelope for answers made below Jersey, the same bytes the exception mapper would write. */
final class ErrorBodies {
    static final String CONTENT_TYPE = "application/json;charset=utf-8";
    /** JSON only: no operation's answer is written here. */
    private static final EnsBodyWriter WRITER = new EnsBodyWriter(List.of());

    private ErrorBodies() {}

    static byte[] json(EnsException error, String requestId, String hostHeader) {
        return WRITER.jsonBytes(EnsExceptionMapper.envelope(error, requestId, hostHeader));
    }
}
