package dev.ensemu.server.rpc;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;

/**
 * The request this thread is serving, for the singleton resource: {@link Open} puts it on the
 * thread before any other request filter runs and {@link Close} takes it off before any other
 * response filter runs, so it is there exactly while the request filters and the resource run, and
 * no other filter hands request state on through the thread. A failing request filter or resource
 * still reaches the response filters, and a failing response filter runs after the close. Jersey
 * runs the filters and the resource method on one thread, and a thread-local read is cheaper than
 * the injection lookup of a {@code Provider<ContainerRequestContext>}.
 */
public final class CurrentRequest {
    private static final ThreadLocal<ContainerRequestContext> REQUEST = new ThreadLocal<>();

    private CurrentRequest() {}

    /** Both filters, to register together. */
    public static List<Object> filters() {
        return List.of(new Open(), new Close());
    }

    /** The first request filter: request filters run lowest priority first. */
    @PreMatching
    @Priority(Priorities.AUTHENTICATION - 200)
    public static final class Open implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            REQUEST.set(request);
        }
    }

    /** The first response filter: response filters run highest priority first. */
    @Priority(Integer.MAX_VALUE)
    public static final class Close implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            REQUEST.remove();
        }
    }

    static ContainerRequestContext get() {
        ContainerRequestContext request = REQUEST.get();
        if (request == null) {
            throw new IllegalStateException("no request is open on this thread: CurrentRequest's filters are not registered");
        }
        return request;
    }

    /** The request open on this thread, or null (for tests). */
    static ContainerRequestContext peek() {
        return REQUEST.get();
    }
}
