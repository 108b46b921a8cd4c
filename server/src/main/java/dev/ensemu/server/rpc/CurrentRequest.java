package dev.ensemu.server.rpc;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Map;

/**
 * The request this thread is serving, for the singleton resource: opened by this filter before
 * any other request filter and closed before any other response filter (register it with
 * {@link #PRIORITIES}), so it is open exactly while the request filters and the resource run, and
 * no other filter hands request state on through the thread. A failing request filter or resource
 * still reaches the response filters, so the close runs; every request opens it anew besides.
 * Jersey runs the filters and the resource method on one thread, and a thread-local read is
 * cheaper than the injection lookup of a {@code Provider<ContainerRequestContext>}.
 */
@PreMatching
public final class CurrentRequest implements ContainerRequestFilter, ContainerResponseFilter {
    /** Request filters run lowest first, response filters highest first: first in, first out. */
    public static final Map<Class<?>, Integer> PRIORITIES = Map.of(ContainerRequestFilter.class, Priorities.AUTHENTICATION - 200,
            ContainerResponseFilter.class, Integer.MAX_VALUE);

    private static final ThreadLocal<ContainerRequestContext> REQUEST = new ThreadLocal<>();

    @Override
    public void filter(ContainerRequestContext request) {
        REQUEST.set(request);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        REQUEST.remove();
    }

    static ContainerRequestContext get() {
        ContainerRequestContext request = REQUEST.get();
        if (request == null) {
            throw new IllegalStateException("no request is open on this thread: CurrentRequest is not registered");
        }
        return request;
    }

    /** The request open on this thread, or null (for tests). */
    static ContainerRequestContext peek() {
        return REQUEST.get();
    }
}
