package dev.ensemu.server.rpc;

import dev.ensemu.server.control.AdminTokenFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Holds the call's parameters to the limits of the OpenAPI document ({@link OperationParameters}),
 * then hands the call to Jersey as one shape whatever the client sent: a form POST on
 * {@code /<Action>} (a path only Jersey sees) holding the operation's own parameters, defaults
 * filled in. It runs after authentication and injected faults, as ENS's gateway judges the
 * caller before the operation reads its parameters.
 */
@PreMatching
@Priority(Priorities.AUTHORIZATION + 100)
public final class ParameterFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (AdminTokenFilter.isControlPlane(request)) {
            return;
        }
        Operation operation = RpcCall.of(request).operation();
        byte[] form = operation.parameters().validatedForm(RpcCall.of(request).parameters()).getBytes(StandardCharsets.UTF_8);
        URI base = request.getUriInfo().getBaseUri();
        request.setRequestUri(base, URI.create(base + operation.action()));
        if (!HttpMethod.HEAD.equals(request.getMethod())) {
            request.setMethod(HttpMethod.POST);
        }
        // The body is read already; Jersey would answer a bare 400 for an unparsable Content-Type.
        request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED);
        request.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        request.getHeaders().remove("Transfer-Encoding");
        request.setEntityStream(new ByteArrayInputStream(form));
    }
}
