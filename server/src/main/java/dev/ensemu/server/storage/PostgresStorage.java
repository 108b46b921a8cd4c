package dev.ensemu.server.storage;

import dev.ensemu.server.domain.Account;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several instances sharing one PostgreSQL database. The tables are the truth; each instance
 * serves pages from its own in-memory copy and keeps it current through the write numbers in
 * {@code ensemu_version}:
 * <ul>
 *   <li>a write locks that row ({@code FOR UPDATE}), replays the writes it has not seen, decides,
 *   updates the tables, records its changes under the next number, and commits before it is
 *   acknowledged; so writes are serial across instances and their numbers have no gaps;</li>
 *   <li>before each call an instance reads the row (one primary-key lookup, no catalog query) and,
 *   if the number moved, replays the recorded changes since its own number. A write acknowledged
 *   by one instance is therefore seen by the next call any instance serves.</li>
 * </ul>
 * The schema is {@link PostgresMigrations}', the tables' side of each change {@link PostgresTables}',
 * the numbered writes {@link PostgresChangeLog}'s; this class keeps the instance's place among them.
 */
final class PostgresStorage implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStorage.class);

    private final Database database;
    private volatile long applied = -1;
    /** The highest write number and faults version looked up, and when the latest such lookup was sent. */
    private final AtomicLong observed = new AtomicLong(-1);
    private final AtomicLong observedFaults = new AtomicLong();
    /** Starts "long ago" (nanoTime values are only comparable by difference, so not Long.MIN_VALUE). */
    private final AtomicLong observedSentAt = new AtomicLong(System.nanoTime() - java.util.concurrent.TimeUnit.DAYS.toNanos(365));

    private PostgresStorage(Database database) {
        this.database = database;
    }

    /** Connects, and creates or upgrades the schema; refuses a schema newer than this version knows. */
    public static PostgresStorage connect(DatabaseUrl url, int poolSize) {
        Database database = new Database(url, poolSize);
        try {
            PostgresMigrations.migrate(database);
            return new PostgresStorage(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Nonces in the shared database, refused on every instance once used on one. */
    public PostgresNonces nonces(java.time.Clock clock, java.time.Duration window, int capacity) {
        return new PostgresNonces(database, clock, window, capacity, this::observe);
    }

    /** The journal of every instance. */
    public PostgresJournal journal(int capacity) {
        return new PostgresJournal(database, capacity);
    }

    /** Faults that fire on whichever instance serves the next call. */
    public PostgresFaultLedger faults() {
        return new PostgresFaultLedger(database, observedFaults::get);
    }

    /** Fills an empty database from the seed (never overwrites one that has state), then loads it. */
    @Override
    public StoredState open(List<Account> seed, Supplier<StoredState> current) {
        boolean seeded = database.transaction(c -> {
            long version = PostgresChangeLog.lockVersion(c);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ensemu_accounts")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return false;
                }
            }
            PostgresTables.persist(c, new StateChange.Replaced(StoredState.of(seed)));
            PostgresChangeLog.record(c, version + 1, PostgresChangeLog.RELOAD);
            return true;
        });
        LOG.info(seeded ? "database {} was empty: filled from the seed"
                : "database {} already holds state: the seed was not applied (POST /_emulator/reset replaces it)", database.name());
        return database.transaction(c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long version = PostgresChangeLog.readVersion(c);
            StoredState state = PostgresTables.loadAll(c);
            applied = version;
            observe(version, 0, System.nanoTime());
            return state;
        });
    }

    /**
     * Catches up when others have written since this instance last did: one primary-key lookup,
     * unless a lookup sent at or after {@code notBeforeNanos} already answered (the nonce
     * statement of a signed call reads the write number too).
     */
    @Override
    public boolean catchUp(long notBeforeNanos, Object lock, Consumer<StateChange> apply) {
        if (!isBehind(notBeforeNanos)) {
            return false;
        }
        synchronized (lock) {
            database.transaction(c -> {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                catchUp(c, PostgresChangeLog.readVersion(c), apply);
                return null;
            });
        }
        return true;
    }

    private boolean isBehind(long notBeforeNanos) {
        if (observedSentAt.get() - notBeforeNanos < 0) {
            long sent = System.nanoTime();
            database.read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT version, faults_version FROM ensemu_version WHERE id = 1");
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    observe(rs.getLong(1), rs.getLong(2), sent);
                    return null;
                }
            });
        }
        return observed.get() > applied;
    }

    /**
     * Records what a lookup sent at {@code sentAt} saw. Values only grow, and the time is recorded
     * after them, so whoever reads the time first and then the values never sees an older state
     * than that lookup saw.
     */
    void observe(long version, long faultsVersion, long sentAt) {
        observed.accumulateAndGet(version, Math::max);
        observedFaults.accumulateAndGet(faultsVersion, Math::max);
        observedSentAt.accumulateAndGet(sentAt, (a, b) -> a - b < 0 ? b : a);
    }


    @Override
    public void write(Supplier<List<StateChange>> decide, Consumer<StateChange> apply) {
        List<StateChange> written = new ArrayList<>();
        long number = database.transaction(c -> {
            long version = PostgresChangeLog.lockVersion(c);
            catchUp(c, version, apply);
            written.addAll(decide.get());
            if (written.isEmpty()) {
                return version;
            }
            for (StateChange change : written) {
                PostgresTables.persist(c, change);
            }
            boolean everything = written.stream().anyMatch(StateChange.Replaced.class::isInstance);
            PostgresChangeLog.record(c, version + 1, everything ? PostgresChangeLog.RELOAD : StateCodec.changes(written));
            return version + 1;
        });
        // Applied only once committed: a failed commit leaves this instance as the database is.
        written.forEach(apply);
        applied = number;
    }

    /** Replays what was written after {@link #applied} up to {@code version}, or reloads everything. */
    private void catchUp(Connection c, long version, Consumer<StateChange> apply) throws SQLException {
        if (version <= applied) {
            return;
        }
        java.util.List<String> recorded = PostgresChangeLog.since(c, applied, version);
        if (recorded == null) {
            apply.accept(new StateChange.Replaced(PostgresTables.loadAll(c)));
        } else {
            recorded.forEach(line -> StateCodec.changes(line, "change log of " + database.name()).forEach(apply));
        }
        applied = version;
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public Optional<String> problem() {
        return database.problem();
    }

    @Override
    public void close() {
        database.close();
    }
}
