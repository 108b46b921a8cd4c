package dev.ensemu.server.robustness;

import static dev.ensemu.server.support.Http.ACTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.Limits;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests over the limits get a clear 4xx; slow, stalled and idle clients are cut off on time. */
class LimitsIT {
    private static final Limits LIMITS = Limits.builder().maxHeaderBytes(4096).maxBodyBytes(2048).maxParameters(20).readTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(1)).workerThreads(6).build();
    @RegisterExtension
    static final InProcessServer emulator = InProcessServer.with(settings -> settings.auth(AuthMode.ANONYMOUS).limits(LIMITS));
    private static Http http;

    @BeforeAll
    static void start() {
        http = new Http(emulator.baseUri());
    }

    private static String get(String query) {
        return "GET /?" + query + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    @Test
    void overLongRequestLineIsA414EnvelopeAndTheConnectionCloses() throws IOException {
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            RawHttp.Response answer = connection.exchange(get(ACTION + "&ImageName=" + "a".repeat(8000)));
            assertThat(answer.status()).isEqualTo(414);
            assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
            assertThat(answer.body()).contains("\"Code\":\"RequestURITooLong\"", "\"RequestId\":\"" + answer.header("x-acs-request-id"));
            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    @Test
    void tooManyHeadersIsA431Envelope() throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            headers.append("X-Extra-").append(i).append(": v\r\n");
        }
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            RawHttp.Response answer = connection.exchange("GET /?" + ACTION + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.body()).contains("\"Code\":\"RequestHeaderFieldsTooLarge\"");
        }
    }

    @Test
    void oversizeHeaderBlockIsA431Envelope() throws IOException {
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            RawHttp.Response answer = connection.exchange("GET /?" + ACTION + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n");
            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
            assertThat(answer.body()).contains("\"Code\":\"RequestHeaderFieldsTooLarge\"");
            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    @Test
    void bodyOverTheLimitIsAnEnsError() {
        Http.Answer answer = http.postForm(ACTION, "ImageName=" + "a".repeat(3000));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("InvalidParameter");
    }

    @Test
    void tooManyParametersIsAnEnsError() {
        StringJoiner many = new StringJoiner("&");
        for (int i = 0; i < 25; i++) {
            many.add("P" + i + "=" + i);
        }
        Http.Answer answer = http.get(ACTION + "&" + many);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("InvalidParameter");
    }

    @Test
    void stalledBodyIsCutOffAfterTheReadTimeoutWithAnEnsError() throws IOException {
        long started = System.nanoTime();
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            RawHttp.Response answer = connection.exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 100\r\n\r\nAction=Describe");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("InvalidParameter");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }

    @Test
    void idleKeepAliveConnectionIsClosed() throws IOException {
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            assertThat(connection.exchange(get(ACTION)).status()).isEqualTo(200);
            long started = System.nanoTime();
            assertThat(connection.isClosedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void trickledHeadersAreCutOff() throws Exception {
        try (Socket socket = new Socket(emulator.baseUri().getHost(), emulator.baseUri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /?" + ACTION + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
            boolean cut = false;
            long started = System.nanoTime();
            for (int i = 0; i < 20 && !cut; i++) {
                try {
                    out.write(("X-Slow-" + i + ": v\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(400);
                } catch (SocketException reset) {
                    cut = true;
                }
            }
            socket.setSoTimeout(3000);
            cut = cut || readsEndOfStream(socket);
            assertThat(cut).as("the server cut the trickling client off").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static boolean readsEndOfStream(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void stalledClientsDoNotStopOthersFromBeingServed() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket(emulator.baseUri().getHost(), emulator.baseUri().getPort());
                socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nA").getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket);
            }
            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                assertThat(http.get(ACTION).status()).isEqualTo(200);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }
}
