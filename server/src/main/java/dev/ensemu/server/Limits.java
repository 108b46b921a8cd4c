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

    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Starts from the limits it was made from; {@link #build()} checks them. */
    public static final class Builder {
        private int maxHeaderBytes;
        private int maxHeaders;
        private int maxBodyBytes;
        private int maxParameters;
        private Duration readTimeout;
        private Duration idleTimeout;
        private Duration shutdownGrace;
        private int workerThreads;

        private Builder(Limits from) {
            maxHeaderBytes = from.maxHeaderBytes;
            maxHeaders = from.maxHeaders;
            maxBodyBytes = from.maxBodyBytes;
            maxParameters = from.maxParameters;
            readTimeout = from.readTimeout;
            idleTimeout = from.idleTimeout;
            shutdownGrace = from.shutdownGrace;
            workerThreads = from.workerThreads;
        }

        public Builder maxHeaderBytes(int value) {
            maxHeaderBytes = value;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            maxBodyBytes = value;
            return this;
        }

        public Builder maxParameters(int value) {
            maxParameters = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder shutdownGrace(Duration value) {
            shutdownGrace = value;
            return this;
        }

        public Builder workerThreads(int value) {
            workerThreads = value;
            return this;
        }

        public Limits build() {
            return new Limits(maxHeaderBytes, maxHeaders, maxBodyBytes, maxParameters, readTimeout, idleTimeout, shutdownGrace,
                    workerThreads);
        }
    }
}
