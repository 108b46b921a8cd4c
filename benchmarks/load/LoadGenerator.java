import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bounded load generator for ensemu on loopback: N keep-alive connections for S seconds, a mix
 * of valid unsigned pages, invalid requests and V1-signed requests (rate-limited, since every
 * signed nonce is remembered for 15 minutes by design). Prints requests/s, latency percentiles,
 * status counts, 5xx and connection errors. Run: java bench/LoadGenerator.java URL CONNECTIONS SECONDS
 */
public class LoadGenerator {
    static final String KEY = "LTAIEnsemuDevAccess01";
    static final String SECRET = "EnsemuDevSecretDoNotUseInProduction01";
    static final String ACTION = "Action=DescribeExportImageInfo&Version=2017-11-10";
    static final List<String> INVALID = List.of(ACTION + "&PageSize=51", ACTION + "&PageNumber=x", "Action=Nope&Version=2017-11-10",
            ACTION + "&Format=YAML", ACTION + "&ImageName=%E4%B8", "Version=2017-11-10", ACTION + "&ImageId=" + "x".repeat(200));
    static final int SIGNED_PER_SECOND = 30;

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLongArray statuses = new AtomicLongArray(600);
        AtomicLong connectionErrors = new AtomicLong();
        AtomicLong signedBudget = new AtomicLong();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        List<Thread> threads = new ArrayList<>();
        Thread refill = new Thread(() -> {
            while (System.nanoTime() < deadline) {
                signedBudget.set(SIGNED_PER_SECOND);
                sleep(1000);
            }
        });
        refill.setDaemon(true);
        refill.start();
        for (int c = 0; c < connections; c++) {
            int id = c;
            latencies[c] = new long[4_000_000 / connections + 1000];
            Thread thread = new Thread(() -> {
                Socket socket = null;
                InputStream in = null;
                while (System.nanoTime() < deadline) {
                    try {
                        if (socket == null) {
                            socket = new Socket(base.getHost(), base.getPort());
                            socket.setSoTimeout(10_000);
                            in = new BufferedInputStream(socket.getInputStream());
                        }
                        String target = nextTarget(signedBudget);
                        long start = System.nanoTime();
                        Response response = exchange(socket, in, target);
                        long took = System.nanoTime() - start;
                        if (counts[id] < latencies[id].length) {
                            latencies[id][counts[id]++] = took;
                        }
                        statuses.incrementAndGet(Math.min(response.status, 599));
                        if (response.closed) {
                            socket.close();
                            socket = null;
                        }
                    } catch (IOException e) {
                        connectionErrors.incrementAndGet();
                        closeQuietly(socket);
                        socket = null;
                    }
                }
                closeQuietly(socket);
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long total = 0;
        long fiveXx = 0;
        StringJoiner byStatus = new StringJoiner(", ");
        for (int s = 0; s < 600; s++) {
            long n = statuses.get(s);
            total += n;
            if (s >= 500) {
                fiveXx += n;
            }
            if (n > 0) {
                byStatus.add(s + ": " + n);
            }
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(l -> Arrays.stream(l)).filter(v -> v > 0).sorted().toArray();
        System.out.printf("requests: %d in %d s = %.0f req/s with %d connections%n", total, seconds, total / (double) seconds, connections);
        System.out.printf("latency: p50 %.2f ms, p99 %.2f ms%n", percentile(all, 0.50), percentile(all, 0.99));
        System.out.println("statuses: " + byStatus);
        System.out.println("5xx: " + fiveXx);
        System.out.println("connection errors: " + connectionErrors.get());
    }

    static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * p)] / 1e6;
    }

    static String nextTarget(AtomicLong signedBudget) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int kind = random.nextInt(100);
        if (kind < 10 && signedBudget.getAndDecrement() > 0) {
            boolean wrongSecret = random.nextInt(10) == 0;
            return signed(Map.of("PageSize", String.valueOf(1 + random.nextInt(50))), wrongSecret ? "wrong" : SECRET);
        }
        if (kind < 30) {
            return INVALID.get(random.nextInt(INVALID.size()));
        }
        return ACTION + "&PageSize=" + (1 + random.nextInt(50)) + "&PageNumber=" + (1 + random.nextInt(4))
                + (random.nextBoolean() ? "&ImageName=centos-7.9-web" : "") + (random.nextInt(5) == 0 ? "&Format=XML" : "");
    }

    static String signed(Map<String, String> api, String secret) {
        TreeMap<String, String> params = new TreeMap<>(api);
        params.put("Action", "DescribeExportImageInfo");
        params.put("Version", "2017-11-10");
        params.put("AccessKeyId", KEY);
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        StringJoiner canonical = new StringJoiner("&");
        params.forEach((name, value) -> canonical.add(encode(name) + "=" + encode(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(
                    ("GET&%2F&" + encode(canonical.toString())).getBytes(StandardCharsets.UTF_8)));
            return canonical + "&Signature=" + encode(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    record Response(int status, boolean closed) {}

    static Response exchange(Socket socket, InputStream in, String query) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /?" + query + " HTTP/1.1\r\nHost: bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("closed before an answer");
        }
        int length = 0;
        boolean closed = false;
        boolean chunked = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closed = true;
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                in.readNBytes(size);
                line(in);
            }
            line(in);
        } else if (in.readNBytes(length).length != length) {
            throw new IOException("short body");
        }
        String[] status = statusLine.split(" ");
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        return new Response(Integer.parseInt(status[1]), closed);
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    static void closeQuietly(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing a broken connection
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
