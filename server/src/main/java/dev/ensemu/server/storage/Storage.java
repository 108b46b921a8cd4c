package dev.ensemu.server.storage;

import dev.ensemu.server.domain.Account;
import java.util.List;
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
 * Callers serialize {@link #write} and the applying part of {@link #catchUp} with their own lock.
 * {@link Stores} picks the kind from the configuration; nothing outside this package names one.
 */
public interface Storage extends StorageHealth, AutoCloseable {
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
     * Makes every write acknowledged anywhere before {@code notBeforeNanos} ({@link System#nanoTime()})
     * applied here: by other instances when shared, by the data directory's log at start-up. How
     * the kind knows cheaply that there is nothing to apply is its own business (memory: never;
     * the data directory: after its first replay; shared: one primary-key lookup, none when a
     * lookup sent since then already told). Only when there is something does it take
     * {@code lock}, the caller's lock around writes, and apply.
     *
     * @return whether anything was applied
     */
    boolean catchUp(long notBeforeNanos, Object lock, Consumer<StateChange> apply);

    @Override
    void close();
}
