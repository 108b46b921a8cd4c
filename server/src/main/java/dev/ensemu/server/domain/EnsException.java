package dev.ensemu.server.domain;

/** The one exception for an ENS error answer; the HTTP layer renders it as the error envelope. */
public final class EnsException extends RuntimeException {
    private final EnsError error;
    private final String code;

    /** @param argument fills the {@code %s} of the code and message (a field name, a detail) */
    public EnsException(EnsError error, String argument) {
        // No stack trace: these are answers to bad input, thrown often and never debugged.
        super(String.format(error.messageTemplate(), argument).strip(), null, false, false);
        this.error = error;
        this.code = String.format(error.code(), argument);
    }

    public EnsException(EnsError error) {
        this(error, "");
    }

    public EnsError error() {
        return error;
    }

    public int status() {
        return error.status();
    }

    public String code() {
        return code;
    }
}
