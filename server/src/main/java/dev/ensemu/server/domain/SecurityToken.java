package dev.ensemu.server.domain;

import java.time.Instant;
import java.util.Objects;

/** The SecurityToken of temporary (STS) credentials and when they expire; the value is never printed. */
public record SecurityToken(String value, Instant expiration) {
    public SecurityToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiration, "expiration");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiration);
    }

    @Override
    public String toString() {
        return "SecurityToken[value=<redacted>, expiration=" + expiration + "]";
    }
}
