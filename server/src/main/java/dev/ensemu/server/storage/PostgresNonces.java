package dev.ensemu.server.storage;

import dev.ensemu.server.auth.NonceRegistry;
import dev.ensemu.server.auth.Nonces;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Signature nonces in the shared database: a nonce used through one instance is refused by every
 * other. One statement per signed call (insert, or take over an expired row). Expired rows are
 * deleted in the background, and past {@code capacity} live nonces new ones are refused rather
 * than a live one forgotten, so the table stays bounded.
 */
public final class PostgresNonces implements Nonces, AutoCloseable {
    private static final Duration SWEEP = Duration.ofSeconds(10);

    private final Database database;
    private final Clock clock;
    private final Duration window;
    private final int capacity;
    private final Thread sweeper;
    private volatile boolean full;

    PostgresNonces(Database database, Clock clock, Duration window, int capacity) {
        this.database = database;
        this.clock = clock;
        this.window = window;
        this.capacity = capacity;
        this.sweeper = new Thread(this::sweepUntilClosed, "ensemu-nonce-sweeper");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    private void sweepUntilClosed() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(SWEEP.toMillis());
                sweep();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException databaseDown) {
                // Database reports the outage; the next sweep tries again.
            }
        }
    }

    @Override
    public Outcome register(String accessKeyId, String nonce, Instant requestTime) {
        if (full) {
            return Outcome.FULL;
        }
        Instant now = clock.instant();
        Instant expiresAt = (requestTime.isAfter(now) ? requestTime : now).plus(window);
        int stored = database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_nonces (nonce, expires_at) VALUES (?, ?)"
                    + " ON CONFLICT (nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE ensemu_nonces.expires_at <= ?")) {
                s.setString(1, NonceRegistry.key(accessKeyId, nonce));
                s.setLong(2, expiresAt.toEpochMilli());
                s.setLong(3, now.toEpochMilli());
                return s.executeUpdate();
            }
        });
        return stored == 1 ? Outcome.FRESH : Outcome.REPLAYED;
    }

    /** Deletes expired nonces and notes whether the table is at capacity. */
    void sweep() {
        full = database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ensemu_nonces WHERE expires_at <= ?")) {
                s.setLong(1, clock.millis());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ensemu_nonces"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) >= capacity;
            }
        });
    }

    @Override
    public void close() {
        sweeper.interrupt();
    }
}
