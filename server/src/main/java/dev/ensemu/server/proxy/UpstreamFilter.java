package dev.ensemu.server.proxy;

import dev.ensemu.server.control.AdminTokenFilter;
import dev.ensemu.server.rpc.AuthenticationFilter;
import dev.ensemu.server.rpc.JournalFilter;
import dev.ensemu.server.rpc.RequestIds;
import dev.ensemu.server.rpc.RpcCall;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * With {@code --upstream}: answers each authenticated ENS call with the upstream's answer, status,
 * body, Content-Type and RequestId as they came. It runs after authentication and injected faults
 * and before the parameters are judged, so the upstream judges them itself.
 */
@PreMatching
@Priority(Priorities.AUTHORIZATION + 50)
public final class UpstreamFilter implements ContainerRequestFilter {
    private final UpstreamProxy proxy;

    public UpstreamFilter(UpstreamProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (AdminTokenFilter.isControlPlane(request)) {
            return;
        }
        UpstreamProxy.Relayed relayed = proxy.forward(RpcCall.of(request), AuthenticationFilter.callerOf(request));
        UpstreamAnswer answer = relayed.answer();
        RequestIds.relay(request, answer.requestId());
        JournalFilter.answeredWith(request, relayed.code());
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body());
        if (answer.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        if (answer.requestId() != null) {
            response.header(RequestIds.HEADER, answer.requestId());
        }
        request.abortWith(response.build());
    }
}
