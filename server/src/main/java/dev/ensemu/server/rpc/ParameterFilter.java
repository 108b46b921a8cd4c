package dev.ensemu.server.rpc;

import dev.ensemu.server.control.AdminTokenFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.InputStream;
import java.net.URI;
import org.glassfish.jersey.server.internal.InternalServerProperties;

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
        RpcCall call = RpcCall.of(request);
        Form form = new Form(new MultivaluedHashMap<>(call.operation().parameters().validated(call.parameters())));
        URI base = request.getUriInfo().getBaseUri();
        request.setRequestUri(base, URI.create(base + call.operation().action()));
        if (!HttpMethod.HEAD.equals(request.getMethod())) {
            request.setMethod(HttpMethod.POST);
        }
        // The form as Jersey keeps a decoded form it has read: its @FormParam injection takes it
        // from there, so the values are neither encoded again nor parsed a second time.
        request.setProperty(InternalServerProperties.FORM_DECODED_PROPERTY, form);
        request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED);
        request.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        request.getHeaders().remove("Transfer-Encoding");
        request.setEntityStream(InputStream.nullInputStream());
    }
}
