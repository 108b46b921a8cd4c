package dev.ensemu.server.control;

import dev.ensemu.server.state.StateException;

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

    /** What the state refused, as the control plane answers it. */
    public static ControlPlaneException of(StateException refused) {
        Kind kind = switch (refused.kind()) {
            case NOT_FOUND -> Kind.NOT_FOUND;
            case CONFLICT -> Kind.CONFLICT;
            case INVALID_FIELD -> Kind.INVALID_FIELD;
        };
        return new ControlPlaneException(kind, refused.getMessage());
    }

    public Kind kind() {
        return kind;
    }
}
