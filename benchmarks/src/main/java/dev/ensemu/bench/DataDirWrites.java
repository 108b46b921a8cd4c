package dev.ensemu.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * The cost of one acknowledged write as a client sees it: sequential control-plane POSTs of one
 * image each (HTTP included) to a server started with {@code --data-dir}, after a warm-up of 3,000 (the JIT compiles the control-plane path meanwhile).
 * Prints the latency percentiles. Run: java -cp benchmarks.jar dev.ensemu.bench.DataDirWrites URL TOKEN N
 */
public final class DataDirWrites {
    private static final int WARM_UP = 3_000;

    private DataDirWrites() {}

    public static void main(String[] args) throws Exception {
        URI images = URI.create(args[0]).resolve("/_emulator/accounts/1000000000000001/images");
        String token = args[1];
        int writes = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newHttpClient();
        long[] latencies = new long[writes];
        for (int i = -WARM_UP; i < writes; i++) {
            String body = "{\"ImageId\":\"m-write-" + (i + WARM_UP) + "\",\"ImageName\":\"written\",\"CreationTime\":\"2031-01-01T00:00:00Z\","
                    + "\"Architecture\":\"x86_64\",\"Platform\":\"centos\",\"ImageOwnerAlias\":\"self\",\"ImageExportStatus\":\"Unexported\"}";
            HttpRequest request = HttpRequest.newBuilder(images).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long started = System.nanoTime();
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - started;
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("write " + i + ": " + answer.statusCode() + " " + answer.body());
            }
            if (i >= 0) {
                latencies[i] = took;
            }
        }
        Arrays.sort(latencies);
        System.out.printf("writes %d%n", writes);
        System.out.printf("p50 ms %.2f%n", latencies[writes / 2] / 1e6);
        System.out.printf("p90 ms %.2f%n", latencies[(int) (writes * 0.90)] / 1e6);
        System.out.printf("p99 ms %.2f%n", latencies[(int) (writes * 0.99)] / 1e6);
        System.out.printf("max ms %.2f%n", latencies[writes - 1] / 1e6);
    }
}
