package dev.ensemu.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.EmulatorConfig;
import dev.ensemu.server.EnsEmulator;
import dev.ensemu.server.auth.AuthMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the programs built on the generated Java and TypeScript clients against a real server in
 * anonymous mode, and compares each line they print with what plain HTTP calls to the same server
 * answer (read with a JSON tree, not with any generated or server code).
 */
class GeneratedClientsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EnsEmulator server;
    private static List<String> expected;

    @BeforeAll
    static void start() throws Exception {
        server = EnsEmulator.start(EmulatorConfig.builder().port(0).auth(AuthMode.ANONYMOUS).admin(false)
                .exportDuration(java.time.Duration.ofMillis(300)).build());
        JsonNode first = get("");
        String name = first.at("/Images/Image/0/ImageName").asText();
        expected = List.of(
                line("default page", first),
                line("page 2 of 5", get("&PageSize=5&PageNumber=2")),
                line("ImageName=" + name, get("&ImageName=" + URLEncoder.encode(name, StandardCharsets.UTF_8))),
                "PageSize 51: HTTP 400 Code=InvalidParameter.PageSize");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void javaNativeClientPagesFiltersAndSurfacesTheErrorCode() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            JavaClientExample.run(server.baseUri(), out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactlyElementsOf(withFlow("java/"));
    }

    @Test
    void typescriptFetchClientPagesFiltersAndSurfacesTheErrorCode() throws Exception {
        Path program = Path.of(System.getProperty("ensemu.typescript.dir", "target/typescript"), "dist", "example.js");
        assertThat(program).as("compiled by the build (npm ci, tsc)").exists();
        Process node = new ProcessBuilder("node", program.toString(), server.baseUri().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String printed = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(node.exitValue()).isZero();
        assertThat(printed.lines()).containsExactlyElementsOf(withFlow("typescript/"));
    }

    /** The pages, then the export flow's lines: the URL ENS's rule gives (bucket, region, prefix, ImageId), and the not-found error. */
    private static List<String> withFlow(String prefix) {
        String url = "https://client-exports.oss-cn-beijing.aliyuncs.com/" + prefix + "m-dev0001.qcow2";
        List<String> lines = new ArrayList<>(expected);
        lines.add("export m-dev0001: Exported " + url + " listed " + url);
        lines.add("export m-nothing: HTTP 404 Code=InvalidImageId.NotFound");
        return lines;
    }

    private static JsonNode get(String query) throws IOException, InterruptedException {
        URI uri = server.baseUri().resolve("/?Action=DescribeExportImageInfo&Version=2017-11-10" + query);
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(uri.toString()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static String line(String label, JsonNode page) {
        List<String> images = new ArrayList<>();
        StreamSupport.stream(page.at("/Images/Image").spliterator(), false)
                .forEach(image -> images.add(image.get("ImageId").asText() + ":" + image.get("ImageExportStatus").asText()));
        return label + ": PageNumber=" + page.get("PageNumber").asInt() + " PageSize=" + page.get("PageSize").asInt()
                + " TotalCount=" + page.get("TotalCount").asInt() + " Images=" + String.join(",", images);
    }
}
