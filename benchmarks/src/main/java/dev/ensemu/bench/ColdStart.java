package dev.ensemu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The CI case: a fresh JVM per run, then 1,000 signed DescribeExportImageInfo requests one after
 * another on one keep-alive connection; the figure is the time from process start to the 1,000th
 * answer. ensemu runs as users run it (replay protection on, every request with its own nonce, the
 * README's command: the build's JVM options file {@code server/target/ensemu.args}, i.e. its
 * class-data-sharing archive and the serial collector), and once more with C1 only as the README
 * suggests for servers that live seconds; the plain Jersey and raw Grizzly baselines answer a
 * fixed page on the JVM's defaults. Contenders alternate, median of the rounds, ratios printed.
 * Run: java -cp benchmarks/target/benchmarks.jar dev.ensemu.bench.ColdStart [ROUNDS]
 * ({@code -Dcold.jvmOptions="..."} adds JVM options to ensemu's command, to try start-up settings).
 */
public final class ColdStart {
    private static final int REQUESTS = 1000;

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = "server/target/ensemu-server.jar";
        List<String> ensemu = new ArrayList<>(List.of(java));
        if (Files.exists(Path.of("server/target/ensemu.args")) && !Boolean.getBoolean("cold.noCds")) {
            ensemu.add("@server/target/ensemu.args");
        }
        // -Dcold.jvmOptions="-XX:TieredStopAtLevel=1 ..." tries JVM options on ensemu alone; -Dcold.noCds leaves the
        // build's (Java 17) archive out, e.g. for a JDK 25 AOT cache.
        String extra = System.getProperty("cold.jvmOptions", "").strip();
        if (!extra.isEmpty()) {
            ensemu.addAll(List.of(extra.split("\\s+")));
        }
        List<String> flags = List.of("-jar", jar, "--port", "0", "--no-admin", "--log-level", "warn");
        List<String> ensemuC1 = new ArrayList<>(ensemu);
        ensemuC1.add("-XX:TieredStopAtLevel=1");
        ensemu.addAll(flags);
        ensemuC1.addAll(flags);
        String classpath = System.getProperty("java.class.path");
        Map<String, List<String>> contenders = new LinkedHashMap<>();
        contenders.put("ensemu", ensemu);
        contenders.put("ensemu C1 only", ensemuC1);
        contenders.put("plain Jersey", List.of(java, "-cp", classpath, PlainJerseyBaseline.class.getName(), "0"));
        contenders.put("raw Grizzly", List.of(java, "-cp", classpath, RawGrizzlyBaseline.class.getName(), "0"));
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            StringJoiner line = new StringJoiner(", ", "round " + round + ": ", "");
            for (Map.Entry<String, List<String>> contender : contenders.entrySet()) {
                double taken = oneRun(contender.getValue());
                seconds.computeIfAbsent(contender.getKey(), k -> new ArrayList<>()).add(taken);
                line.add(String.format("%s %.2f s", contender.getKey(), taken));
            }
            System.out.println(line);
        }
        double jersey = median(seconds.get("plain Jersey"));
        double grizzly = median(seconds.get("raw Grizzly"));
        System.out.printf("median time to the %,d-th answer from process start: ensemu %.2f s, ensemu C1 only %.2f s, plain Jersey %.2f s,"
                + " raw Grizzly %.2f s%n", REQUESTS, median(seconds.get("ensemu")), median(seconds.get("ensemu C1 only")), jersey, grizzly);
        for (String name : List.of("ensemu", "ensemu C1 only")) {
            double taken = median(seconds.get(name));
            System.out.printf("target 2, cold: %s / plain Jersey, 1,000th answer: %.2f (<= 0.80) %s%n", name, taken / jersey,
                    taken / jersey <= 0.80 ? "met" : "NOT met");
            System.out.printf("target 2, cold (moonshot): %s / raw Grizzly: %.2f (<= 1.50) %s%n", name, taken / grizzly,
                    taken / grizzly <= 1.50 ? "met" : "NOT met");
        }
    }

    /** Seconds from starting the process to the last of the requests' answers. */
    private static double oneRun(List<String> command) throws Exception {
        try (FreshServer server = new FreshServer(command, line -> { })) {
            server.signedCalls(REQUESTS);
            return (System.nanoTime() - server.startedNanos) / 1e9;
        }
    }

    private static double median(List<Double> values) {
        return FreshServer.median(values);
    }
}
