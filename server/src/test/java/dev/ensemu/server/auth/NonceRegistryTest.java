package dev.ensemu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
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
}
