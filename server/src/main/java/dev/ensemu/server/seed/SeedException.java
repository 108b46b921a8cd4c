package dev.ensemu.server.seed;

/** A seed file that cannot be used; the message is one line naming the file and the bad field. */
public final class SeedException extends RuntimeException {
    public SeedException(String message) {
        super(message);
    }
}
