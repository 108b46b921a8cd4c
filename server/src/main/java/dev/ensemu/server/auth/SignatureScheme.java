package dev.ensemu.server.auth;

/** How a request proved who sent it. */
public enum SignatureScheme {
    /** Unsigned, served in anonymous mode. */
    NONE,
    /** RPC signature: HMAC-SHA1 over the sorted parameters, in the {@code Signature} parameter. */
    V1,
    /** ACS3-HMAC-SHA256 in the {@code Authorization} header. */
    V3
}
