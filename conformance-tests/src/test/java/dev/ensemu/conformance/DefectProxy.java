package dev.ensemu.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A test-only HTTP proxy in front of a real server that breaks exactly one behaviour (a
 * {@link Defect}); with {@link Defect#NONE} it is transparent. It proves the checks can fail.
 */
final class DefectProxy implements AutoCloseable {
    static {
        // V3 signs the Host header, so it must reach the server as the client sent it.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "transfer-encoding",
            "expect", "upgrade", "keep-alive", "http2-settings");

    /** A request as the proxy saw it, with its parameters decoded for the defects to look at. */
    /** A request as the proxy saw it; headers by lower-case name, the first value of each. */
    record Seen(String method, String rawQuery, Map<String, String> params, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** An answer the defect may rewrite. */
    record Reply(int status, Map<String, String> headers, String body) {
        Reply withBody(String newBody) {
            return new Reply(status, headers, newBody);
        }

        Reply withoutHeader(String name) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.keySet().removeIf(h -> h.equalsIgnoreCase(name));
            return new Reply(status, copy, body);
        }
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI backend;
    private final Defect defect;

    DefectProxy(URI backend, Defect defect) throws IOException {
        this.backend = backend;
        this.defect = defect;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(backend.toString().replaceAll("/$", "") + target))
                    .timeout(Duration.ofSeconds(10))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            HttpResponse<String> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    headers.put(name, values.get(0));
                }
            });
            Map<String, String> requestHeaders = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> requestHeaders.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            Seen seen = new Seen(exchange.getRequestMethod(), uri.getRawQuery(),
                    Defect.parameters(uri.getRawQuery(), new String(body, java.nio.charset.StandardCharsets.UTF_8)), requestHeaders, body);
            Reply reply = defect.apply(seen, new Reply(answer.statusCode(), headers, answer.body()));
            byte[] out = reply.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** Every defect some check must catch (not NONE, nor the partial endpoints). */
    static List<Defect> all() {
        return List.of(Defect.values()).stream().filter(d -> !d.exposedBy().isEmpty()).toList();
    }
}
