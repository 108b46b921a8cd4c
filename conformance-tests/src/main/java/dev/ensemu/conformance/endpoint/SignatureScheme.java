package dev.ensemu.conformance.endpoint;

import java.util.Locale;

/** How the suite signs its requests. */
public enum SignatureScheme {
    NONE,
    V1,
    V3;

    public static SignatureScheme parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "v1" -> V1;
            case "v3" -> V3;
            default -> throw new IllegalArgumentException("signature must be none, v1 or v3, not \"" + value + "\"");
        };
    }
}
