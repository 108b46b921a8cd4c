package dev.ensemu.server.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An AccessKey pair; the secret never leaves the server and is never printed. Temporary (STS)
 * credentials carry the SecurityToken that must come with every request they sign. An inactive
 * key is refused with {@code InvalidAccessKeyId.Inactive}.
 */
public record AccessKey(String id, String secret, boolean active, Optional<SecurityToken> securityToken) {
    public AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(securityToken, "securityToken");
    }

    /** A long-term, active key. */
    public AccessKey(String id, String secret) {
        this(id, secret, true, Optional.empty());
    }

    public boolean isTemporary() {
        return securityToken.isPresent();
    }

    public AccessKey withActive(boolean active) {
        return new AccessKey(id, secret, active, securityToken);
    }

    @Override
    public String toString() {
        return "AccessKey[id=" + id + ", secret=<redacted>, active=" + active + ", temporary=" + isTemporary() + "]";
    }
}
