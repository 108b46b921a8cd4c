package dev.ensemu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NonceRegistryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);

    @Test
    void aNonceIsUsedOncePerKey() {
        NonceRegistry nonces = new NonceRegistry(clock, Duration.ofMinutes(15), 10);

        assertThat(nonces.register("k1", "n", T0)).isEqualTo(NonceRegistry.Outcome.FRESH);
        assertThat(nonces.register("k1", "n", T0)).isEqualTo(NonceRegistry.Outcome.REPLAYED);
        assertThat(nonces.register("k2", "n", T0)).isEqualTo(NonceRegistry.Outcome.FRESH);
    }

    @Test
    void expiredNoncesAreForgottenAndTheirMemoryFreed() {
        NonceRegistry nonces = new NonceRegistry(clock, Duration.ofMinutes(15), 10);
        nonces.register("k", "n", T0);

        clock.set(T0.plus(Duration.ofMinutes(14)));
        assertThat(nonces.register("k", "n", clock.instant())).isEqualTo(NonceRegistry.Outcome.REPLAYED);

        clock.set(T0.plus(Duration.ofMinutes(15)).plusSeconds(1));
        assertThat(nonces.register("k", "other", clock.instant())).isEqualTo(NonceRegistry.Outcome.FRESH);
        assertThat(nonces.size()).isEqualTo(1);
        assertThat(nonces.register("k", "n", clock.instant())).isEqualTo(NonceRegistry.Outcome.FRESH);
    }

    @Test
    void aRequestDatedInTheFutureKeepsItsNonceUntilItsOwnWindowEnds() {
        NonceRegistry nonces = new NonceRegistry(clock, Duration.ofMinutes(15), 10);
        nonces.register("k", "n", T0.plus(Duration.ofMinutes(10)));

        clock.set(T0.plus(Duration.ofMinutes(20)));
        assertThat(nonces.register("k", "n", clock.instant())).isEqualTo(NonceRegistry.Outcome.REPLAYED);
    }

    @Test
    void whenFullItRefusesInsteadOfForgettingALiveNonce() {
        NonceRegistry nonces = new NonceRegistry(clock, Duration.ofMinutes(15), 2);
        nonces.register("k", "a", T0);
        nonces.register("k", "b", T0);

        assertThat(nonces.register("k", "c", T0)).isEqualTo(NonceRegistry.Outcome.FULL);
        assertThat(nonces.register("k", "a", T0)).isEqualTo(NonceRegistry.Outcome.REPLAYED);

        clock.set(T0.plus(Duration.ofMinutes(16)));
        assertThat(nonces.register("k", "c", clock.instant())).isEqualTo(NonceRegistry.Outcome.FRESH);
    }

    @Test
    void agreesWithASimpleModelOverManyNoncesArrivalsAndExpiries() {
        NonceRegistry nonces = new NonceRegistry(clock, Duration.ofMinutes(15), 1_000_000);
        Map<String, Instant> model = new HashMap<>(); // nonce -> end of its window
        Random random = new Random(42);
        Instant now = T0;
        for (int i = 0; i < 200_000; i++) {
            now = now.plusMillis(random.nextInt(20));
            clock.set(now);
            String nonce = "n" + random.nextInt(20_000);
            Instant dated = now.plusSeconds(random.nextInt(3) == 0 ? random.nextInt(600) : 0);
            Instant end = model.get(nonce);
            NonceRegistry.Outcome expected = end != null && end.isAfter(now)
                    ? NonceRegistry.Outcome.REPLAYED : NonceRegistry.Outcome.FRESH;
            NonceRegistry.Outcome outcome = nonces.register("k", nonce, dated);
            assertThat(outcome).as("call %d, nonce %s", i, nonce).isEqualTo(expected);
            if (outcome == NonceRegistry.Outcome.FRESH) {
                model.put(nonce, (dated.isAfter(now) ? dated : now).plus(Duration.ofMinutes(15)));
            }
            if (i % 20_000 == 0) {
                final Instant at = now;
                model.values().removeIf(e -> !e.isAfter(at));
                // expired nonces queued behind one dated ahead are dropped after it, within a window
                assertThat(nonces.size()).isGreaterThanOrEqualTo(model.size());
            }
        }
        clock.set(now.plus(Duration.ofMinutes(26)));
        assertThat(nonces.size()).isZero();
    }

    @Test
    void concurrentCallersClaimEachNonceExactlyOnce() throws Exception {
        NonceRegistry nonces = new NonceRegistry(clock, Duration.ofMinutes(15), 1_000_000);
        AtomicInteger fresh = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        if (nonces.register("k", "nonce-" + i, T0) == NonceRegistry.Outcome.FRESH) {
                            fresh.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(fresh.get()).isEqualTo(50_000);
        assertThat(nonces.size()).isEqualTo(50_000);
    }
}
