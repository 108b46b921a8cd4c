package dev.ensemu.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.auth.Nonces.Outcome;
import dev.ensemu.server.support.MutableClock;
import dev.ensemu.server.support.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared nonce table: once per nonce across concurrent batches, expired rows swept, bounded by capacity. */
class PostgresNoncesIT {
    private static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static PostgresServer postgres;
    private static PostgresStorage storage;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        storage = PostgresStorage.connect(DatabaseUrl.parse(postgres.databaseUrl()), 8);
    }

    @AfterAll
    static void stop() throws Exception {
        if (storage != null) {
            storage.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static long rows() throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM ensemu_nonces")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void eachNonceIsClaimedOnceEvenWhenManyCallsRaceInOneBatch() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (PostgresNonces nonces = storage.nonces(clock, WINDOW, 1_000_000)) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    String nonce = "race-" + (i % 100); // every nonce four times, concurrently
                    outcomes.add(pool.submit(() -> nonces.register("k", nonce, clock.instant())));
                }
                long fresh = 0;
                for (Future<Outcome> outcome : outcomes) {
                    fresh += outcome.get() == Outcome.FRESH ? 1 : 0;
                }
                assertThat(fresh).isEqualTo(100);
            } finally {
                pool.shutdown();
            }
            assertThat(nonces.register("other-key", "race-1", clock.instant())).as("nonces are per key").isEqualTo(Outcome.FRESH);
        }
    }

    @Test
    void expiredNoncesAreSweptAndMayBeUsedAgainAndCapacityRefusesRatherThanForgets() throws Exception {
        MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
        try (PostgresNonces nonces = storage.nonces(clock, WINDOW, 2)) {
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("TRUNCATE ensemu_nonces");
            }
            assertThat(nonces.register("k", "a", clock.instant())).isEqualTo(Outcome.FRESH);
            assertThat(nonces.register("k", "b", clock.instant())).isEqualTo(Outcome.FRESH);
            nonces.sweep();
            assertThat(nonces.register("k", "c", clock.instant())).as("at capacity: refused, nothing forgotten")
                    .isEqualTo(Outcome.FULL);
            assertThat(rows()).isEqualTo(2);

            clock.set(clock.instant().plus(WINDOW).plusSeconds(1));
            nonces.sweep();
            assertThat(rows()).as("expired rows are deleted").isZero();
            assertThat(nonces.register("k", "a", clock.instant())).as("usable again after the window").isEqualTo(Outcome.FRESH);
        }
    }
}
