package dev.ensemu.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.V1Requests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** One access-log line per answered request, with the fields operators search by, and never a secret. */
class AccessLogIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Logger accessLogger;
    private Level previousLevel;
    @RegisterExtension
    final InProcessServer server = InProcessServer.with(settings -> settings.adminToken("admin-token"));

    @BeforeEach
    void start() {
        accessLogger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
        previousLevel = accessLogger.getLevel();
        accessLogger.setLevel(Level.INFO);
        lines.start();
        accessLogger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        accessLogger.detachAppender(lines);
        accessLogger.setLevel(previousLevel);
    }

    @Test
    void aSignedCallIsOneLineWithRequestIdMethodActionKeyStatusCodeAndLatency() throws Exception {
        URI signed = signedGet(Map.of("PageSize", "51"));

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(signed).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(lines.list).hasSize(1);
        ILoggingEvent line = lines.list.get(0);
        Map<String, Object> fields = fields(line);
        String requestId = answer.headers().firstValue("x-acs-request-id").orElseThrow();
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(fields).containsEntry("requestId", requestId).containsEntry("method", "GET")
                .containsEntry("action", "DescribeExportImageInfo").containsEntry("accessKeyId", DevSeed.KEY_ID)
                .containsEntry("status", 400).containsEntry("code", "InvalidParameter.PageSize");
        assertThat((Long) fields.get("latencyMillis")).isBetween(0L, 10_000L);
        assertThat(line.getFormattedMessage()).startsWith(requestId + " GET DescribeExportImageInfo " + DevSeed.KEY_ID
                + " 400 InvalidParameter.PageSize ").endsWith("ms");
    }

    @Test
    void successesAndControlPlaneRequestsAreLoggedToo() throws Exception {
        http.send(HttpRequest.newBuilder(signedGet(Map.of())).build(),
                HttpResponse.BodyHandlers.discarding());
        http.send(HttpRequest.newBuilder(server.baseUri().resolve("/_emulator/reset"))
                .header("Authorization", "Bearer admin-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(lines.list).hasSize(2);
        assertThat(fields(lines.list.get(0))).containsEntry("status", 200).containsEntry("code", "Success");
        assertThat(fields(lines.list.get(1))).containsEntry("method", "POST").containsEntry("path", "/_emulator/reset")
                .containsEntry("status", 204).doesNotContainKey("accessKeyId");
    }

    @Test
    void neitherTheSignatureNorTheSecretNorTheAdminTokenIsLogged() throws Exception {
        URI signed = signedGet(Map.of("ImageName", "x"));
        http.send(HttpRequest.newBuilder(signed).build(), HttpResponse.BodyHandlers.discarding());
        http.send(HttpRequest.newBuilder(server.baseUri().resolve("/_emulator/accounts"))
                .header("Authorization", "Bearer admin-token").build(), HttpResponse.BodyHandlers.discarding());

        String signature = signed.getRawQuery().replaceAll("(?:^|.*&)Signature=([^&]+).*", "$1");
        String logged = lines.list.stream().map(e -> e.getFormattedMessage() + fields(e)).collect(Collectors.joining("\n"));
        assertThat(lines.list).hasSize(2);
        assertThat(logged).doesNotContain(signature, DevSeed.SECRET, "admin-token");
    }

    private URI signedGet(Map<String, String> api) {
        Map<String, String> params = V1Requests.signed("GET", api, DevSeed.KEY_ID, DevSeed.SECRET, Instant.now());
        return server.baseUri().resolve("/?" + V1Requests.toQuery(params));
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        event.getKeyValuePairs().forEach(pair -> fields.put(pair.key, pair.value));
        return fields;
    }
}
