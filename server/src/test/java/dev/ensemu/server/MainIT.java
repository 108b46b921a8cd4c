package dev.ensemu.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user runs it: flags, the ready line, one-line errors, SIGTERM. */
class MainIT {
    private static final Path JAR = Path.of("target", "ensemu-server.jar");

    @TempDir
    Path dir;

    private static Process launch(String... args) throws IOException {
        return launch(ProcessBuilder.Redirect.PIPE, args);
    }

    private static Process launch(ProcessBuilder.Redirect stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr);
        builder.environment().keySet().removeIf(k -> k.startsWith("ENSEMU_"));
        return builder.start();
    }

    private record Finished(int exitCode, String out, String err) {}

    private static Finished run(String... args) throws Exception {
        Process process = launch(args);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process ended").isTrue();
        return new Finished(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryFlag() throws Exception {
        Finished help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--host", "--port", "--seed", "--auth", "--version", "ENSEMU_PORT");
    }

    @Test
    void versionComesFromTheBuild() throws Exception {
        Finished version = run("--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out().strip()).matches("ensemu \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void badFlagIsOneLineAndExitCodeTwo() throws Exception {
        Finished bad = run("--port", "eighty");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("ensemu: --port must be a whole number from 0 to 65535, not \"eighty\"");
    }

    @Test
    void brokenSeedStopsStartUpNamingFileAndField() throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"accounts\": [{\"id\": \"a\", \"accessKeys\": [], \"images\": [{\"ImageId\": 5}]}]}");

        Finished broken = run("--port", "0", "--seed", seed.toString());

        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err().strip().lines()).hasSize(1);
        assertThat(broken.err()).contains(seed.toString(), "accounts[0].images[0].ImageId");
    }

    @Test
    void badLogFormatIsOneLineAndExitCodeTwo() throws Exception {
        Finished bad = run("--log-format", "xml");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("ensemu: --log-format must be text or json, not \"xml\"");
    }

    @Test
    void jsonAccessLogGoesToStandardErrorOneObjectPerRequest() throws Exception {
        // To a file: destroy() closes the pipes, and the lines are read after the process ends.
        Path stderr = dir.resolve("stderr.log");
        Process server = launch(ProcessBuilder.Redirect.to(stderr.toFile()), "--port", "0", "--auth", "anonymous", "--log-format", "json");
        try {
            URI base = awaitReady(server);
            HttpResponse<String> ok = get(base, "?Action=DescribeExportImageInfo&Version=2017-11-10");
            HttpResponse<String> refused = get(base, "?Action=DescribeExportImageInfo&Version=2017-11-10&PageSize=51");

            server.destroy(); // SIGTERM: the queued lines are written before the process ends
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            List<JsonNode> access = new ArrayList<>();
            for (String line : Files.readString(stderr).strip().split("\n")) {
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
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void levelWarnHidesTheAccessLog() throws Exception {
        Path stderr = dir.resolve("stderr.log");
        Process server = launch(ProcessBuilder.Redirect.to(stderr.toFile()), "--port", "0", "--auth", "anonymous", "--log-level", "warn");
        try {
            URI base = awaitReady(server);
            assertThat(get(base, "?Action=DescribeExportImageInfo&Version=2017-11-10").statusCode()).isEqualTo(200);
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(stderr)).doesNotContain("DescribeExportImageInfo");
        } finally {
            server.destroyForcibly();
        }
    }

    private static URI awaitReady(Process server) throws IOException {
        String ready = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher address = Pattern.compile("listening on (http://\\S+)").matcher(ready == null ? "" : ready);
        assertThat(address.find()).as(ready).isTrue();
        return URI.create(address.group(1));
    }

    private static HttpResponse<String> get(URI base, String query) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsPrintsItsAddressServesAndStopsCleanlyOnSigterm() throws Exception {
        Process server = launch("--port", "0", "--auth", "anonymous");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            Matcher address = Pattern.compile("listening on (http://\\S+)").matcher(ready == null ? "" : ready);
            assertThat(address.find()).as(ready).isTrue();
            assertThat(out.readLine()).matches("control plane: http://\\S+/_emulator/ \\(Authorization: Bearer [0-9a-f]{32}\\)");

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(address.group(1) + "?Action=DescribeExportImageInfo&Version=2017-11-10")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);

            server.destroy(); // SIGTERM
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isIn(0, 143);
        } finally {
            server.destroyForcibly();
        }
    }
}
