package dev.ensemu.server;

import java.time.Duration;

/**
 * How much a request may be, and how long a client may take, before the server gives up on it.
 *
 * @param maxHeaderBytes request line plus headers; longer requests get Grizzly's 4xx and are closed
 * @param maxHeaders     number of request headers
 * @param maxBodyBytes   an RPC request body; larger is 400 InvalidParameter
 * @param maxParameters  query plus form parameters of an RPC request; more is 400 InvalidParameter
 * @param readTimeout    a stalled body read is cut off after this (400 InvalidParameter)
 * @param idleTimeout    an idle keep-alive connection is closed after this
 * @param shutdownGrace  on SIGTERM, how long requests in flight may take to finish
 * @param workerThreads  threads serving requests; a client stalling its body holds one until the read timeout
 */
public record Limits(int maxHeaderBytes, int maxHeaders, int maxBodyBytes, int maxParameters, Duration readTimeout,
        Duration idleTimeout, Duration shutdownGrace, int workerThreads) {

    public static final Limits DEFAULTS = new Limits(16 * 1024, 100, 1024 * 1024, 256, Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(10), 32);

    public Limits {
        positive("max header bytes", maxHeaderBytes);
        positive("max headers", maxHeaders);
        positive("max body bytes", maxBodyBytes);
        positive("max parameters", maxParameters);
        positive("worker threads", workerThreads);
        if (readTimeout.isNegative() || readTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()
                || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }

    public Limits withMaxHeaderBytes(int value) {
        return new Limits(value, maxHeaders, maxBodyBytes, maxParameters, readTimeout, idleTimeout, shutdownGrace, workerThreads);
    }

    public Limits withMaxBodyBytes(int value) {
        return new Limits(maxHeaderBytes, maxHeaders, value, maxParameters, readTimeout, idleTimeout, shutdownGrace, workerThreads);
    }

    public Limits withMaxParameters(int value) {
        return new Limits(maxHeaderBytes, maxHeaders, maxBodyBytes, value, readTimeout, idleTimeout, shutdownGrace, workerThreads);
    }

    public Limits withReadTimeout(Duration value) {
        return new Limits(maxHeaderBytes, maxHeaders, maxBodyBytes, maxParameters, value, idleTimeout, shutdownGrace, workerThreads);
    }

    public Limits withIdleTimeout(Duration value) {
        return new Limits(maxHeaderBytes, maxHeaders, maxBodyBytes, maxParameters, readTimeout, value, shutdownGrace, workerThreads);
    }

    public Limits withShutdownGrace(Duration value) {
        return new Limits(maxHeaderBytes, maxHeaders, maxBodyBytes, maxParameters, readTimeout, idleTimeout, value, workerThreads);
    }

    public Limits withWorkerThreads(int value) {
        return new Limits(maxHeaderBytes, maxHeaders, maxBodyBytes, maxParameters, readTimeout, idleTimeout, shutdownGrace, value);
    }
}
