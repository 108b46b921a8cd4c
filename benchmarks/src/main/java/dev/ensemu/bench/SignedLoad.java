package dev.ensemu.bench;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed load as users make it: N keep-alive connections for S seconds, every request V1-signed
 * with its own nonce and the current time (so the server's replay protection remembers each).
 * Prints one line: {@code requests/s p50-ms p99-ms non-200-answers}.
 * Run: java -cp benchmarks.jar dev.ensemu.bench.SignedLoad URL CONNECTIONS SECONDS
 */
public final class SignedLoad {
    private SignedLoad() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong failures = new AtomicLong();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int id = c;
            latencies[id] = new long[1 << 16];
            Thread thread = new Thread(() -> {
                try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    while (System.nanoTime() < deadline) {
                        byte[] request = ("GET /?" + DevKeyRequests.signedQuery(Map.of("PageSize", "10"))
                                + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                        long sent = System.nanoTime();
                        out.write(request);
                        if (DevKeyRequests.readAnswer(in) != 200) {
                            failures.incrementAndGet();
                        }
                        if (counts[id] == latencies[id].length) {
                            latencies[id] = Arrays.copyOf(latencies[id], counts[id] * 2);
                        }
                        latencies[id][counts[id]++] = System.nanoTime() - sent;
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        if (all.length == 0) { // nothing was answered: say so in the same shape
            System.out.printf("0 0 0 %d%n", failures.get());
            return;
        }
        System.out.printf("%.0f %.2f %.2f %d%n", total / elapsed, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                failures.get());
    }
}
