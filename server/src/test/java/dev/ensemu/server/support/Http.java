package dev.ensemu.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client over the JDK's, for tests that send the query string exactly as written. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer with its body parsed as JSON where it is JSON. */
    public record Answer(int status, HttpResponse<String> response) {
        public String body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + response.body(), e);
            }
        }

        public String code() {
            return json().path("Code").asText(null);
        }
    }

    private final URI base;

    public Http(URI base) {
        this.base = base;
    }

    public static final String ACTION = "Action=DescribeExportImageInfo&Version=2017-11-10";

    /** GET {@code /?<query>}, the query sent as written. */
    public Answer get(String query) {
        return send(HttpRequest.newBuilder(uri("/", query)).GET());
    }

    /** POST {@code /?<query>} with a form body. */
    public Answer postForm(String query, String form) {
        return send(HttpRequest.newBuilder(uri("/", query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path, String query) {
        return URI.create(base.toString().replaceAll("/$", "") + path + (query == null || query.isEmpty() ? "" : "?" + query));
    }
}
