package dev.ensemu.server;

import dev.ensemu.server.auth.AuthMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code --self-test}: starts the emulator on a free port, sends it one request of each kind
 * (JSON and XML pages, a form POST, an error, the control plane) and stops. The build runs it to
 * record a class-data-sharing archive, so that later starts skip most class loading.
 */
final class SelfTest {
    private SelfTest() {}

    /** One request: its path and query, the form it posts (or null for a GET), its headers, the status expected. */
    private record Call(String target, String form, Map<String, String> headers, int status) {}

    /** @return true when every answer had the expected status */
    static boolean run(EmulatorConfig config) throws Exception {
        String token = "self-test";
        try (EnsEmulator emulator = EnsEmulator.start(config.toBuilder().port(0).host("127.0.0.1").auth(AuthMode.ANONYMOUS).admin(true).adminToken(token).build())) {
            String action = "/?Action=DescribeExportImageInfo&Version=2017-11-10";
            List<Call> calls = List.of(
                    new Call(action + "&PageSize=5", null, Map.of(), 200),
                    new Call(action + "&Format=XML", null, Map.of(), 200),
                    new Call("/", action.substring(2) + "&PageNumber=2", Map.of("Content-Type", "application/x-www-form-urlencoded"), 200),
                    new Call(action + "&PageSize=51", null, Map.of(), 400),
                    new Call("/_emulator/health", null, Map.of(), 200),
                    new Call("/_emulator/accounts", null, Map.of("Authorization", "Bearer " + token), 200));
            boolean ok = true;
            for (Call call : calls) {
                int status = send(emulator.baseUri().resolve(call.target()), call);
                if (status != call.status()) {
                    System.err.println("ensemu self-test: " + call.target() + " answered " + status + ", expected " + call.status());
                    ok = false;
                }
            }
            return ok;
        }
    }

    /**
     * The JDK's plain HTTP connection, not its HttpClient: the build records the classes this run
     * loads, and HttpClient would bring TLS's hundreds that a started server never loads.
     */
    private static int send(URI uri, Call call) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(10_000);
            call.headers().forEach(connection::setRequestProperty);
            if (call.form() != null) {
                connection.setDoOutput(true);
                connection.getOutputStream().write(call.form().getBytes(StandardCharsets.US_ASCII));
            }
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status;
        } finally {
            connection.disconnect();
        }
    }
}
