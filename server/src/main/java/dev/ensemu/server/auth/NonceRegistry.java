package dev.ensemu.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers signature nonces per AccessKey for the replay window. Memory is bounded: expired
 * nonces are dropped as new ones arrive, and when {@code capacity} live nonces are held the
 * registry refuses new ones rather than forget a live one (a replay is never let through).
 *
 * <p>Every signed call adds a nonce that lives 15 minutes, so this is built to cost the garbage
 * collector nothing: a nonce is kept as a 128-bit keyed hash of key id and nonce (two different
 * nonces are confused with a chance of about 2^-128 per pair; the random keys make that chance
 * the same for chosen ones) in primitive arrays, never as objects. A million live nonces are
 * 32 MB. Stripes with their own lock keep waits rare with more worker threads than cores.
 */
public final class NonceRegistry implements Nonces {

    private static final int STRIPES = 64;

    private final Clock clock;
    private final long windowMillis;
    private final int capacity;
    private final AtomicInteger held = new AtomicInteger();
    private final long seedHigh;
    private final long seedLow;
    private final Stripe[] stripes = new Stripe[STRIPES];

    public NonceRegistry(Clock clock, Duration window, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("nonce capacity must be at least 1");
        }
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
        SecureRandom random = new SecureRandom();
        this.seedHigh = random.nextLong();
        this.seedLow = random.nextLong();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    @Override
    public Outcome register(String accessKeyId, String nonce, Instant requestTime) {
        long now = clock.millis();
        long high = hash(seedHigh, accessKeyId, nonce);
        long low = hash(seedLow, accessKeyId, nonce);
        long expiresAt = Math.max(requestTime.toEpochMilli(), now) + windowMillis;
        if (held.get() >= capacity) {
            dropExpiredEverywhere(now); // each stripe drops its own lazily; before refusing, all do
        }
        Stripe stripe = stripes[(int) (high >>> 58)];
        synchronized (stripe) {
            return stripe.register(high, low, expiresAt, now);
        }
    }

    /** Live nonces held, after dropping the expired ones. */
    public int size() {
        dropExpiredEverywhere(clock.millis());
        return held.get();
    }

    private void dropExpiredEverywhere(long now) {
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                stripe.dropExpired(now);
            }
        }
    }

    private static long hash(long seed, String accessKeyId, String nonce) {
        long h = seed;
        for (int i = 0; i < accessKeyId.length(); i++) {
            h = step(h, accessKeyId.charAt(i));
        }
        h = step(h, '\n');
        for (int i = 0; i < nonce.length(); i++) {
            h = step(h, nonce.charAt(i));
        }
        return finish(h ^ nonce.length());
    }

    private static long step(long h, char c) {
        h = (h ^ c) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private static long finish(long h) { // MurmurHash3's 64-bit finaliser
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB93FE1A85A53L;
        return h ^ (h >>> 33);
    }

    /**
     * The nonces of one stripe: a ring in arrival order (nearly the order of expiry; behind a
     * request dated ahead, at most one window, expired nonces wait for it) and an open-addressing
     * table of ring positions for the lookup. Both grow by doubling and are guarded by the stripe.
     */
    private final class Stripe {
        private long[] highs = new long[16];
        private long[] lows = new long[16];
        private long[] expiries = new long[16];
        private int head;
        private int count;
        /** Ring position + 1, 0 = empty; linear probing, at most half full. */
        private int[] slots = new int[32];

        Outcome register(long high, long low, long expiresAt, long now) {
            dropExpired(now);
            int slot = find(high, low);
            if (slot >= 0) {
                int entry = slots[slot] - 1;
                if (expiries[entry] > now) {
                    return Outcome.REPLAYED;
                }
                expiries[entry] = expiresAt; // expired but still queued: live again from now
                return Outcome.FRESH;
            }
            if (held.incrementAndGet() > capacity) {
                held.decrementAndGet();
                return Outcome.FULL;
            }
            if (count == highs.length) {
                grow();
            }
            int entry = (head + count) & (highs.length - 1);
            highs[entry] = high;
            lows[entry] = low;
            expiries[entry] = expiresAt;
            count++;
            insert(entry);
            return Outcome.FRESH;
        }

        void dropExpired(long now) {
            while (count > 0 && expiries[head] <= now) {
                remove(find(highs[head], lows[head]));
                head = (head + 1) & (highs.length - 1);
                count--;
                held.decrementAndGet();
            }
        }

        private int home(long high) {
            return (int) high & (slots.length - 1);
        }

        private int find(long high, long low) {
            int mask = slots.length - 1;
            for (int slot = home(high); slots[slot] != 0; slot = (slot + 1) & mask) {
                int entry = slots[slot] - 1;
                if (highs[entry] == high && lows[entry] == low) {
                    return slot;
                }
            }
            return -1;
        }

        private void insert(int entry) {
            int mask = slots.length - 1;
            int slot = home(highs[entry]);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = entry + 1;
        }

        /** Deletes by shifting later members of the probe run back, so no tombstones pile up. */
        private void remove(int slot) {
            int mask = slots.length - 1;
            int gap = slot;
            for (int next = (gap + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
                int wanted = home(highs[slots[next] - 1]);
                boolean movable = gap <= next ? wanted <= gap || wanted > next : wanted <= gap && wanted > next;
                if (movable) {
                    slots[gap] = slots[next];
                    gap = next;
                }
            }
            slots[gap] = 0;
        }

        private void grow() {
            int size = highs.length * 2;
            long[] newHighs = new long[size];
            long[] newLows = new long[size];
            long[] newExpiries = new long[size];
            for (int i = 0; i < count; i++) {
                int from = (head + i) & (highs.length - 1);
                newHighs[i] = highs[from];
                newLows[i] = lows[from];
                newExpiries[i] = expiries[from];
            }
            highs = newHighs;
            lows = newLows;
            expiries = newExpiries;
            head = 0;
            slots = new int[size * 2];
            for (int entry = 0; entry < count; entry++) {
                insert(entry);
            }
        }
    }
}
