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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the programs built on the five stock clients generated from the document (no hook, a signer
 * per language) against real servers: one in anonymous mode, one on its defaults (signatures
 * verified, replay protection on) with the development key and with a wrong secret. Every line they
 * print is compared with what plain HTTP GETs to the same server answer, read with a JSON tree (no
 * generated or server code computes an expected value).
 */
class GeneratedClientsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_ID = "LTAIEnsemuDevAccess01";
    private static final String SECRET = "EnsemuDevSecretDoNotUseInProduction01";
    private static final String NAME = "边缘节点镜像-é";
    private static final List<String> LABELS = List.of("default page", "page 2 of 5", "ImageName=" + NAME, "PageSize 51",
            "export m-dev0001", "export m-nothing");
    private static EnsEmulator anonymous;
    private static EnsEmulator verifying;
    private static List<String> pages;

    /** A program on a generated client, run with an endpoint and an optional key. */
    enum Language {
        JAVA("java/") {
            @Override
            List<String> run(URI endpoint, String... key) throws Exception {
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                    JavaClientExample.run(endpoint, key.length == 0 ? null : new AcsSigner(key[0], key[1]), out);
                }
                return printed.toString(StandardCharsets.UTF_8).lines().toList();
            }
        },
        KOTLIN("kotlin/") {
            @Override
            List<String> run(URI endpoint, String... key) {
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                    KotlinClientExample.run(endpoint.toString(), key.length == 0 ? null : new AcsSigningInterceptor(key[0], key[1]), out);
                }
                return printed.toString(StandardCharsets.UTF_8).lines().toList();
            }
        },
        TYPESCRIPT("typescript/") {
            @Override
            List<String> run(URI endpoint, String... key) throws Exception {
                Path program = Path.of(System.getProperty("ensemu.typescript.dir", "target/typescript"), "dist", "example.js");
                return process(program.getParent(), List.of("node", program.toString()), endpoint, key);
            }
        },
        GO("go/") {
            @Override
            List<String> run(URI endpoint, String... key) throws Exception {
                Path program = Path.of(System.getProperty("ensemu.go.dir", "target/go"), "example", "example");
                return process(program.getParent(), List.of(program.toString()), endpoint, key);
            }
        },
        PYTHON("python/") {
            @Override
            List<String> run(URI endpoint, String... key) throws Exception {
                Path directory = Path.of(System.getProperty("ensemu.python.dir", "target/python"));
                return process(directory, List.of("/usr/bin/python3", "example.py"), endpoint, key);
            }
        };

        final String prefix;

        Language(String prefix) {
            this.prefix = prefix;
        }

        abstract List<String> run(URI endpoint, String... key) throws Exception;
    }

    @BeforeAll
    static void start() throws Exception {
        anonymous = EnsEmulator.start(EmulatorConfig.builder().port(0).auth(AuthMode.ANONYMOUS).admin(false)
                .exportDuration(Duration.ofMillis(300)).build());
        verifying = EnsEmulator.start(EmulatorConfig.builder().port(0).admin(false).exportDuration(Duration.ofMillis(300)).build());
        pages = List.of(
                line(LABELS.get(0), get("")),
                line(LABELS.get(1), get("&PageSize=5&PageNumber=2")),
                line(LABELS.get(2), get("&ImageName=" + URLEncoder.encode(NAME, StandardCharsets.UTF_8))),
                LABELS.get(3) + ": HTTP 400 Code=" + error(get("&PageSize=51", 400)));
    }

    @AfterAll
    static void stop() {
        anonymous.close();
        verifying.close();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void anonymousCallsAnswerAsPlainHttpDoes(Language language) throws Exception {
        assertThat(language.run(anonymous.baseUri())).containsExactlyElementsOf(expected(language));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void signedCallsPassAVerifyingServer(Language language) throws Exception {
        assertThat(language.run(verifying.baseUri(), KEY_ID, SECRET)).containsExactlyElementsOf(expected(language));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aWrongSecretSurfacesSignatureDoesNotMatchFromTheTypedError(Language language) throws Exception {
        assertThat(language.run(verifying.baseUri(), KEY_ID, SECRET + "x"))
                .containsExactlyElementsOf(LABELS.stream().map(label -> label + ": HTTP 400 Code=SignatureDoesNotMatch").toList());
    }

    /** The pages, then the export flow: the URL ENS's rule gives (bucket, region, prefix, ImageId), and the not-found error. */
    private static List<String> expected(Language language) {
        String url = "https://client-exports.oss-cn-beijing.aliyuncs.com/" + language.prefix + "m-dev0001.qcow2";
        List<String> lines = new ArrayList<>(pages);
        lines.add(LABELS.get(4) + ": Exported " + url + " listed " + url);
        lines.add(LABELS.get(5) + ": HTTP 404 Code=InvalidImageId.NotFound");
        return lines;
    }

    private static List<String> process(Path directory, List<String> command, URI endpoint, String... key) throws Exception {
        List<String> arguments = new ArrayList<>(command);
        arguments.add(endpoint.toString());
        arguments.addAll(List.of(key));
        assertThat(Path.of(command.get(command.size() - 1)).isAbsolute() ? Path.of(command.get(command.size() - 1))
                : directory.resolve(command.get(command.size() - 1))).as("built by the build").exists();
        Process process = new ProcessBuilder(arguments).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s exit code", command).isZero();
        return printed.lines().toList();
    }

    private static JsonNode get(String query) throws IOException, InterruptedException {
        return get(query, 200);
    }

    private static JsonNode get(String query, int status) throws IOException, InterruptedException {
        URI uri = anonymous.baseUri().resolve("/?Action=DescribeExportImageInfo&Version=2017-11-10" + query);
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(uri.toString()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    private static String error(JsonNode envelope) {
        return envelope.get("Code").asText();
    }

    private static String line(String label, JsonNode page) {
        List<String> images = new ArrayList<>();
        StreamSupport.stream(page.at("/Images/Image").spliterator(), false)
                .forEach(image -> images.add(image.get("ImageId").asText() + ":" + image.get("ImageExportStatus").asText()));
        return label + ": PageNumber=" + page.get("PageNumber").asInt() + " PageSize=" + page.get("PageSize").asInt()
                + " TotalCount=" + page.get("TotalCount").asInt() + " Images=" + String.join(",", images);
    }
}
