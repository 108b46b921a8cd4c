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
 * collector nothing: a nonce is kept as 128 bits, two SipHash-2-4 values of key id and nonce under
 * two random 128-bit keys drawn at start, in primitive arrays, never as objects. SipHash is a
 * pseudo-random function, so a client who never sees the keys can make two different nonces
 * collide on both halves with a chance of about 2^-128 per pair however it picks them: below
 * 2^-88 with a trillion pairs live at once. A million live nonces are 32 MB. Stripes with their
 * own lock keep waits rare with more worker threads than cores.
 */
public final class NonceRegistry implements Nonces {

    private static final int STRIPES = 64;

    private final Clock clock;
    private final long windowMillis;
    private final int capacity;
    private final AtomicInteger held = new AtomicInteger();
    /** The SipHash keys of the two halves. */
    private final long highKey0;
    private final long highKey1;
    private final long lowKey0;
    private final long lowKey1;
    private final Stripe[] stripes = new Stripe[STRIPES];

    public NonceRegistry(Clock clock, Duration window, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("nonce capacity must be at least 1");
        }
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
        SecureRandom random = new SecureRandom();
        this.highKey0 = random.nextLong();
        this.highKey1 = random.nextLong();
        this.lowKey0 = random.nextLong();
        this.lowKey1 = random.nextLong();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    @Override
    public Outcome register(String accessKeyId, String nonce, Instant requestTime) {
        long now = clock.millis();
        long high = SipHash.hash(highKey0, highKey1, accessKeyId, nonce);
        long low = SipHash.hash(lowKey0, lowKey1, accessKeyId, nonce);
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
