package dev.ensemu.server.storage;

/** A storage that cannot be opened; the message is one line naming it and the reason. */
public final class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }
}
