package dev.ensemu.server.rpc;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/** Sends the RequestId as {@code x-acs-request-id} on every answer, success or error, but a relayed upstream's (sent as it came). */
public final class RequestIdResponseFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!RequestIds.relayed(request)) {
            response.getHeaders().putSingle(RequestIds.HEADER, RequestIds.of(request));
        }
    }
}
