package dev.ensemu.server;

import dev.ensemu.server.proxy.RecordCommand;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.logging.LogSetup;
import dev.ensemu.server.seed.SeedException;
import dev.ensemu.server.storage.StorageException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: read the configuration, start, print the address, run until SIGTERM. Standard
 * output carries only the start-up lines (scripts read the address there); logs go to standard error.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        StartupTimeline.mark("jvm");
        if (args.length > 0 && args[0].equals("record")) {
            System.exit(RecordCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
        }
        ServerCommand.Parsed parsed;
        try {
            parsed = ServerCommand.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            exit("ensemu: " + e.getMessage());
            return;
        }
        switch (parsed.request()) {
            case HELP -> System.out.print(ServerCommand.help());
            case VERSION -> System.out.println("ensemu " + Version.current());
            case SELF_TEST -> {
                LogSetup.configure(parsed.logging().format(), org.slf4j.event.Level.WARN);
                System.exit(SelfTest.run(parsed.config()) ? 0 : 1);
            }
            case HEALTH_CHECK -> System.exit(HealthCheck.run(parsed.config()));
            case RUN -> {
                StartupTimeline.mark("configuration");
                LogSetup.configure(parsed.logging().format(), parsed.logging().level());
                StartupTimeline.mark("logging");
                run(parsed.config());
            }
        }
    }

    private static void run(EmulatorConfig config) throws InterruptedException {
        EnsEmulator emulator;
        try {
            emulator = EnsEmulator.start(config);
        } catch (SeedException | StorageException | UncheckedIOException | IllegalArgumentException e) {
            exit("ensemu: " + e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop(config.limits().shutdownGrace());
            LogSetup.flush();
            // SIGTERM is the normal way to stop the emulator: report success, not 143.
            Runtime.getRuntime().halt(0);
        }, "ensemu-shutdown"));
        Logger log = LoggerFactory.getLogger(Main.class);
        if (!config.replayProtection()) {
            log.warn("--no-replay-protection: a captured signed request can be replayed (for benchmarks only)");
        }
        if (config.auth() == AuthMode.ANONYMOUS && !config.isLoopback()) {
            log.warn("--auth anonymous on {}: anyone who can reach this address reads the default account's images without a key",
                    config.host());
        }
        System.out.println("ensemu " + Version.current() + " listening on " + emulator.baseUri() + " (auth "
                + config.auth().name().toLowerCase(Locale.ROOT) + ")" + emulator.httpsUri()
                .map(https -> " and " + https + " (certificate " + emulator.tlsCertificate().orElseThrow() + ")").orElse(""));
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
