package dev.ensemu.server.domain;

import java.util.Objects;

/** An AccessKey pair; the secret never leaves the server and is never printed. */
public record AccessKey(String id, String secret) {
    public AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "AccessKey[id=" + id + ", secret=<redacted>]";
    }
}
