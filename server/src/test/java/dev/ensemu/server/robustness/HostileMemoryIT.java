package dev.ensemu.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.PackagedServer;
import dev.ensemu.server.support.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The packaged server under {@code -Xmx96m}, fed what an attacker without a key can send: 100,000
 * requests with random Actions, parameter names and values; 2,000 requests with 1 MiB bodies; a
 * burst of 500 connections. Memory must not follow the traffic: the heap after a full collection
 * stays within 20% of the heap after start-up, the metrics page stays small, no
 * OutOfMemoryError, and the server still answers.
 *
 * <p>"After start-up" is after a short warm-up of the same mix (2% of it): Grizzly fills its
 * per-thread caches of request objects, and the journal its 1,000 entries, on first use, and both
 * are bounded. What must not happen is growth with the amount of traffic.
 */
class HostileMemoryIT {
    private static final String TOKEN = "hostile-memory-token";
    private static final int BODY_BYTES = 1 << 20;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    @Test
    void hostileTrafficDoesNotGrowTheHeap() throws Exception {
        try (PackagedServer server = PackagedServer.start(List.of("-Xmx96m"), "--port", "0", "--admin-token", TOKEN)) {
            URI base = server.baseUri();
            randomRequests(base, 2_000, 1);
            bigBodies(base, 40, 2);
            burst(base, 100);
            long afterStart = server.heapAfterGcKib();

            long answered = randomRequests(base, 100_000, 3);
            answered += bigBodies(base, 2_000, 4);
            answered += burst(base, 500);
            long afterLoad = server.heapAfterGcKib();

            Http http = new Http(base);
            Http.Answer metrics = http.send(HttpRequest.newBuilder(base.resolve("/_emulator/metrics"))
                    .header("Authorization", "Bearer " + TOKEN));
            System.out.printf("hostile memory: %d answers; heap after GC %d KiB after start, %d KiB after the load (%.2fx);"
                    + " metrics page %d bytes%n", answered, afterStart, afterLoad, (double) afterLoad / afterStart,
                    metrics.body().length());

            assertThat(answered).isEqualTo(100_000 + 2_000 + 500);
            assertThat(server.isAlive()).isTrue();
            assertThat(server.stderr()).doesNotContain("OutOfMemoryError");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body().length()).as("metrics page bytes").isLessThan(32 * 1024);
            assertThat(metrics.body()).contains("action=\"other\"").doesNotContain("action=\"" + "x");
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/_emulator/health"))).status()).isEqualTo(200);
            assertThat(afterLoad).as("heap after GC, KiB, after the load vs after start (%d)", afterStart)
                    .isLessThanOrEqualTo(afterStart * 12 / 10);
        }
    }

    /** Unsigned requests with a random Action and random parameters, GET or POST, on 4 keep-alive connections. */
    private static long randomRequests(URI base, int count, long seed) throws Exception {
        return parallel(base, 4, count, seed, (random, connection) -> {
            StringBuilder parameters = new StringBuilder("Action=").append(text(random, 1 + random.nextInt(40)));
            for (int i = random.nextInt(9); i > 0; i--) {
                parameters.append('&').append(text(random, 1 + random.nextInt(20))).append('=').append(text(random, random.nextInt(300)));
            }
            String request = random.nextBoolean()
                    ? "GET /?" + parameters + " HTTP/1.1\r\nHost: hostile\r\nx-acs-action: " + text(random, 1 + random.nextInt(30)) + "\r\n\r\n"
                    : "POST / HTTP/1.1\r\nHost: hostile\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                            + parameters.length() + "\r\n\r\n" + parameters;
            return request.getBytes(StandardCharsets.US_ASCII);
        });
    }

    /** Form bodies of 1 MiB (the default limit), every value different. */
    private static long bigBodies(URI base, int count, long seed) throws Exception {
        return parallel(base, 2, count, seed, (random, connection) -> {
            int size = BODY_BYTES;
            String head = "Action=" + text(random, 12) + "&Version=2017-11-10&" + text(random, 8) + "=";
            StringBuilder body = new StringBuilder(size).append(head);
            while (body.length() < size) {
                body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return ("POST / HTTP/1.1\r\nHost: hostile\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + size
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        });
    }

    /** {@code count} connections opened at once, each then sending one request and reading its answer. */
    private static long burst(URI base, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new Socket(base.getHost(), base.getPort()));
            }
            long answered = 0;
            for (Socket socket : sockets) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("GET /?Action=Burst" + answered + " HTTP/1.1\r\nHost: hostile\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] answer = socket.getInputStream().readAllBytes();
                assertThat(new String(answer, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 404");
                answered++;
            }
            return answered;
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private interface RequestMaker {
        byte[] make(Random random, int index);
    }

    /** Sends {@code count} requests from {@code threads} keep-alive connections; every one must get a non-5xx answer. */
    private static long parallel(URI base, int threads, int count, long seed, RequestMaker maker) throws Exception {
        AtomicLong answered = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed * 1000 + t);
                int share = count / threads + (t < count % threads ? 1 : 0);
                done.add(pool.submit(() -> {
                    RawHttp connection = new RawHttp(base);
                    for (int i = 0; i < share; i++) {
                        RawHttp.Response answer = connection.exchange(maker.make(random, i));
                        assertThat(answer.status()).isBetween(400, 499);
                        assertThat(answer.header("content-type")).startsWith("application/json");
                        answered.incrementAndGet();
                        if ("close".equalsIgnoreCase(answer.header("connection"))) {
                            connection.close();
                            connection = new RawHttp(base);
                        }
                    }
                    connection.close();
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return answered.get();
    }

    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
