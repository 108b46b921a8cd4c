package dev.ensemu.server.rpc;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Locale;
import java.util.UUID;

/** The RequestId of an answer: an upper-case UUID, the same in the body, the header and the log. */
public final class RequestIds {
    public static final String HEADER = "x-acs-request-id";
    private static final String PROPERTY = RequestIds.class.getName();
    private static final String STARTED = RequestIds.class.getName() + ".started";

    private RequestIds() {}

    /** The request's id, created on first use so that even an early failure has one. */
    public static String of(ContainerRequestContext request) {
        String id = (String) request.getProperty(PROPERTY);
        if (id == null) {
            id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
            request.setProperty(PROPERTY, id);
            request.setProperty(STARTED, System.nanoTime());
        }
        return id;
    }

    /** {@link System#nanoTime()} when the request got its id, i.e. when processing began. */
    public static long startNanos(ContainerRequestContext request) {
        of(request);
        return (Long) request.getProperty(STARTED);
    }
}
