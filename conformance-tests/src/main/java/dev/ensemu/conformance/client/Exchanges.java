package dev.ensemu.conformance.client;

import java.util.Optional;

/** The last request a check sent and what came back, for the report of a failed check. */
public final class Exchanges {
    private static final ThreadLocal<Answer> LAST = new ThreadLocal<>();

    private Exchanges() {}

    static void record(Answer answer) {
        LAST.set(answer);
    }

    public static Optional<Answer> last() {
        return Optional.ofNullable(LAST.get());
    }

    public static void clear() {
        LAST.remove();
    }
}
