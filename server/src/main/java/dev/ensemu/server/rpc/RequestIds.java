package dev.ensemu.server.rpc;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The RequestId of an answer: an upper-case UUID, the same in the body, the header and the log. */
public final class RequestIds {
    public static final String HEADER = "x-acs-request-id";
    private static final String PROPERTY = RequestIds.class.getName();
    private static final String STARTED = RequestIds.class.getName() + ".started";
    private static final String RELAYED = RequestIds.class.getName() + ".relayed";

    private RequestIds() {}

    /** The request's id, created on first use so that even an early failure has one. */
    public static String of(ContainerRequestContext request) {
        String id = (String) request.getProperty(PROPERTY);
        if (id == null) {
            id = newId();
            request.setProperty(PROPERTY, id);
            request.setProperty(STARTED, System.nanoTime());
        }
        return id;
    }

    /**
     * Marks the answer as relayed from an upstream: its RequestId is the upstream's (none when the
     * upstream sent none), so the header is the upstream's too and the journal names that id.
     */
    public static void relay(ContainerRequestContext request, String upstreamRequestId) {
        of(request);
        request.setProperty(RELAYED, Boolean.TRUE);
        if (upstreamRequestId != null) {
            request.setProperty(PROPERTY, upstreamRequestId);
        }
    }

    /** Whether the answer is an upstream's, whose headers are sent as they came. */
    public static boolean relayed(ContainerRequestContext request) {
        return request.getProperty(RELAYED) != null;
    }

    /** A fresh RequestId. */
    public static String newId() {
        return randomUuid().toString().toUpperCase(Locale.ROOT);
    }

    // A version-4 UUID like UUID.randomUUID(), without its SecureRandom: a RequestId needs to be
    // unique, not unguessable, and SecureRandom's shared lock showed up under load.
    static UUID randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low);
    }

    /** {@link System#nanoTime()} when the request got its id, i.e. when processing began. */
    public static long startNanos(ContainerRequestContext request) {
        of(request);
        return (Long) request.getProperty(STARTED);
    }
}
