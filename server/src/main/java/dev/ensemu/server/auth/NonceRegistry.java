package dev.ensemu.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Remembers signature nonces per AccessKey for the replay window. Memory is bounded: expired
 * nonces are dropped as new ones arrive, and when {@code capacity} live nonces are held the
 * registry refuses new ones rather than forget a live one (a replay is never let through).
 */
public final class NonceRegistry implements Nonces {

    private record Expiry(Instant at, String key) {}

    private static final int MAX_KEPT_LENGTH = 96;

    private final Clock clock;
    private final Duration window;
    private final int capacity;
    private final Map<String, Instant> live = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));

    public NonceRegistry(Clock clock, Duration window, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("nonce capacity must be at least 1");
        }
        this.clock = clock;
        this.window = window;
        this.capacity = capacity;
    }

    @Override
    public synchronized Outcome register(String accessKeyId, String nonce, Instant requestTime) {
        Instant now = clock.instant();
        dropExpired(now);
        String key = key(accessKeyId, nonce);
        if (live.containsKey(key)) {
            return Outcome.REPLAYED;
        }
        if (live.size() >= capacity) {
            return Outcome.FULL;
        }
        Instant expiresAt = (requestTime.isAfter(now) ? requestTime : now).plus(window);
        live.put(key, expiresAt);
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

    public synchronized int size() {
        return live.size();
    }

    private void dropExpired(Instant now) {
        while (!expiries.isEmpty() && !expiries.peek().at().isAfter(now)) {
            live.remove(expiries.poll().key());
        }
    }
}
