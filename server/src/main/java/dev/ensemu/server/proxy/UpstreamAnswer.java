package dev.ensemu.server.proxy;

/** What the upstream answered, as it came: status, the two headers ENS answers carry, and the body. */
public record UpstreamAnswer(int status, String contentType, String requestId, byte[] body) {}
