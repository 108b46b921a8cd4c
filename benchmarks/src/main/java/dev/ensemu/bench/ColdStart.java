package dev.ensemu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Start-up as test suites feel it: a fresh JVM (or container) per run, then 1,000 signed
 * DescribeExportImageInfo requests one after another on one keep-alive connection; the figures are
 * the times from process start to the first and to the 1,000th answer. ensemu runs as users run it
 * (replay protection on, every request with its own nonce, the README's command: the build's JVM
 * options file {@code server/target/ensemu.args}, i.e. its start-up archive, a class-data-sharing
 * archive on JDK 17 or an AOT cache on JDK 25, the serial collector and C1 only), and once more with
 * the JIT's top tier;
 * the plain Jersey and raw Grizzly baselines answer a fixed page on the same JDK's defaults. With
 * {@code -Dcold.image=localhost/ensemu:latest} the image runs too (C1 only, as it starts), and with the
 * top tier ({@code podman run --network host}, from the podman command to the first answer). Contenders alternate, medians of the rounds, ratios
 * printed against the targets.
 * Run: java -cp benchmarks/target/benchmarks.jar dev.ensemu.bench.ColdStart [ROUNDS]
 * ({@code -Dcold.jvmOptions="..."} adds JVM options to ensemu's command, to try start-up settings).
 */
public final class ColdStart {
    /** The 1,000; {@code -Dcold.requests=N} shows where the top tier overtakes C1 only. */
    private static final int REQUESTS = Integer.getInteger("cold.requests", 1000);
    private static final String LAST = String.format("%,dth", REQUESTS);

    private ColdStart() {}

    /** Seconds from process start to the first and to the last answer. */
    private record Run(double first, double last) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = "server/target/ensemu-server.jar";
        List<String> ensemu = new ArrayList<>(List.of(java));
        if (Files.exists(Path.of("server/target/ensemu.args")) && !Boolean.getBoolean("cold.noCds")) {
            ensemu.add("@server/target/ensemu.args");
        }
        // -Dcold.jvmOptions="-XX:TieredStopAtLevel=1 ..." tries JVM options on ensemu alone; -Dcold.noCds leaves the
        // build's start-up archive out.
        String extra = System.getProperty("cold.jvmOptions", "").strip();
        if (!extra.isEmpty()) {
            ensemu.addAll(List.of(extra.split("\\s+")));
        }
        List<String> flags = List.of("-jar", jar, "--port", "0", "--no-admin", "--log-level", "warn");
        // The options file runs C1 only; the top tier (C1 profiling, then C2) is what load wants.
        List<String> ensemuTopTier = new ArrayList<>(ensemu);
        ensemuTopTier.add("-XX:TieredStopAtLevel=4");
        ensemu.addAll(flags);
        ensemuTopTier.addAll(flags);
        String classpath = System.getProperty("java.class.path");
        Map<String, List<String>> contenders = new LinkedHashMap<>();
        contenders.put("ensemu", ensemu);
        contenders.put("ensemu top tier", ensemuTopTier);
        String image = System.getProperty("cold.image", "").strip();
        if (!image.isEmpty()) {
            contenders.put("image", List.of("podman", "run", "--rm", "--name", "ensemu-coldstart", "--network", "host", image,
                    "--port", "0", "--no-admin", "--log-level", "warn"));
            contenders.put("image top tier", List.of("podman", "run", "--rm", "--name", "ensemu-coldstart", "--network", "host",
                    "--env", "JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=4", image, "--port", "0", "--no-admin", "--log-level", "warn"));
        }
        contenders.put("plain Jersey", List.of(java, "-cp", classpath, PlainJerseyBaseline.class.getName(), "0"));
        contenders.put("raw Grizzly", List.of(java, "-cp", classpath, RawGrizzlyBaseline.class.getName(), "0"));
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            StringJoiner line = new StringJoiner(", ", "round " + round + ": ", "");
            for (Map.Entry<String, List<String>> contender : contenders.entrySet()) {
                Run run = oneRun(contender.getValue());
                runs.computeIfAbsent(contender.getKey(), k -> new ArrayList<>()).add(run);
                line.add(String.format("%s %.2f s / %.2f s", contender.getKey(), run.first(), run.last()));
            }
            System.out.println(line + " (first / " + LAST + " answer)");
        }
        System.out.println("median seconds from process start (" + Runtime.version().feature() + "), first answer / " + LAST + " answer:");
        runs.forEach((name, measured) -> System.out.printf("  %-16s %.2f / %.2f%n", name, first(measured), last(measured)));
        double grizzlyFirst = first(runs.get("raw Grizzly"));
        double jerseyLast = last(runs.get("plain Jersey"));
        for (String name : runs.keySet()) {
            if (name.startsWith("ensemu") || name.startsWith("image")) {
                double firstRatio = first(runs.get(name)) / grizzlyFirst;
                double lastRatio = last(runs.get(name)) / jerseyLast;
                System.out.printf("%s: first answer / raw Grizzly's %.2f (<= 1.40) %s; " + LAST + " / plain Jersey's %.2f (<= 0.80) %s%n", name,
                        firstRatio, firstRatio <= 1.40 ? "met" : "NOT met", lastRatio, lastRatio <= 0.80 ? "met" : "NOT met");
            }
        }
        if (runs.containsKey("image")) {
            double above = first(runs.get("image")) - first(runs.get("ensemu"));
            System.out.printf("image: podman run to the first answer, %.2f s above the host jar's (<= 0.50) %s%n", above,
                    above <= 0.50 ? "met" : "NOT met");
        }
    }

    private static Run oneRun(List<String> command) throws Exception {
        try (FreshServer server = new FreshServer(command, line -> { })) {
            if (command.get(0).equals("podman")) {
                server.onClose(() -> removeContainer("ensemu-coldstart"));
            }
            long first = server.signedCalls(REQUESTS);
            return new Run((first - server.startedNanos) / 1e9, (System.nanoTime() - server.startedNanos) / 1e9);
        }
    }

    private static void removeContainer(String name) {
        try {
            new ProcessBuilder("podman", "rm", "-f", "-t", "0", name).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double first(List<Run> runs) {
        return FreshServer.median(runs.stream().map(Run::first).toList());
    }

    private static double last(List<Run> runs) {
        return FreshServer.median(runs.stream().map(Run::last).toList());
    }
}
