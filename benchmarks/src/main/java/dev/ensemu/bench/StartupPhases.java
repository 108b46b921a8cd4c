package dev.ensemu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the first second goes: fresh JVMs started as the README's first command starts ensemu (the
 * build's options file, bundled seed, signatures verified), each printing its start-up phases
 * ({@code -Densemu.startupTimeline=true}, {@code StartupTimeline}); the first signed answer is timed
 * from here. One line per phase, the median of the rounds, beside raw Grizzly's first answer on the
 * same JDK. Run: java -cp benchmarks/target/benchmarks.jar dev.ensemu.bench.StartupPhases [ROUNDS]
 */
public final class StartupPhases {
    private static final Pattern PHASE = Pattern.compile("startup-phase (.+) (\\d+)");

    private StartupPhases() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> ensemu = new ArrayList<>(List.of(java));
        if (Files.exists(Path.of("server/target/ensemu.args"))) {
            ensemu.add("@server/target/ensemu.args");
        }
        ensemu.addAll(List.of("-Densemu.startupTimeline=true", "-jar", "server/target/ensemu-server.jar", "--port", "0", "--no-admin",
                "--log-level", "warn"));
        List<String> grizzly = List.of(java, "-cp", System.getProperty("java.class.path"), RawGrizzlyBaseline.class.getName(), "0");
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        List<Long> grizzlyFirst = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Map<String, Long> run = oneRun(ensemu);
            run.forEach((phase, millis) -> phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(millis));
            grizzlyFirst.add(oneRun(grizzly).get("first answer from process start"));
            System.out.println("round " + round + ": " + run);
        }
        System.out.println("start-up by phase (median of " + rounds + " fresh JVMs, ms):");
        phases.forEach((phase, values) -> System.out.printf("  %-52s %6d%n", phase, median(values)));
        long first = median(phases.get("first answer from process start"));
        long raw = median(grizzlyFirst);
        System.out.printf("first answer: ensemu %d ms, raw Grizzly %d ms: ratio %.2f (target <= 1.40)%n", first, raw, (double) first / raw);
    }

    /** The phases one process printed, then the first signed answer and the time to it from process start. */
    private static Map<String, Long> oneRun(List<String> command) throws Exception {
        Map<String, Long> phases = new LinkedHashMap<>();
        try (FreshServer server = new FreshServer(command, line -> {
            Matcher phase = PHASE.matcher(line);
            if (phase.matches()) {
                phases.put(phase.group(1), Long.parseLong(phase.group(2)));
            }
        })) {
            phases.put("ready line to process start", (server.readyNanos - server.startedNanos) / 1_000_000);
            server.signedCalls(1);
            long answered = System.nanoTime();
            phases.put("first request (after the ready line)", (answered - server.readyNanos) / 1_000_000);
            phases.put("first answer from process start", (answered - server.startedNanos) / 1_000_000);
            return phases;
        }
    }

    private static long median(List<Long> values) {
        return FreshServer.median(values);
    }
}
