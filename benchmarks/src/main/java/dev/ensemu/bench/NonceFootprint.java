package dev.ensemu.bench;

import dev.ensemu.server.auth.NonceRegistry;
import dev.ensemu.server.auth.Nonces;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Heap held by N live signature nonces in the registry, and what registering one costs (two
 * SipHash-2-4 values and the striped table), on one thread. Run:
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.ensemu.bench.NonceFootprint [N]
 */
public final class NonceFootprint {
    private NonceFootprint() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Instant now = Instant.now();
        // Warm the code paths on a registry of its own, so the timing below is of compiled code.
        NonceRegistry warm = new NonceRegistry(Clock.systemUTC(), Duration.ofMinutes(15), count);
        for (int i = 0; i < count; i++) {
            warm.register("LTAIEnsemuDevAccess01", "warm-" + i, now);
        }
        warm = null;
        long before = HeapFootprint.usedAfterGc();
        NonceRegistry registry = new NonceRegistry(Clock.systemUTC(), Duration.ofMinutes(15), count);
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (registry.register("LTAIEnsemuDevAccess01", "3f1c2b7e-0d4a-4c55-9a51-" + (100_000_000_000L + i), now) != Nonces.Outcome.FRESH) {
                throw new IllegalStateException("nonce " + i + " was taken for a replay");
            }
        }
        long elapsed = System.nanoTime() - started;
        long after = HeapFootprint.usedAfterGc();
        System.out.printf("live nonces: %d%nheap they hold: %.1f MB (%.1f bytes each)%nregister: %.0f ns each (one thread, incl. the nonce text)%n",
                count, (after - before) / 1e6, (after - before) / (double) count, elapsed / (double) count);
        Reference.reachabilityFence(registry);
    }
}
