package dev.ensemu.server.storage;

import dev.ensemu.server.auth.NonceRegistry;
import dev.ensemu.server.auth.Nonces;
import dev.ensemu.server.faults.FaultLedger;
import dev.ensemu.server.journal.Journal;
import dev.ensemu.server.journal.RequestJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The storage kind, chosen once from the settings (a database URL: PostgreSQL shared by several
 * instances; else a data directory; else memory), and each concern's port on it: the state, the
 * signature nonces, the journal, the faults, and the health they report. The rest of the
 * application sees only these ports (ArchUnit keeps the kinds' classes inside this package).
 */
public final class Stores implements AutoCloseable {
    /**
     * What the choice depends on.
     *
     * @param connections   database connections (the shared kind only)
     * @param nonceWindow   how long a signature nonce is remembered
     * @param nonceCapacity live nonces held at most; empty when replay protection is off
     */
    public record Settings(Optional<DatabaseUrl> database, Optional<Path> dataDir, int connections, Clock clock, Duration nonceWindow,
            OptionalInt nonceCapacity, int journalSize, long journalMaxBytes) {}

    private final Storage state;
    private final Optional<Nonces> nonces;
    private final Journal journal;
    private final FaultLedger faults;
    /** Closed last to first. */
    private final List<AutoCloseable> resources;

    private Stores(Storage state, Optional<Nonces> nonces, Journal journal, FaultLedger faults, List<AutoCloseable> resources) {
        this.state = state;
        this.nonces = nonces;
        this.journal = journal;
        this.faults = faults;
        this.resources = resources;
    }

    /** Opens the kind the settings name; a database that cannot be reached or migrated fails here, with its reason. */
    public static Stores open(Settings settings) {
        if (settings.database().isPresent()) {
            PostgresStorage shared = PostgresStorage.connect(settings.database().get(), settings.connections());
            List<AutoCloseable> resources = new ArrayList<>(List.of(shared));
            try {
                Optional<Nonces> nonces = settings.nonceCapacity().isPresent()
                        ? Optional.of(remember(resources, shared.nonces(settings.clock(), settings.nonceWindow(), settings.nonceCapacity().getAsInt())))
                        : Optional.empty();
                Journal journal = remember(resources, shared.journal(settings.journalSize()));
                return new Stores(shared, nonces, journal, shared.faults(), resources);
            } catch (RuntimeException e) {
                new Stores(shared, Optional.empty(), null, null, resources).close(); // the pool, and whatever opened on it
                throw e;
            }
        }
        Storage local = settings.dataDir().<Storage>map(DataDirStorage::open).orElseGet(MemoryStorage::new);
        Optional<Nonces> nonces = settings.nonceCapacity().isPresent()
                ? Optional.of(new NonceRegistry(settings.clock(), settings.nonceWindow(), settings.nonceCapacity().getAsInt()))
                : Optional.empty();
        return new Stores(local, nonces, new RequestJournal(settings.journalSize(), settings.journalMaxBytes()), new FaultLedger.InMemory(),
                new ArrayList<>(List.of(local)));
    }

    private static <T extends AutoCloseable> T remember(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    /** Where the accounts, images and exports are kept. */
    public Storage state() {
        return state;
    }

    /** The nonces already used, or empty when replay protection is off. */
    public Optional<Nonces> nonces() {
        return nonces;
    }

    public Journal journal() {
        return journal;
    }

    public FaultLedger faults() {
        return faults;
    }

    public StorageHealth health() {
        return state;
    }

    /** Flushes the shared journal and releases the storage (the data directory's lock, the database pool). */
    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing the rest matters more than this one
            }
        }
    }
}
