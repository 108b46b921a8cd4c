package dev.ensemu.server.proxy;

/** The upstream gave no answer in time, or no HTTP answer at all. The message never holds a secret. */
public final class UpstreamFailure extends Exception {
    /** What went wrong: the caller gets 503 for the first and 502 for the second. */
    public enum Kind { UNAVAILABLE, NOT_HTTP }

    private final Kind kind;

    UpstreamFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
