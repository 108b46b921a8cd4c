package dev.ensemu.server.storage;

import dev.ensemu.server.auth.Nonces;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Signature nonces in the shared database: a nonce used through one instance is refused by every
 * other. Calls arriving together share one statement (group commit): two claimers take whatever
 * calls are waiting, up to {@link #MAX_BATCH}, and insert them at once, so under load the
 * database sees one round trip per batch rather than per call. The same statement reads the
 * latest write number, which spares each call a lookup of its own. Expired rows are deleted in
 * the background, and past {@code capacity} live nonces new ones are refused rather than a live
 * one forgotten, so the table stays bounded.
 */
public final class PostgresNonces implements Nonces, AutoCloseable {
    static final int MAX_BATCH = 256;
    private static final Duration SWEEP = Duration.ofSeconds(10);
    private static final int MAX_KEPT_LENGTH = 96;
    private static final int CLAIMERS = 2;
    private static final String CLAIM = "WITH input AS (SELECT DISTINCT ON (nonce) nonce, expires_at"
            + " FROM unnest(?::text[], ?::bigint[]) AS i (nonce, expires_at)),"
            + " claimed AS (INSERT INTO ensemu_nonces (nonce, expires_at) SELECT nonce, expires_at FROM input"
            + " ON CONFLICT (nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE ensemu_nonces.expires_at <= ?"
            + " RETURNING nonce)"
            + " SELECT ARRAY(SELECT nonce FROM claimed), version, faults_version FROM ensemu_version WHERE id = 1";

    /** Hears the write number and faults version each claim statement also reads, with when it was sent. */
    interface Observer {
        void observe(long version, long faultsVersion, long sentAt);
    }

    /** One call's nonce waiting for its batch. */
    private record Claim(String key, long expiresAt, CompletableFuture<Boolean> claimed) {}

    private final Database database;
    private final Clock clock;
    private final Duration window;
    private final int capacity;
    private final Observer observer;
    private final BlockingQueue<Claim> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean full;

    PostgresNonces(Database database, Clock clock, Duration window, int capacity, Observer observer) {
        this.database = database;
        this.clock = clock;
        this.window = window;
        this.capacity = capacity;
        this.observer = observer;
        for (int i = 0; i < CLAIMERS; i++) {
            threads.add(daemon(this::claimUntilClosed, "ensemu-nonce-claimer-" + i));
        }
        threads.add(daemon(this::sweepUntilClosed, "ensemu-nonce-sweeper"));
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public Outcome register(String accessKeyId, String nonce, Instant requestTime) {
        if (full) {
            return Outcome.FULL;
        }
        Instant now = clock.instant();
        Instant expiresAt = (requestTime.isAfter(now) ? requestTime : now).plus(window);
        Claim claim = new Claim(key(accessKeyId, nonce), expiresAt.toEpochMilli(), new CompletableFuture<>());
        waiting.add(claim);
        try {
            return claim.claimed().get(15, TimeUnit.SECONDS) ? Outcome.FRESH : Outcome.REPLAYED;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof EnsException ens ? ens : new EnsException(EnsError.SERVICE_UNAVAILABLE);
        } catch (TimeoutException e) {
            throw new EnsException(EnsError.SERVICE_UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnsException(EnsError.SERVICE_UNAVAILABLE);
        }
    }

    private void claimUntilClosed() {
        List<Claim> batch = new ArrayList<>(MAX_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, MAX_BATCH - 1);
            try {
                claim(batch);
            } catch (RuntimeException e) {
                batch.forEach(c -> c.claimed().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    /** One statement for the batch; a nonce twice in one batch is claimed by its first call only. */
    private void claim(List<Claim> batch) {
        Map<String, Long> distinct = new LinkedHashMap<>();
        batch.forEach(c -> distinct.putIfAbsent(c.key(), c.expiresAt()));
        long sent = System.nanoTime();
        Set<String> claimed = database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(CLAIM)) {
                Array keys = c.createArrayOf("text", distinct.keySet().toArray());
                Array expiries = c.createArrayOf("bigint", distinct.values().toArray());
                s.setArray(1, keys);
                s.setArray(2, expiries);
                s.setLong(3, clock.millis());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    observer.observe(rs.getLong(2), rs.getLong(3), sent);
                    Set<String> inserted = new HashSet<>();
                    for (Object key : (Object[]) rs.getArray(1).getArray()) {
                        inserted.add((String) key);
                    }
                    return inserted;
                }
            }
        });
        for (Claim claim : batch) {
            claim.claimed().complete(claimed.remove(claim.key()));
        }
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
        threads.forEach(Thread::interrupt);
    }

    /**
     * The stored form of a nonce: as it is when short (SDK nonces are UUIDs), else its SHA-256, so
     * that the table's rows stay a bounded size whatever length clients choose.
     */
    static String key(String accessKeyId, String nonce) {
        String key = accessKeyId + '\n' + nonce;
        if (key.length() <= MAX_KEPT_LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
