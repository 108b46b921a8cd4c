package dev.ensemu.server.storage;

import dev.ensemu.server.domain.Account;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the state lives. The state itself is always served from memory (pages are an index
 * lookup plus a slice); a storage makes writes durable and, when shared, brings other instances'
 * writes in. The three kinds sit side by side in this package:
 * <ul>
 *   <li>{@link MemoryStorage}: nothing is kept, the default;</li>
 *   <li>{@link DataDirStorage}: one instance, a snapshot plus an append-only log in a directory;</li>
 *   <li>{@link PostgresStorage}: several instances sharing one PostgreSQL database.</li>
 * </ul>
 * Callers serialize {@link #write} and {@link #catchUp} with their own lock.
 */
public interface Storage extends AutoCloseable {
    /**
     * The state to start from: what is stored, or {@code seed} (stored at once) when nothing is.
     *
     * @param current the caller's whole state at any later moment, for storages that compact
     */
    StoredState open(List<Account> seed, Supplier<StoredState> current);

    /**
     * One write: brings the caller up to date through {@code apply}, asks {@code decide} for the
     * changes (it may refuse by throwing), stores them durably (and, when shared, exclusively), and
     * only then applies them.
     */
    void write(Supplier<List<StateChange>> decide, Consumer<StateChange> apply);

    /**
     * Whether others have written since this instance last caught up: one primary-key lookup when
     * shared, unless a lookup sent at or after {@code notBeforeNanos} ({@link System#nanoTime()})
     * already answered it (the nonce statement of a signed call reads the write number too).
     */
    boolean isBehind(long notBeforeNanos);

    /** Applies what others have written since the last catch-up. */
    void catchUp(Consumer<StateChange> apply);

    /** "memory", "data-dir" or "postgresql". */
    String kind();

    /** Empty while the storage is usable, else why it is not (for health). */
    Optional<String> problem();

    @Override
    void close();
}
