package dev.ensemu.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
    private static final Pattern READY = Pattern.compile("listening on (http://\\S+)");
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
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Long> phases = new LinkedHashMap<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            URI base = null;
            while (base == null) {
                String line = out.readLine();
                if (line == null) {
                    throw new IllegalStateException("no ready line from " + command);
                }
                Matcher phase = PHASE.matcher(line);
                if (phase.matches()) {
                    phases.put(phase.group(1), Long.parseLong(phase.group(2)));
                }
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    base = URI.create(ready.group(1));
                }
            }
            long listening = System.nanoTime();
            phases.put("ready line to process start", (listening - started) / 1_000_000);
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setTcpNoDelay(true);
                OutputStream requests = socket.getOutputStream();
                InputStream answers = new java.io.BufferedInputStream(socket.getInputStream());
                requests.write(("GET /?" + DevKeyRequests.signedQuery(Map.of("PageSize", "10")) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                int status = DevKeyRequests.readAnswer(answers);
                if (status != 200) {
                    throw new IllegalStateException("the first answer was a " + status);
                }
            }
            long answered = System.nanoTime();
            phases.put("first request (after the ready line)", (answered - listening) / 1_000_000);
            phases.put("first answer from process start", (answered - started) / 1_000_000);
            return phases;
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
