package dev.ensemu.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.support.PackagedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user runs it: flags, the ready line, one-line errors, SIGTERM. */
class MainIT {
    @TempDir
    Path dir;

    private static PackagedServer.Finished run(String... args) throws Exception {
        return PackagedServer.run(Map.of(), args);
    }

    @Test
    void helpListsEveryFlag() throws Exception {
        PackagedServer.Finished help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--host", "--port", "--seed", "--auth", "--version", "ENSEMU_PORT");
    }

    @Test
    void versionComesFromTheBuild() throws Exception {
        PackagedServer.Finished version = run("--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out().strip()).matches("ensemu \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void badFlagIsOneLineAndExitCodeTwo() throws Exception {
        PackagedServer.Finished bad = run("--port", "eighty");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("ensemu: --port must be a whole number from 0 to 65535, not \"eighty\"");
    }

    @Test
    void brokenSeedStopsStartUpNamingFileAndField() throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"accounts\": [{\"id\": \"a\", \"accessKeys\": [], \"images\": [{\"ImageId\": 5}]}]}");

        PackagedServer.Finished broken = run("--port", "0", "--seed", seed.toString());

        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err().strip().lines()).hasSize(1);
        assertThat(broken.err()).contains(seed.toString(), "accounts[0].images[0].ImageId");
    }

    @Test
    void badLogFormatIsOneLineAndExitCodeTwo() throws Exception {
        PackagedServer.Finished bad = run("--log-format", "xml");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("ensemu: --log-format must be text or json, not \"xml\"");
    }

    @Test
    void jsonAccessLogGoesToStandardErrorOneObjectPerRequest() throws Exception {
        // To a file: destroy() closes the pipes, and the lines are read after the process ends.
        try (PackagedServer server = PackagedServer.start(List.of(), "--port", "0", "--auth", "anonymous", "--log-format", "json")) {
            URI base = server.baseUri();
            HttpResponse<String> ok = get(base, "?Action=DescribeExportImageInfo&Version=2017-11-10");
            HttpResponse<String> refused = get(base, "?Action=DescribeExportImageInfo&Version=2017-11-10&PageSize=51");

            server.terminate(); // SIGTERM: the queued lines are written before the process ends
            assertThat(server.exitCode(20)).isZero();
            List<JsonNode> access = new ArrayList<>();
            for (String line : server.stderr().strip().split("\n")) {
                JsonNode object = new ObjectMapper().readTree(line); // every line is one JSON object
                if (object.path("logger").asText().equals("ensemu.access")) {
                    access.add(object);
                }
            }
            assertThat(access).hasSize(2);
            assertThat(access.get(0).path("requestId").asText()).isEqualTo(ok.headers().firstValue("x-acs-request-id").orElseThrow());
            assertThat(access.get(0).path("status").asInt()).isEqualTo(200);
            assertThat(access.get(1).path("requestId").asText())
                    .isEqualTo(refused.headers().firstValue("x-acs-request-id").orElseThrow());
            assertThat(access.get(1).path("code").asText()).isEqualTo("InvalidParameter.PageSize");
            assertThat(access.get(1).path("latencyMillis").isNumber()).isTrue();
        }
    }

    @Test
    void levelWarnHidesTheAccessLog() throws Exception {
        try (PackagedServer server = PackagedServer.start(List.of(), "--port", "0", "--auth", "anonymous", "--log-level", "warn")) {
            assertThat(get(server.baseUri(), "?Action=DescribeExportImageInfo&Version=2017-11-10").statusCode()).isEqualTo(200);
            server.terminate();
            assertThat(server.exitCode(20)).isZero();
            assertThat(server.stderr()).doesNotContain("DescribeExportImageInfo");
        }
    }

    private static HttpResponse<String> get(URI base, String query) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsPrintsItsAddressServesAndStopsCleanlyOnSigterm() throws Exception {
        try (PackagedServer server = PackagedServer.start(List.of(), "--port", "0", "--auth", "anonymous")) {
            assertThat(server.readyLines().get(0)).matches("ensemu \\S+ listening on http://127\\.0\\.0\\.1:\\d+/ \\(auth anonymous\\)");
            assertThat(server.readyLines().get(1)).matches("control plane: http://\\S+/_emulator/ \\(Authorization: Bearer [0-9a-f]{32}\\)");

            assertThat(get(server.baseUri(), "?Action=DescribeExportImageInfo&Version=2017-11-10").statusCode()).isEqualTo(200);

            server.terminate();
            assertThat(server.exitCode(20)).isZero();
        }
    }

    @Test
    void theReadmesOptionsFileMapsTheBuildsArchiveAndChoosesTheSerialCollectorAndC1() throws Exception {
        // -Xshare:on refuses to start if the archive named in the file cannot be used.
        try (PackagedServer server = PackagedServer.start(List.of("@target/ensemu.args", "-Xshare:on", "-Xlog:gc=info:stdout",
                        "-XX:+PrintFlagsFinal"),
                "--port", "0", "--auth", "anonymous", "--no-admin")) {
            assertThat(server.readyLines()).anyMatch(line -> line.contains("Using Serial"));
            assertThat(server.readyLines()).anyMatch(line -> line.matches("\\s*intx TieredStopAtLevel\\s+= 1 .*"));
            assertThat(get(server.baseUri(), "?Action=DescribeExportImageInfo&Version=2017-11-10").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void healthCheckSaysUpForARunningServerAndFailsOtherwise() throws Exception {
        try (PackagedServer server = PackagedServer.start(List.of(), "--port", "0", "--host", "0.0.0.0")) {
            String port = String.valueOf(server.baseUri().getPort());
            PackagedServer.Finished up = PackagedServer.run(Map.of("ENSEMU_HOST", "0.0.0.0"), "--health-check", "--port", port);
            assertThat(up.exitCode()).as(up.out()).isZero();
            assertThat(up.out().strip()).matches("ensemu: http://127\\.0\\.0\\.1:" + port + "/_emulator/health is UP \\(memory, up \\d+ s\\)");
        }
        try (PackagedServer server = PackagedServer.start(List.of(), "--port", "0", "--no-admin")) {
            PackagedServer.Finished off = run("--health-check", "--port", String.valueOf(server.baseUri().getPort()));
            assertThat(off.exitCode()).isEqualTo(1);
            assertThat(off.out()).contains("the control plane is off");
        }
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PackagedServer.Finished down = run("--health-check", "--port", String.valueOf(closed));
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.out().strip().lines()).singleElement().asString().contains("does not answer");
    }
}
