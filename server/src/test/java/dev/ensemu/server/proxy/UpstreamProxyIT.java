package dev.ensemu.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.sdk.ExportFlow;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.PackagedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ensemu as a re-signing proxy in front of an upstream that is not this process: a second ensemu
 * with its own account and keys (a temporary key among them), over HTTP and HTTPS, reached by the
 * official SDKs through the proxy with ensemu's development key; the recorded seed replayed; an
 * upstream that is slow, killed, or does not speak ENS.
 */
class UpstreamProxyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEV_KEY = "LTAIEnsemuDevAccess01";
    private static final String DEV_SECRET = "EnsemuDevSecretDoNotUseInProduction01";
    private static final String UPSTREAM_ACCOUNT = "3000000000000001";
    private static final String UPSTREAM_KEY = "LTAIUpstreamOnly0001";
    private static final String UPSTREAM_SECRET = "UpstreamSecretNeverInLogs0001";
    private static final String UPSTREAM_STS_KEY = "STS.UpstreamTemporary0001";
    private static final String UPSTREAM_STS_SECRET = "UpstreamStsSecretNeverShown0001";
    private static final String UPSTREAM_TOKEN = "CAISUpstreamTokenNeverShown0001";
    private static final String ADMIN = "proxy-it";
    private static final int UPSTREAM_IMAGES = 13;

    @TempDir
    static Path dir;
    private static PackagedServer upstream;
    private static PackagedServer proxy;
    private static PackagedServer httpsProxy;

    @BeforeAll
    static void start() throws IOException {
        Path seed = dir.resolve("upstream-seed.json");
        Files.writeString(seed, upstreamSeed());
        upstream = PackagedServer.start(List.of(), "--port", "0", "--tls-port", "0", "--seed", seed.toString(), "--admin-token", ADMIN,
                "--export-duration", "300ms");
        proxy = PackagedServer.start(List.of(), "--port", "0", "--admin-token", ADMIN, "--upstream", upstream.baseUri().toString(),
                "--upstream-key-id", UPSTREAM_STS_KEY, "--upstream-key-secret", UPSTREAM_STS_SECRET, "--upstream-security-token", UPSTREAM_TOKEN,
                "--record", dir.resolve("recorded.json").toString());
        httpsProxy = PackagedServer.start(List.of(), "--port", "0", "--admin-token", ADMIN, "--upstream", upstream.httpsUri().toString(),
                "--upstream-key-id", UPSTREAM_KEY, "--upstream-key-secret", UPSTREAM_SECRET,
                "--upstream-trust-cert", upstream.certificate().toString());
    }

    @AfterAll
    static void stop() throws IOException {
        for (PackagedServer server : new PackagedServer[] {httpsProxy, proxy, upstream}) {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The upstream's own account: none of ensemu's development keys, a permanent key and a temporary one. */
    private static String upstreamSeed() {
        List<String> images = new ArrayList<>();
        String[] statuses = {"Unexported", "Exported", "Exporting", "ExportError"};
        for (int i = 1; i <= UPSTREAM_IMAGES; i++) {
            String status = statuses[i % 4];
            images.add("{\"ImageId\":\"m-up" + String.format("%04d", i) + "\",\"ImageName\":\"" + (i == 7 ? "上游镜像-é" : "upstream-" + i)
                    + "\",\"CreationTime\":\"2026-0" + (1 + i % 9) + "-1" + (i % 10) + "T08:00:00Z\",\"Architecture\":\"x86_64\","
                    + "\"Platform\":\"centos\",\"ImageOwnerAlias\":\"self\",\"ImageExportStatus\":\"" + status + "\""
                    + (status.equals("Exported") ? ",\"ExportedImageURL\":\"https://up.oss-cn-beijing.aliyuncs.com/m-up" + i + ".qcow2\"" : "")
                    + "}");
        }
        return "{\"accounts\":[{\"id\":\"" + UPSTREAM_ACCOUNT + "\",\"accessKeys\":["
                + "{\"id\":\"" + UPSTREAM_KEY + "\",\"secret\":\"" + UPSTREAM_SECRET + "\"},"
                + "{\"id\":\"" + UPSTREAM_STS_KEY + "\",\"secret\":\"" + UPSTREAM_STS_SECRET + "\",\"securityToken\":\"" + UPSTREAM_TOKEN
                + "\",\"expiration\":\"2099-01-01T00:00:00Z\"}],\"actions\":[\"ens:*\"],\"images\":[" + String.join(",", images) + "]}]}";
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    private static ExportFlow throughProxy(ExportFlow.Client client) {
        return new ExportFlow(client, hostPort(proxy.baseUri()), false, new ExportFlow.Credentials(DEV_KEY, DEV_SECRET, null));
    }

    private static ExportFlow direct(ExportFlow.Client client) {
        return new ExportFlow(client, hostPort(upstream.baseUri()), false, new ExportFlow.Credentials(UPSTREAM_KEY, UPSTREAM_SECRET, null));
    }

    private static JsonNode wholeListing(ExportFlow flow) throws Exception {
        return flow.call("DescribeExportImageInfo", Map.of("PageSize", "50")).path("Images");
    }

    @ParameterizedTest
    @EnumSource(ExportFlow.Client.class)
    void everyOfficialClientReadsTheUpstreamThroughTheProxy(ExportFlow.Client client) throws Exception {
        JsonNode proxied = throughProxy(client).call("DescribeExportImageInfo", Map.of("PageSize", "5", "PageNumber", "2"));

        JsonNode direct = direct(client).call("DescribeExportImageInfo", Map.of("PageSize", "5", "PageNumber", "2"));
        assertThat(proxied.path("TotalCount").asInt()).isEqualTo(UPSTREAM_IMAGES);
        assertThat(proxied.path("Images")).isEqualTo(direct.path("Images"));
        // The answer is the upstream's own: its RequestId is in the upstream's journal.
        String journal = new Admin(upstream.baseUri(), ADMIN).get("/journal?limit=1000").body();
        assertThat(journal).contains(proxied.path("RequestId").asText());
    }

    @ParameterizedTest
    @EnumSource(value = ExportFlow.Client.class, names = {"JAVA_CORE_V1", "TEA_V3"})
    void theExportFlowRunsThroughTheProxy(ExportFlow.Client client) throws Exception {
        String image = client == ExportFlow.Client.JAVA_CORE_V1 ? "m-up0004" : "m-up0008";
        ExportFlow.Outcome outcome = throughProxy(client).exportAndPoll(image, "my-exports", "cn-beijing", "proxied/", Duration.ofSeconds(10));

        assertThat(outcome.finalStatus()).isEqualTo("Exported");
        assertThat(outcome.promisedUrl()).isEqualTo("https://my-exports.oss-cn-beijing.aliyuncs.com/proxied/" + image + ".qcow2");
        assertThat(outcome.listedUrl()).isEqualTo(outcome.promisedUrl());
        assertThat(direct(ExportFlow.Client.TEA_V3).call("DescribeExportImageStatus", Map.of("ImageId", image))
                .path("ImageExportStatus").asText()).isEqualTo("Exported");
    }

    @Test
    void temporaryCallersAreServedThroughTheProxy() throws Exception {
        JsonNode sts = new Admin(proxy.baseUri(), ADMIN).post("/sts", "{\"accountId\":\"1000000000000001\",\"durationSeconds\":600}").json();
        ExportFlow temporary = new ExportFlow(ExportFlow.Client.TEA_V3, hostPort(proxy.baseUri()), false, new ExportFlow.Credentials(
                sts.path("accessKeyId").asText(), sts.path("accessKeySecret").asText(), sts.path("securityToken").asText()));

        assertThat(temporary.call("DescribeExportImageInfo", Map.of()).path("TotalCount").asInt()).isEqualTo(UPSTREAM_IMAGES);
        assertThat(new ExportFlow(ExportFlow.Client.TEA_V3, hostPort(proxy.baseUri()), false, new ExportFlow.Credentials(
                sts.path("accessKeyId").asText(), sts.path("accessKeySecret").asText(), null)).code("DescribeExportImageInfo", Map.of()))
                .as("the caller's own credentials are judged by the proxy").isEqualTo("MissingSecurityToken");
    }

    @Test
    void anHttpsUpstreamIsReachedWithTheCertificateGiven() throws Exception {
        ExportFlow overHttps = new ExportFlow(ExportFlow.Client.TEA_V3, hostPort(httpsProxy.baseUri()), false,
                new ExportFlow.Credentials(DEV_KEY, DEV_SECRET, null));

        assertThat(wholeListing(overHttps)).isEqualTo(wholeListing(direct(ExportFlow.Client.TEA_V3)));
    }

    @Test
    void theUpstreamsErrorsComeBackAsItAnswered() throws Exception {
        ExportFlow flow = throughProxy(ExportFlow.Client.TEA_V3);

        assertThat(flow.code("DescribeExportImageInfo", Map.of("PageSize", "51"))).isEqualTo("InvalidParameter.PageSize");
        assertThat(flow.code("ExportImage", Map.of("ImageId", "m-dev0001", "OSSBucket", "b-1", "OSSRegionId", "cn-beijing")))
                .as("the development account's image is not the upstream account's").isEqualTo("InvalidImageId.NotFound");
        assertThat(new ExportFlow(ExportFlow.Client.TEA_V3, hostPort(proxy.baseUri()), false,
                new ExportFlow.Credentials(DEV_KEY, "not-the-secret", null)).code("DescribeExportImageInfo", Map.of()))
                .as("a caller's bad signature is refused by the proxy itself").isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void aCleanUpstreamShowsNoViolationAndNoSecretLeaves() throws Exception {
        throughProxy(ExportFlow.Client.JAVA_CORE_V1).call("DescribeExportImageInfo", Map.of("ImageName", "上游镜像-é", "Format", "XML"));
        throughProxy(ExportFlow.Client.TEA_V2).call("DescribeExportImageInfo", Map.of());
        Admin admin = new Admin(proxy.baseUri(), ADMIN);

        JsonNode violations = admin.get("/violations").json();
        assertThat(violations.path("proxying").asBoolean()).isTrue();
        assertThat(violations.path("exchanges").asLong()).isPositive();
        assertThat(violations.path("violations").asLong()).as("%s", violations).isZero();
        String everything = admin.get("/journal?limit=1000").body() + admin.get("/metrics").body() + violations + proxy.stderr();
        assertThat(everything).doesNotContain(UPSTREAM_STS_SECRET, UPSTREAM_TOKEN, UPSTREAM_SECRET);
        assertThat(new Admin(upstream.baseUri(), ADMIN).get("/violations").json().path("proxying").asBoolean()).isFalse();
    }

    @Test
    void theRecordedSeedReplaysTheUpstreamsAnswers() throws Exception {
        JsonNode seen = wholeListing(throughProxy(ExportFlow.Client.TEA_V3));
        Path recorded = dir.resolve("recorded.json");
        assertThat(recorded).exists();

        try (PackagedServer replay = PackagedServer.start(List.of(), "--port", "0", "--no-admin", "--seed", recorded.toString())) {
            ExportFlow fromReplay = new ExportFlow(ExportFlow.Client.TEA_V3, hostPort(replay.baseUri()), false,
                    new ExportFlow.Credentials(DEV_KEY, DEV_SECRET, null));
            assertThat(wholeListing(fromReplay)).isEqualTo(seen);
        }
        assertThat(Files.readString(recorded)).contains(DEV_KEY).doesNotContain(UPSTREAM_STS_KEY, UPSTREAM_STS_SECRET, UPSTREAM_TOKEN);
    }

    @Test
    void ensemuRecordListsTheAccountWholeAndTheSeedReplays() throws Exception {
        Path recorded = dir.resolve("ensemu-record.json");
        PackagedServer.Finished record = PackagedServer.run(Map.of("ENSEMU_RECORD_KEY_SECRET", UPSTREAM_SECRET), "record",
                "--endpoint", upstream.httpsUri().toString(), "--key-id", UPSTREAM_KEY, "--trust-cert", upstream.certificate().toString(),
                "--output", recorded.toString());

        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.out()).contains("recorded " + UPSTREAM_IMAGES + " images").doesNotContain(UPSTREAM_SECRET);
        try (PackagedServer replay = PackagedServer.start(List.of(), "--port", "0", "--no-admin", "--seed", recorded.toString())) {
            ExportFlow fromReplay = new ExportFlow(ExportFlow.Client.JAVA_CORE_V3, hostPort(replay.baseUri()), false,
                    new ExportFlow.Credentials(DEV_KEY, DEV_SECRET, null));
            assertThat(wholeListing(fromReplay)).isEqualTo(wholeListing(direct(ExportFlow.Client.JAVA_CORE_V3)));
        }
    }

    @Test
    void ensemuRecordRefusesBadInputInOneLine() throws Exception {
        PackagedServer.Finished noKey = PackagedServer.run(Map.of(), "record", "--endpoint", upstream.baseUri().toString(),
                "--output", dir.resolve("x.json").toString());
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err().strip()).isEqualTo("ensemu record: --key-id is required (see --help)");

        PackagedServer.Finished wrongKey = PackagedServer.run(Map.of(), "record", "--endpoint", upstream.baseUri().toString(),
                "--key-id", UPSTREAM_KEY, "--key-secret", "wrong", "--output", dir.resolve("y.json").toString());
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("SignatureDoesNotMatch");
        assertThat(dir.resolve("y.json")).doesNotExist();
    }

    @Test
    void aSlowOrKilledUpstreamIsServiceUnavailableWithinTheTimeout() throws Exception {
        try (PackagedServer doomed = PackagedServer.start(List.of(), "--port", "0", "--admin-token", ADMIN);
                PackagedServer front = PackagedServer.start(List.of(), "--port", "0", "--admin-token", ADMIN, "--upstream",
                        doomed.baseUri().toString(), "--upstream-key-id", DEV_KEY, "--upstream-key-secret", DEV_SECRET,
                        "--upstream-timeout", "1500ms")) {
            ExportFlow flow = new ExportFlow(ExportFlow.Client.TEA_V3, hostPort(front.baseUri()), false,
                    new ExportFlow.Credentials(DEV_KEY, DEV_SECRET, null));
            assertThat(new Admin(doomed.baseUri(), ADMIN).post("/faults", "{\"latencyMillis\":8000,\"probability\":1}").status()).isEqualTo(201);

            long started = System.nanoTime();
            assertThat(flow.code("DescribeExportImageInfo", Map.of())).isEqualTo("ServiceUnavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("slow").isBetween(Duration.ofMillis(1400), Duration.ofMillis(4000));

            CompletableFuture<String> midCall = CompletableFuture.supplyAsync(() -> {
                try {
                    return flow.code("DescribeExportImageInfo", Map.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(400);
            doomed.kill();
            assertThat(midCall.get(10, TimeUnit.SECONDS)).as("killed mid-call").isEqualTo("ServiceUnavailable");

            started = System.nanoTime();
            assertThat(flow.code("DescribeExportImageStatus", Map.of("ImageId", "m-dev0001"))).as("gone").isEqualTo("ServiceUnavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
            assertThat(new Admin(front.baseUri(), ADMIN).get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void anUpstreamThatDoesNotSpeakEnsIsAViolationAndA502() throws Exception {
        HttpServer plainText = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        plainText.createContext("/", exchange -> {
            byte[] body = "hello, not ENS".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        plainText.start();
        try (ServerSocket garbage = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answerGarbage(garbage), "garbage-upstream");
            answering.setDaemon(true);
            answering.start();
            Path report = dir.resolve("violations");
            for (URI upstreamUri : List.of(URI.create("http://127.0.0.1:" + plainText.getAddress().getPort() + "/"),
                    URI.create("http://127.0.0.1:" + garbage.getLocalPort() + "/"))) {
                try (PackagedServer front = PackagedServer.start(List.of(), "--port", "0", "--admin-token", ADMIN, "--upstream",
                        upstreamUri.toString(), "--upstream-key-id", UPSTREAM_KEY, "--upstream-key-secret", UPSTREAM_SECRET,
                        "--violations-report", report.toString())) {
                    ExportFlow flow = new ExportFlow(ExportFlow.Client.JAVA_CORE_V1, hostPort(front.baseUri()), false,
                            new ExportFlow.Credentials(DEV_KEY, DEV_SECRET, null));
                    assertThat(flow.code("DescribeExportImageInfo", Map.of())).isEqualTo("ServiceUnavailable");
                    JsonNode violations = new Admin(front.baseUri(), ADMIN).get("/violations").json();
                    assertThat(violations.path("byCheck").path(0).path("check").asText()).as("%s", violations).isEqualTo("XCH-01");
                    front.terminate();
                    assertThat(front.exitCode(20)).isZero();
                    JsonNode written = JSON.readTree(report.resolve("violations-report.json").toFile());
                    assertThat(written.path("suite").asText()).isEqualTo("ensemu-proxy");
                    assertThat(Files.readString(report.resolve("TEST-violations-rules.xml"))).contains("R-ANS-13");
                    try (Stream<Path> files = Files.list(report)) {
                        for (Path file : files.toList()) {
                            assertThat(Files.readString(file)).doesNotContain(UPSTREAM_SECRET);
                        }
                    }
                    assertThat(front.stderr()).doesNotContain(UPSTREAM_SECRET);
                }
            }
        } finally {
            plainText.stop(0);
        }
    }

    /** Reads a request and answers bytes that are not HTTP, then closes: what a wrong port might do. */
    private static void answerGarbage(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.getInputStream().read(new byte[8192]);
                socket.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }
}
