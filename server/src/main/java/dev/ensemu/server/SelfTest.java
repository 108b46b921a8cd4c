package dev.ensemu.server;

import dev.ensemu.server.auth.AuthMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --self-test}: starts the emulator on a free port, sends it one request of each kind
 * (JSON and XML pages, a form POST, an error, the control plane) and stops. The build runs it to
 * record a class-data-sharing archive, so that later starts skip most class loading.
 */
final class SelfTest {
    private SelfTest() {}

    /** @return true when every answer had the expected status */
    static boolean run(EmulatorConfig config) throws Exception {
        String token = "self-test";
        try (EnsEmulator emulator = EnsEmulator.start(config.toBuilder().port(0).host("127.0.0.1").auth(AuthMode.ANONYMOUS).admin(true).adminToken(token).build())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            URI base = emulator.baseUri();
            String action = "?Action=DescribeExportImageInfo&Version=2017-11-10";
            Map<HttpRequest, Integer> expected = Map.of(
                    HttpRequest.newBuilder(base.resolve("/" + action + "&PageSize=5")).build(), 200,
                    HttpRequest.newBuilder(base.resolve("/" + action + "&Format=XML")).build(), 200,
                    HttpRequest.newBuilder(base.resolve("/")).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(action.substring(1) + "&PageNumber=2")).build(), 200,
                    HttpRequest.newBuilder(base.resolve("/" + action + "&PageSize=51")).build(), 400,
                    HttpRequest.newBuilder(base.resolve("/_emulator/health")).build(), 200,
                    HttpRequest.newBuilder(base.resolve("/_emulator/accounts")).header("Authorization", "Bearer " + token).build(), 200);
            boolean ok = true;
            for (Map.Entry<HttpRequest, Integer> check : expected.entrySet()) {
                int status = client.send(check.getKey(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != check.getValue()) {
                    System.err.println("ensemu self-test: " + check.getKey().uri() + " answered " + status + ", expected " + check.getValue());
                    ok = false;
                }
            }
            return ok;
        }
    }
}
