package dev.ensemu.server.auth;

import java.util.Map;

/** What the signature checks read of a request, exactly as it arrived; the HTTP layer provides it. */
public interface SignedRequest {
    /** The HTTP method the client used. */
    String method();

    /** A header's first value, case-insensitively, or null. */
    String header(String name);

    /** Query then form parameters, first value of each name: what V1 signs. */
    Map<String, String> signedParameters();

    /** The query string's parameters alone: what V3 signs. */
    Map<String, String> signedQuery();

    /** The RAM action the caller's account must be allowed, e.g. {@code ens:ExportImage}. */
    String ramAction();

    /** The body bytes after de-chunking (empty when there is none): what V3 hashes. */
    byte[] body();

    /** A parameter's value, or null when it is absent or empty. */
    default String given(String name) {
        String value = signedParameters().get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Whether the parameter is present at all, even empty. */
    default boolean has(String name) {
        return signedParameters().containsKey(name);
    }
}
