package dev.ensemu.server;

import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.seed.SeedException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The command line: read the configuration, start, print the address, run until SIGTERM. */
public final class Main {
    // Held in a field: java.util.logging keeps loggers weakly, and a collected one forgets its level.
    private static final Logger GLASSFISH = Logger.getLogger("org.glassfish");

    private Main() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        // Grizzly and Jersey announce every listener at INFO; the one line below is enough.
        GLASSFISH.setLevel(Level.WARNING);

        CommandLine.Parsed parsed;
        try {
            parsed = CommandLine.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            exit("ensemu: " + e.getMessage());
            return;
        }
        switch (parsed.request()) {
            case HELP -> System.out.print(CommandLine.HELP);
            case VERSION -> System.out.println("ensemu " + Version.current());
            case SELF_TEST -> System.exit(SelfTest.run(parsed.config()) ? 0 : 1);
            case RUN -> run(parsed.config());
        }
    }

    private static void run(EmulatorConfig config) throws InterruptedException {
        EnsEmulator emulator;
        try {
            emulator = EnsEmulator.start(config);
        } catch (SeedException | UncheckedIOException | IllegalArgumentException e) {
            exit("ensemu: " + e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop(config.limits().shutdownGrace());
            // SIGTERM is the normal way to stop the emulator: report success, not 143.
            Runtime.getRuntime().halt(0);
        }, "ensemu-shutdown"));
        if (!config.replayProtection()) {
            System.err.println("ensemu: WARNING: --no-replay-protection: a captured signed request can be replayed (for benchmarks only)");
        }
        if (config.auth() == AuthMode.ANONYMOUS && !config.isLoopback()) {
            System.err.println("ensemu: WARNING: --auth anonymous on " + config.host()
                    + ": anyone who can reach this address reads the default account's images without a key");
        }
        System.out.println("ensemu " + Version.current() + " listening on " + emulator.baseUri() + " (auth "
                + config.auth().name().toLowerCase(Locale.ROOT) + ")");
        emulator.adminToken().ifPresent(token -> System.out.println("control plane: " + emulator.baseUri()
                + "_emulator/ (Authorization: Bearer " + token + ")"));
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void exit(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
