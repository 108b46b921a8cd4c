package dev.ensemu.server.rpc;

import dev.ensemu.api.model.ErrorResponse;
import dev.ensemu.server.auth.Caller;
import dev.ensemu.server.journal.JournalEntry;
import dev.ensemu.server.journal.Journal;
import dev.ensemu.server.control.AdminTokenFilter;
import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.logging.AccessLog;
import dev.ensemu.server.metrics.EmulatorMetrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records every RPC answer in the journal (redacted when read), the metrics and the access log;
 * control-plane answers in the access log only; and the requests the HTTP codec refused before
 * they reached Jersey ({@link #refused}), each once.
 */
public final class JournalFilter implements ContainerResponseFilter {
    /**
     * Request property the HTTP codec sets when it answered the request itself: a body whose
     * framing broke while the application read it. The codec has recorded it, so this filter does not.
     */
    public static final String REFUSED_BY_HTTP_CODEC = "ensemu.refusedByHttpCodec";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^,\\s]+)");

    private final Journal journal;
    private final EmulatorMetrics metrics;
    private final AccessLog accessLog;
    private final Clock clock;

    public JournalFilter(Journal journal, EmulatorMetrics metrics, AccessLog accessLog, Clock clock) {
        this.journal = journal;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    private static final String RELAYED_CODE = JournalFilter.class.getName() + ".relayedCode";

    /** The Code of an answer relayed from an upstream, which the journal records instead of reading the entity. */
    public static void answeredWith(ContainerRequestContext request, String code) {
        request.setProperty(RELAYED_CODE, code);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(REFUSED_BY_HTTP_CODEC) != null) {
            return;
        }
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - RequestIds.startNanos(request));
        if (AdminTokenFilter.isControlPlane(request)) {
            accessLog.controlPlane(RequestIds.of(request), request.getMethod(), JournalEntry.clip("/" + request.getUriInfo().getPath()),
                    response.getStatus(), latency);
            return;
        }
        RpcCall call = RpcCall.of(request);
        Caller caller = AuthenticationFilter.callerOf(request);
        Map<String, String> parameters = call == null ? Map.of() : call.parameters().asMap();
        Optional<String> action = Optional.ofNullable(parameters.get("Action"))
                .or(() -> Optional.ofNullable(request.getHeaderString("x-acs-action")));
        String code = request.getProperty(RELAYED_CODE) instanceof String relayed ? relayed
                : response.getEntity() instanceof ErrorResponse error ? error.getCode() : JournalEntry.SUCCESS;
        JournalEntry entry = new JournalEntry(clock.instant(), RequestIds.of(request), call == null ? request.getMethod() : call.method(),
                action, caller != null ? caller.accessKeyId() : claimedKey(request, parameters),
                caller != null ? caller.scheme().name() : "unverified", parameters, response.getStatus(), code, latency);
        journal.record(entry);
        metrics.record(entry);
        accessLog.call(entry);
    }

    /** Records a request the HTTP codec answered by itself: no parameters, no key, nothing signed. */
    public void refused(String requestId, String method, EnsException error) {
        JournalEntry entry = new JournalEntry(clock.instant(), requestId, method.isEmpty() ? "-" : method, Optional.empty(),
                Optional.empty(), "unverified", Map.of(), error.status(), error.code(), 0);
        journal.record(entry);
        metrics.record(entry);
        accessLog.call(entry);
    }

    private static Optional<String> claimedKey(ContainerRequestContext request, Map<String, String> parameters) {
        if (parameters.containsKey("AccessKeyId")) {
            return Optional.of(parameters.get("AccessKeyId"));
        }
        String authorization = request.getHeaderString("Authorization");
        Matcher credential = CREDENTIAL.matcher(authorization == null ? "" : authorization);
        return credential.find() ? Optional.of(credential.group(1)) : Optional.empty();
    }

}
