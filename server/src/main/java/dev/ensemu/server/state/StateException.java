package dev.ensemu.server.state;

/** A lookup or change the state refuses; the HTTP layer decides how to answer it. */
public final class StateException extends RuntimeException {
    /** Why: no such account or image, a clash with what is there, or a value that cannot be taken. */
    public enum Kind { NOT_FOUND, CONFLICT, INVALID_FIELD }

    private final Kind kind;

    public StateException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
