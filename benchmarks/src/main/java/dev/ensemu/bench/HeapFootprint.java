package dev.ensemu.bench;

import dev.ensemu.server.EmulatorConfig;
import dev.ensemu.server.EnsEmulator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Heap used after GC by a running emulator holding N images, minus the same emulator with the
 * bundled seed. Run: java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.ensemu.bench.HeapFootprint N
 */
public final class HeapFootprint {
    private HeapFootprint() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long empty;
        try (EnsEmulator emulator = EnsEmulator.start(EmulatorConfig.builder().port(0).build())) {
            empty = usedAfterGc();
        }
        Path seed = Files.createTempFile("ensemu-footprint", ".json");
        try {
            CatalogGenerator.write(seed.toFile(), count);
            try (EnsEmulator emulator = EnsEmulator.start(EmulatorConfig.builder().port(0).seed(seed).build())) {
                long full = usedAfterGc();
                System.out.printf("images: %d%nheap after GC: %.1f MB (server with the bundled seed: %.1f MB)%n"
                        + "catalog: %.1f MB, %.0f bytes per image%n", count, full / 1e6, empty / 1e6, (full - empty) / 1e6,
                        (full - empty) / (double) count);
            }
        } finally {
            Files.deleteIfExists(seed);
        }
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
