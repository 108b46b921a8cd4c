package dev.ensemu.server.rpc;

import dev.ensemu.server.control.AdminTokenFilter;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the RPC envelope: merges query and form parameters, resolves Action, Version and Format
 * (from parameters or the {@code x-acs-*} headers), and rejects calls to anything but the
 * {@link Operations} in version 2017-11-10. The operation's own parameters are checked after the
 * caller ({@link ParameterFilter}), which also hands the call to Jersey.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RpcEnvelopeFilter implements ContainerRequestFilter {
    /** Set by the HTTP server when it had to escape the query for Jersey; holds the original. */
    public static final String RAW_QUERY = "ensemu.rawQuery";

    private final Operations operations;
    private final int maxBodyBytes;
    private final int maxParameters;

    public RpcEnvelopeFilter(Operations operations, int maxBodyBytes, int maxParameters) {
        this.operations = operations;
        this.maxBodyBytes = maxBodyBytes;
        this.maxParameters = maxParameters;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        RequestIds.of(request);
        if (AdminTokenFilter.isControlPlane(request)) {
            return;
        }
        String method = request.getMethod();
        if (!request.getUriInfo().getPath().isEmpty() && !"/".equals(request.getUriInfo().getPath())) {
            throw new EnsException(EnsError.INVALID_ACTION);
        }
        if (!HttpMethod.GET.equals(method) && !HttpMethod.POST.equals(method) && !HttpMethod.HEAD.equals(method)) {
            throw new EnsException(EnsError.INVALID_ACTION);
        }

        byte[] body = declaresBody(request) ? readBody(request.getEntityStream()) : new byte[0];
        // The query as it arrived, before any repair that let Jersey parse the URI (see RequestRepairHandler).
        Object rawQuery = request.getProperty(RAW_QUERY);
        RpcParameters query = RpcParameters.parse(rawQuery != null ? (String) rawQuery : request.getUriInfo().getRequestUri().getRawQuery());
        RpcParameters form = isForm(request.getHeaderString(HttpHeaders.CONTENT_TYPE))
                ? RpcParameters.parse(new String(body, StandardCharsets.UTF_8))
                : RpcParameters.NONE;
        RpcParameters parameters = query.followedBy(form);
        if (parameters.count() > maxParameters) {
            throw new EnsException(EnsError.INVALID_PARAMETER, "more than " + maxParameters + " parameters");
        }

        ResponseFormat format = ResponseFormat.parse(parameters.given("Format"));
        String action = firstGiven(parameters.given("Action"), request.getHeaderString("x-acs-action"));
        Operation operation = action == null ? null : operations.find(action).orElse(null);
        RpcCall call = new RpcCall(method, query, form, parameters, RpcCall.snapshot(request.getHeaders()), body, format, operation);
        call.attachTo(request);

        if (action == null) {
            throw new EnsException(EnsError.MISSING_PARAMETER, "Action");
        }
        if (operation == null) {
            throw new EnsException(EnsError.INVALID_ACTION);
        }
        String version = firstGiven(parameters.given("Version"), request.getHeaderString("x-acs-version"));
        if (version == null) {
            throw new EnsException(EnsError.MISSING_PARAMETER, "Version");
        }
        if (!Operation.VERSION.equals(version)) {
            throw new EnsException(EnsError.INVALID_VERSION);
        }

        // RPC chooses the format by the Format parameter, so Accept must not make Jersey answer 406.
        request.getHeaders().remove(HttpHeaders.ACCEPT);
    }

    private static String firstGiven(String parameter, String header) {
        if (parameter != null) {
            return parameter;
        }
        return header == null || header.isEmpty() ? null : header;
    }

    private static boolean isForm(String contentType) {
        return contentType != null
                && contentType.strip().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /**
     * Only a Content-Length or chunked framing announces a body. Reading without one would wait
     * for the client to close, e.g. on a GET that offers an h2c upgrade (the JDK's HttpClient does).
     */
    private static boolean declaresBody(ContainerRequestContext request) {
        String transferEncoding = request.getHeaderString("Transfer-Encoding");
        return request.getLength() > 0
                || (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked"));
    }

    private byte[] readBody(InputStream in) {
        byte[] body;
        try {
            body = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw new EnsException(EnsError.INVALID_PARAMETER, "a request body that could not be read whole");
        }
        if (body.length > maxBodyBytes) {
            throw new EnsException(EnsError.INVALID_PARAMETER, "a request body over " + maxBodyBytes + " bytes");
        }
        return body;
    }
}
