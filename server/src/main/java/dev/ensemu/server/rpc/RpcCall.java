package dev.ensemu.server.rpc;

import dev.ensemu.server.auth.SignedRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One RPC request as it arrived, before Jersey sees the normalised form: what the signature
 * checks need (the original method, query and form parameters apart, the exact body bytes).
 *
 * @param method     the HTTP method the client used
 * @param query      parameters of the query string
 * @param form       parameters of an {@code application/x-www-form-urlencoded} body
 * @param parameters query then form, the view the operation and the V1 signature use
 * @param headers    request headers as they arrived (case-insensitive names), before any normalisation
 * @param body       the body bytes after de-chunking (empty when there is none)
 * @param operation  the operation the Action names; null when it names none
 */
public record RpcCall(
        String method,
        RpcParameters query,
        RpcParameters form,
        RpcParameters parameters,
        Map<String, List<String>> headers,
        byte[] body,
        ResponseFormat format,
        Operation operation) implements SignedRequest {

    private static final String PROPERTY = RpcCall.class.getName();

    /** What the caller's account must be allowed; the envelope refuses a call before this when no operation is named. */
    @Override
    public String ramAction() {
        return operation.ramAction();
    }

    @Override
    public Map<String, String> signedParameters() {
        return parameters.asMap();
    }

    @Override
    public Map<String, String> signedQuery() {
        return query.asMap();
    }

    @Override
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A case-insensitive copy, so later changes to the live request do not alter what was signed. */
    public static Map<String, List<String>> snapshot(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    void attachTo(ContainerRequestContext request) {
        request.setProperty(PROPERTY, this);
    }

    /** The call attached by the envelope filter, or null when the request never got that far. */
    public static RpcCall of(ContainerRequestContext request) {
        return (RpcCall) request.getProperty(PROPERTY);
    }
}
