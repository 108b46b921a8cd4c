package dev.ensemu.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * {@code --health-check}: asks a running server on the configured host and port for
 * {@code /_emulator/health} and says in one line whether it is UP, so a container's HEALTHCHECK
 * needs no curl. Exit status 0 when it answered 200 UP, 1 otherwise.
 */
final class HealthCheck {
    private static final int TIMEOUT_MILLIS = 3_000;

    private HealthCheck() {}

    static int run(EmulatorConfig config) {
        // A server listening on every address is reached on loopback.
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        URI health = URI.create("http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + config.port()
                + "/_emulator/health");
        try {
            HttpURLConnection connection = (HttpURLConnection) health.toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            int status = connection.getResponseCode();
            byte[] body = (status < 400 ? connection.getInputStream() : connection.getErrorStream()).readAllBytes();
            JsonNode answer = status == 404 ? null : new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8));
            if (status == 200 && "UP".equals(answer.path("status").asText())) {
                System.out.println("ensemu: " + health + " is UP (" + answer.path("storage").asText() + ", up "
                        + answer.path("uptimeSeconds").asLong() + " s)");
                return 0;
            }
            System.out.println("ensemu: " + health + " is not healthy: " + (answer == null
                    ? "404 (the control plane is off: --no-admin)"
                    : status + " " + answer.path("status").asText() + (answer.hasNonNull("reason") ? " (" + answer.path("reason").asText() + ")" : "")));
            return 1;
        } catch (IOException | RuntimeException e) {
            System.out.println("ensemu: " + health + " does not answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            return 1;
        }
    }
}
