package dev.ensemu.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers signature nonces per AccessKey for the replay window. Memory is bounded: expired
 * nonces are dropped as new ones arrive, and when {@code capacity} live nonces are held the
 * registry refuses new ones rather than forget a live one (a replay is never let through).
 * Lock-free on the call path (a concurrent map, one sweeper at a time): with more worker threads
 * than cores, a lock held by a preempted thread stalled every other call behind it.
 */
public final class NonceRegistry implements Nonces {

    private record Expiry(long at, String key) {}

    private static final int MAX_KEPT_LENGTH = 96;

    private final Clock clock;
    private final long windowMillis;
    private final int capacity;
    /** Nonce key to the epoch millisecond it stops being live; an entry past it counts as absent. */
    private final Map<String, Long> live = new ConcurrentHashMap<>();
    /**
     * In order of arrival, which is nearly the order of expiry: behind a request dated ahead (at most
     * the window), expired nonces wait for it before they are dropped, never longer than one window.
     */
    private final Queue<Expiry> expiries = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sweeping = new ReentrantLock();

    public NonceRegistry(Clock clock, Duration window, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("nonce capacity must be at least 1");
        }
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
    }

    @Override
    public Outcome register(String accessKeyId, String nonce, Instant requestTime) {
        long now = clock.millis();
        dropExpired(now);
        String key = key(accessKeyId, nonce);
        Long existing = live.get(key);
        if (existing != null && existing > now) {
            return Outcome.REPLAYED;
        }
        if (live.size() >= capacity) {
            return Outcome.FULL;
        }
        long expiresAt = Math.max(requestTime.toEpochMilli(), now) + windowMillis;
        boolean[] fresh = new boolean[1];
        live.compute(key, (k, old) -> {
            if (old != null && old > now) {
                return old; // another call claimed it a moment ago
            }
            fresh[0] = true;
            return expiresAt;
        });
        if (!fresh[0]) {
            return Outcome.REPLAYED;
        }
        expiries.add(new Expiry(expiresAt, key));
        return Outcome.FRESH;
    }

    /**
     * The remembered form of a nonce: as it is when short (SDK nonces are UUIDs), else its SHA-256,
     * so that a million live nonces stay a bounded size whatever length clients choose.
     */
    public static String key(String accessKeyId, String nonce) {
        String key = accessKeyId + '\n' + nonce;
        if (key.length() <= MAX_KEPT_LENGTH) {
            return key;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public int size() {
        return live.size();
    }

    /** One caller at a time drops what has expired; the others go on (it is housekeeping, not a check). */
    private void dropExpired(long now) {
        Expiry head = expiries.peek();
        if (head == null || head.at() > now || !sweeping.tryLock()) {
            return;
        }
        try {
            for (Expiry next = expiries.peek(); next != null && next.at() <= now; next = expiries.peek()) {
                expiries.poll();
                live.remove(next.key(), next.at()); // not if the nonce was claimed again since
            }
        } finally {
            sweeping.unlock();
        }
    }
}
