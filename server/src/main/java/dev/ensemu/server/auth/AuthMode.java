package dev.ensemu.server.auth;

/** Whether unsigned requests are refused (verify) or served for the default account (anonymous). */
public enum AuthMode {
    /** Every request must be signed by a known key, as on ENS. */
    VERIFY,
    /** Unsigned requests act as the default account; signed ones are still verified. */
    ANONYMOUS
}
