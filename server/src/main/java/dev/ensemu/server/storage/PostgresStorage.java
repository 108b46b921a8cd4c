package dev.ensemu.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ensemu.server.domain.AccessKey;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.OwnerAlias;
import dev.ensemu.server.domain.SecurityToken;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
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
 */
public final class PostgresStorage implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStorage.class);
    /** Recorded changes kept for instances that fall behind; further behind, an instance reloads. */
    static final int KEPT_CHANGES = 10_000;
    private static final String RELOAD = "reload";

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
            migrate(database);
            return new PostgresStorage(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void migrate(Database database) {
        Flyway flyway = Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration")
                .table("ensemu_schema_history").baselineOnMigrate(false).load();
        MigrationInfo[] all = flyway.info().all();
        MigrationVersion known = Arrays.stream(all).filter(m -> !isFuture(m)).map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
        Optional<MigrationVersion> newer = Arrays.stream(all).filter(PostgresStorage::isFuture).map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo);
        if (newer.isPresent()) {
            throw new StorageException("database " + database.name() + ": its schema is at version " + newer.get()
                    + ", newer than this ensemu knows (up to version " + known + "); use a newer ensemu or another database");
        }
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            throw new StorageException("database " + database.name() + ": cannot create or upgrade the schema ("
                    + Database.firstLine(e) + ")");
        }
    }

    /** A migration the database has applied but this version does not know: the schema is newer. */
    private static boolean isFuture(MigrationInfo migration) {
        return migration.getState() == MigrationState.FUTURE_SUCCESS || migration.getState() == MigrationState.FUTURE_FAILED;
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
            long version = lockVersion(c);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ensemu_accounts")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return false;
                }
            }
            persist(c, new StateChange.Replaced(StoredState.of(seed)));
            record(c, version + 1, RELOAD);
            return true;
        });
        LOG.info(seeded ? "database {} was empty: filled from the seed"
                : "database {} already holds state: the seed was not applied (POST /_emulator/reset replaces it)", database.name());
        return database.transaction(c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long version = readVersion(c);
            StoredState state = loadAll(c);
            applied = version;
            observe(version, 0, System.nanoTime());
            return state;
        });
    }

    @Override
    public boolean isBehind(long notBeforeNanos) {
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
    public void catchUp(Consumer<StateChange> apply) {
        database.transaction(c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            catchUp(c, readVersion(c), apply);
            return null;
        });
    }

    @Override
    public void write(Supplier<List<StateChange>> decide, Consumer<StateChange> apply) {
        List<StateChange> written = new ArrayList<>();
        long number = database.transaction(c -> {
            long version = lockVersion(c);
            catchUp(c, version, apply);
            written.addAll(decide.get());
            if (written.isEmpty()) {
                return version;
            }
            for (StateChange change : written) {
                persist(c, change);
            }
            boolean everything = written.stream().anyMatch(StateChange.Replaced.class::isInstance);
            record(c, version + 1, everything ? RELOAD : StateCodec.changes(written));
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
        List<String> recorded = new ArrayList<>();
        long first = -1;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version, changes FROM ensemu_changes WHERE version > ? AND version <= ? ORDER BY version")) {
            s.setLong(1, applied);
            s.setLong(2, version);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    first = first < 0 ? rs.getLong(1) : first;
                    recorded.add(rs.getString(2));
                }
            }
        }
        boolean complete = first == applied + 1 && recorded.size() == version - applied;
        if (!complete || recorded.contains(RELOAD)) {
            apply.accept(new StateChange.Replaced(loadAll(c)));
        } else {
            recorded.forEach(line -> StateCodec.changes(line, "change log of " + database.name()).forEach(apply));
        }
        applied = version;
    }

    private static long lockVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM ensemu_version WHERE id = 1 FOR UPDATE")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long readVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM ensemu_version WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void record(Connection c, long number, String changes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_changes (version, changes) VALUES (?, ?)")) {
            s.setLong(1, number);
            s.setString(2, changes);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE ensemu_version SET version = ? WHERE id = 1")) {
            s.setLong(1, number);
            s.executeUpdate();
        }
        if (number % 1_000 == 0) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ensemu_changes WHERE version <= ?")) {
                s.setLong(1, number - KEPT_CHANGES);
                s.executeUpdate();
            }
        }
    }

    /** The tables' side of one change. */
    private static void persist(Connection c, StateChange change) throws SQLException {
        change.accept(new Tables(c));
    }

    /** What each kind of change does to the tables, on one connection inside the write's transaction. */
    private record Tables(Connection c) implements StateChange.Visitor<SQLException> {
        @Override
        public void imagePut(StateChange.ImagePut put) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_images (account_id, image_id, image_name, creation_time,"
                    + " architecture, platform, owner_alias, export_status, exported_image_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (account_id, image_id) DO UPDATE SET image_name = EXCLUDED.image_name,"
                    + " creation_time = EXCLUDED.creation_time, architecture = EXCLUDED.architecture, platform = EXCLUDED.platform,"
                    + " owner_alias = EXCLUDED.owner_alias, export_status = EXCLUDED.export_status,"
                    + " exported_image_url = EXCLUDED.exported_image_url")) {
                bindImage(s, put.accountId(), put.image());
                s.executeUpdate();
            }
        }

        @Override
        public void imageRemoved(StateChange.ImageRemoved removed) throws SQLException {
            update(c, "DELETE FROM ensemu_images WHERE account_id = ? AND image_id = ?", removed.accountId(), removed.imageId());
        }

        @Override
        public void imagesReplaced(StateChange.ImagesReplaced replaced) throws SQLException {
            update(c, "DELETE FROM ensemu_images WHERE account_id = ?", replaced.accountId());
            insertImages(c, replaced.accountId(), replaced.images());
        }

        @Override
        public void exportScheduled(StateChange.ExportScheduled scheduled) throws SQLException {
            PendingExport export = scheduled.export();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_pending_exports (account_id, image_id, completes_at, outcome)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (account_id, image_id) DO UPDATE SET completes_at = EXCLUDED.completes_at,"
                    + " outcome = EXCLUDED.outcome")) {
                s.setString(1, export.accountId());
                s.setString(2, export.imageId());
                s.setTimestamp(3, Timestamp.from(export.completesAt()));
                s.setString(4, export.outcome().ensName());
                s.executeUpdate();
            }
        }

        @Override
        public void exportUnscheduled(StateChange.ExportUnscheduled unscheduled) throws SQLException {
            update(c, "DELETE FROM ensemu_pending_exports WHERE account_id = ? AND image_id = ?", unscheduled.accountId(),
                    unscheduled.imageId());
        }

        @Override
        public void accountPut(StateChange.AccountPut put) throws SQLException {
            Account account = put.account();
            try (PreparedStatement s = c.prepareStatement("UPDATE ensemu_accounts SET allowed_actions = ? WHERE id = ?")) {
                s.setString(1, actions(account));
                s.setString(2, account.id());
                if (s.executeUpdate() == 0) {
                    throw new SQLException("no account " + account.id());
                }
            }
            update(c, "DELETE FROM ensemu_access_keys WHERE account_id = ?", account.id());
            insertKeys(c, account);
        }

        @Override
        public void replaced(StateChange.Replaced replaced) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("TRUNCATE ensemu_images, ensemu_access_keys, ensemu_pending_exports, ensemu_accounts");
            }
            int position = 0;
            for (Account account : replaced.state().accounts()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_accounts (id, position, allowed_actions) VALUES (?, ?, ?)")) {
                    s.setString(1, account.id());
                    s.setInt(2, position++);
                    s.setString(3, actions(account));
                    s.executeUpdate();
                }
                insertKeys(c, account);
                insertImages(c, account.id(), account.images());
            }
            for (PendingExport export : replaced.state().pendingExports()) {
                exportScheduled(new StateChange.ExportScheduled(export));
            }
        }
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private static void insertKeys(Connection c, Account account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_access_keys (id, account_id, position, secret, active,"
                + " security_token, expiration) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (AccessKey key : account.accessKeys()) {
                s.setString(1, key.id());
                s.setString(2, account.id());
                s.setInt(3, position++);
                s.setString(4, key.secret());
                s.setBoolean(5, key.active());
                s.setString(6, key.securityToken().map(SecurityToken::value).orElse(null));
                s.setTimestamp(7, key.securityToken().map(t -> Timestamp.from(t.expiration())).orElse(null));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void insertImages(Connection c, String accountId, List<Image> images) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_images (account_id, image_id, image_name, creation_time,"
                + " architecture, platform, owner_alias, export_status, exported_image_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (Image image : images) {
                bindImage(s, accountId, image);
                s.addBatch();
                if (++batched % 5_000 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    private static void bindImage(PreparedStatement s, String accountId, Image image) throws SQLException {
        s.setString(1, accountId);
        s.setString(2, image.imageId());
        s.setString(3, image.imageName());
        s.setTimestamp(4, Timestamp.from(image.creationTime()));
        s.setString(5, image.architecture());
        s.setString(6, image.platform());
        s.setString(7, image.ownerAlias().ensName());
        s.setString(8, image.exportStatus().ensName());
        s.setString(9, image.exportedImageUrl().map(URI::toString).orElse(null));
    }

    private static String actions(Account account) {
        ArrayNode array = StateCodec.JSON.createArrayNode();
        account.allowedActions().stream().sorted().forEach(array::add);
        return array.toString();
    }

    /** Every table, read in the caller's transaction (one snapshot). */
    private static StoredState loadAll(Connection c) throws SQLException {
        Map<String, List<AccessKey>> keys = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT account_id, id, secret, active, security_token,"
                + " expiration FROM ensemu_access_keys ORDER BY account_id, position")) {
            while (rs.next()) {
                String token = rs.getString(5);
                Optional<SecurityToken> temporary = token == null ? Optional.empty()
                        : Optional.of(new SecurityToken(token, rs.getTimestamp(6).toInstant()));
                keys.computeIfAbsent(rs.getString(1), a -> new ArrayList<>())
                        .add(new AccessKey(rs.getString(2), rs.getString(3), rs.getBoolean(4), temporary));
            }
        }
        Map<String, List<Image>> images = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10_000); // streamed: a million images never sit in the driver's buffers at once
            try (ResultSet rs = s.executeQuery("SELECT account_id, image_id, image_name, creation_time, architecture, platform,"
                    + " owner_alias, export_status, exported_image_url FROM ensemu_images")) {
                while (rs.next()) {
                    String url = rs.getString(9);
                    images.computeIfAbsent(rs.getString(1), a -> new ArrayList<>()).add(new Image(rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                            OwnerAlias.fromEnsName(rs.getString(7)).orElseThrow(), ExportStatus.fromEnsName(rs.getString(8)).orElseThrow(),
                            Optional.ofNullable(url).map(URI::create)));
                }
            }
        }
        List<Account> accounts = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, allowed_actions FROM ensemu_accounts ORDER BY position")) {
            while (rs.next()) {
                String id = rs.getString(1);
                accounts.add(new Account(id, keys.getOrDefault(id, List.of()), actions(rs.getString(2)),
                        images.getOrDefault(id, List.of())));
            }
        }
        List<PendingExport> pending = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT account_id, image_id, completes_at, outcome FROM ensemu_pending_exports")) {
            while (rs.next()) {
                pending.add(new PendingExport(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        ExportStatus.fromEnsName(rs.getString(4)).orElseThrow()));
            }
        }
        return new StoredState(accounts, pending);
    }

    private static Set<String> actions(String json) throws SQLException {
        try {
            Set<String> actions = new HashSet<>();
            for (JsonNode action : StateCodec.JSON.readTree(json)) {
                actions.add(action.asText());
            }
            return actions;
        } catch (IOException e) {
            throw new SQLException("allowed_actions is not a JSON array: " + json, e);
        }
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
