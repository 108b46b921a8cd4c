package dev.ensemu.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the proxy costs a call: an ensemu upstream and an ensemu in front of it with {@code --upstream}
 * (each in its own JVM, on loopback), the same signed DescribeExportImageInfo calls sent one after
 * another on one keep-alive connection straight to the upstream and through the proxy, alternating
 * by round after a warm-up. Prints the median and p99 of each, the overhead (through minus straight)
 * and the ratio. Bounded: at most ROUNDS x 2 x CALLS calls, and each run stops after 60 s.
 * Run: java -cp benchmarks/target/benchmarks.jar dev.ensemu.bench.ProxyOverhead [ROUNDS] [CALLS]
 */
public final class ProxyOverhead {
    private static final long DEADLINE_NANOS = 60_000_000_000L;

    private ProxyOverhead() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = "server/target/ensemu-server.jar";
        try (FreshServer upstream = new FreshServer(List.of(java, "-jar", jar, "--port", "0", "--log-level", "warn"), line -> { });
                FreshServer proxy = new FreshServer(List.of(java, "-jar", jar, "--port", "0", "--log-level", "warn",
                        "--upstream", upstream.base.toString(), "--upstream-key-id", DevKeyRequests.KEY_ID,
                        "--upstream-key-secret", DevKeyRequests.SECRET), line -> { })) {
            time(upstream.base, calls);
            time(proxy.base, calls);
            List<Long> straight = new ArrayList<>();
            List<Long> through = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long[] direct = time(upstream.base, calls);
                long[] proxied = time(proxy.base, calls);
                System.out.printf("round %d: straight median %s p99 %s | through the proxy median %s p99 %s%n", round,
                        ms(percentile(direct, 50)), ms(percentile(direct, 99)), ms(percentile(proxied, 50)), ms(percentile(proxied, 99)));
                Arrays.stream(direct).forEach(straight::add);
                Arrays.stream(proxied).forEach(through::add);
            }
            long[] s = straight.stream().mapToLong(Long::longValue).toArray();
            long[] t = through.stream().mapToLong(Long::longValue).toArray();
            System.out.printf("%nstraight to the upstream: median %s ms, p99 %s ms (%d calls)%n", ms(percentile(s, 50)), ms(percentile(s, 99)), s.length);
            System.out.printf("through the proxy:        median %s ms, p99 %s ms (%d calls)%n", ms(percentile(t, 50)), ms(percentile(t, 99)), t.length);
            System.out.printf("overhead per call:        median %s ms, p99 %s ms; ratio %.2f (median), %.2f (p99)%n",
                    ms(percentile(t, 50) - percentile(s, 50)), ms(percentile(t, 99) - percentile(s, 99)),
                    (double) percentile(t, 50) / percentile(s, 50), (double) percentile(t, 99) / percentile(s, 99));
        }
    }

    /** Each call's time, in nanoseconds, for up to {@code calls} signed calls on one connection. */
    private static long[] time(URI base, int calls) throws IOException {
        long[] nanos = new long[calls];
        long started = System.nanoTime();
        int done = 0;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setTcpNoDelay(true);
            OutputStream requests = socket.getOutputStream();
            InputStream answers = new BufferedInputStream(socket.getInputStream());
            for (; done < calls && System.nanoTime() - started < DEADLINE_NANOS; done++) {
                byte[] request = ("GET /?" + DevKeyRequests.signedQuery(Map.of("PageSize", "10")) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                long sent = System.nanoTime();
                requests.write(request);
                int status = DevKeyRequests.readAnswer(answers);
                nanos[done] = System.nanoTime() - sent;
                if (status != 200) {
                    throw new IllegalStateException("call " + done + " to " + base + " answered " + status);
                }
            }
        }
        return Arrays.copyOf(nanos, done);
    }

    private static long percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
    }

    private static String ms(long nanos) {
        return String.format("%.3f", nanos / 1e6);
    }
}
