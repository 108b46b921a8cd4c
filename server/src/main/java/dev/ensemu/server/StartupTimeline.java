package dev.ensemu.server;

import java.lang.management.ManagementFactory;

/**
 * Where the start-up goes, phase by phase, for {@code benchmarks/.../StartupPhases}: with
 * {@code -Densemu.startupTimeline=true} each phase prints {@code startup-phase <name> <ms>} on
 * standard error, the milliseconds since the previous one (the first since the JVM started). Off,
 * a mark costs one boolean read.
 */
public final class StartupTimeline {
    private static final boolean ON = Boolean.getBoolean("ensemu.startupTimeline");
    private static long previous;

    private StartupTimeline() {}

    /** The phase that ends now. */
    public static synchronized void mark(String phase) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        long millis = previous == 0
                ? System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()
                : (now - previous) / 1_000_000;
        previous = System.nanoTime();
        System.err.println("startup-phase " + phase + " " + millis);
    }
}
