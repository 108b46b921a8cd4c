package dev.ensemu.server.storage;

import java.util.Arrays;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/** The shared database's schema: created or upgraded by Flyway from {@code db/migration}, never downgraded. */
final class PostgresMigrations {
    private PostgresMigrations() {}

    /** Creates or upgrades the schema; refuses a schema newer than this version knows. */
    static void migrate(Database database) {
        Flyway flyway = Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration")
                .table("ensemu_schema_history").baselineOnMigrate(false).load();
        MigrationInfo[] all = flyway.info().all();
        MigrationVersion known = Arrays.stream(all).filter(m -> !isFuture(m)).map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
        Optional<MigrationVersion> newer = Arrays.stream(all).filter(PostgresMigrations::isFuture).map(MigrationInfo::getVersion)
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

}
