package dev.ensemu.server.state;

/** A control-plane request that cannot be carried out; the kind decides the HTTP status. */
public final class ControlPlaneException extends RuntimeException {
    /** What went wrong, as the control plane's {@code code}. */
    public enum Kind {
        NOT_FOUND(404, "NotFound"),
        CONFLICT(409, "Conflict"),
        INVALID_FIELD(400, "InvalidField"),
        UNAUTHORIZED(401, "Unauthorized");

        private final int status;
        private final String code;

        Kind(int status, String code) {
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public ControlPlaneException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
