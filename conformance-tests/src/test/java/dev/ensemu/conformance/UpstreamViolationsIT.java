package dev.ensemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.conformance.client.Call;
import dev.ensemu.conformance.client.EnsClient;
import dev.ensemu.conformance.endpoint.LocalServer;
import dev.ensemu.contract.exchange.ExchangeCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ensemu as a proxy in front of defective upstreams: an ensemu behind a {@link DefectProxy}, a second
 * ensemu process forwarding to it with {@code --upstream}. The same calls go through for each defect
 * a single exchange can show, and the proxy must flag it with the check (and the kit's rules) it
 * breaks, while a clean upstream yields no violation at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamViolationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of(System.getProperty("ensemu.server.jar"));
    private LocalServer upstream;

    /** What an application might send in a day: listings, filters, XML, the export flow, mistakes. */
    private static List<Call> traffic() {
        return List.of(
            Call.get(),
            Call.get().query("PageSize", 5).query("PageNumber", 2),
            Call.get().query("PageSize", 51),
            Call.get().query("ImageId", "m-dev0001"),
            Call.get().query("ImageId", "m-dev000"),
            Call.get().query("ImageId", "dev000"),
            Call.get().query("ImageId", "M-DEV0001"),
            Call.get().query("ImageId", " m-dev0001 "),
            Call.get().query("ImageName", "边缘节点镜像-é"),
            Call.get().query("Format", "XML"),
            Call.post().action("ExportImage").form("ImageId", "m-dev0004").form("OSSBucket", "my-exports").form("OSSRegionId", "cn-beijing")
                    .form("OSSPrefix", "proxied/"),
            Call.post().action("DescribeExportImageStatus").form("ImageId", "m-dev0004"),
            Call.post().action("ExportImage").form("ImageId", "m-dev0008").form("OSSBucket", "my-exports").form("OSSRegionId", "cn-beijing")
                    .form("Format", "XML"),
            Call.post().action("ExportImage").form("ImageId", "m-dev0012").form("OSSRegionId", "cn-beijing"),
            Call.post().action("DescribeExportImageStatus"));
    }

    @BeforeAll
    void start() {
        upstream = LocalServer.start(JAR);
        Defect.readCatalogFrom(upstream);
    }

    @AfterAll
    void stop() {
        upstream.close();
    }

    static Stream<Arguments> defects() {
        return Stream.of(
                Arguments.of(Defect.DEFAULT_PAGE_SIZE_IS_FIVE, ExchangeCheck.PAGE_ECHO),
                Arguments.of(Defect.PAGE_SIZE_51_ACCEPTED, ExchangeCheck.PAGE_LIMITS),
                Arguments.of(Defect.WRONG_ERROR_CODE, ExchangeCheck.PAGE_LIMITS),
                Arguments.of(Defect.SERVER_ERROR_FOR_BAD_PAGE_SIZE, ExchangeCheck.PAGE_LIMITS),
                Arguments.of(Defect.OFF_BY_ONE_SLICING, ExchangeCheck.PAGE_LENGTH),
                Arguments.of(Defect.TOTAL_COUNT_IS_PAGE_LENGTH, ExchangeCheck.PAGE_LENGTH),
                Arguments.of(Defect.NULL_INSTEAD_OF_EMPTY_URL, ExchangeCheck.EXPORT_URL),
                Arguments.of(Defect.EXPORTED_IMAGE_WITHOUT_URL, ExchangeCheck.EXPORT_URL),
                Arguments.of(Defect.MISSING_IMAGES_WRAPPER, ExchangeCheck.JSON_SHAPE),
                Arguments.of(Defect.TOTAL_COUNT_AS_STRING, ExchangeCheck.SCHEMA),
                Arguments.of(Defect.NO_CONTENT_TYPE, ExchangeCheck.JSON_SHAPE),
                Arguments.of(Defect.MISSING_REQUEST_ID_HEADER, ExchangeCheck.REQUEST_ID),
                Arguments.of(Defect.CODE_IN_SUCCESS_BODY, ExchangeCheck.NO_CODE_ON_SUCCESS),
                Arguments.of(Defect.WRONG_XML_ROOT, ExchangeCheck.XML_ROOT),
                Arguments.of(Defect.XML_IGNORED, ExchangeCheck.FORMAT),
                Arguments.of(Defect.JSON_UNICODE_ESCAPES, ExchangeCheck.RAW_UTF8),
                Arguments.of(Defect.FILTERS_MATCH_BY_PREFIX, ExchangeCheck.EXACT_FILTERS),
                Arguments.of(Defect.FILTERS_MATCH_BY_SUBSTRING, ExchangeCheck.EXACT_FILTERS),
                Arguments.of(Defect.FILTERS_IGNORE_CASE, ExchangeCheck.EXACT_FILTERS),
                Arguments.of(Defect.FILTERS_TRIM_SPACES, ExchangeCheck.EXACT_FILTERS),
                Arguments.of(Defect.EXPORT_WITHOUT_REQUIRED_PARAMETER_ACCEPTED, ExchangeCheck.REQUIRED_PARAMETERS),
                Arguments.of(Defect.EXPORT_MISSING_PARAMETER_IS_INVALID_PARAMETER, ExchangeCheck.REQUIRED_PARAMETERS),
                Arguments.of(Defect.STATUS_WITHOUT_IMAGE_ID_ANSWERED, ExchangeCheck.REQUIRED_PARAMETERS),
                Arguments.of(Defect.EXPORT_URL_WITHOUT_PREFIX, ExchangeCheck.EXPORT_ANSWER),
                Arguments.of(Defect.EXPORT_URL_OVER_HTTP, ExchangeCheck.EXPORT_ANSWER),
                Arguments.of(Defect.EXPORT_ANSWER_NAMES_THE_IMAGE, ExchangeCheck.EXPORT_ANSWER),
                Arguments.of(Defect.EXPORT_XML_ROOT_IS_RESPONSE, ExchangeCheck.XML_ROOT),
                Arguments.of(Defect.STATUS_WITHOUT_REQUEST_ID, ExchangeCheck.STATUS_ANSWER));
    }

    @Test
    void aCleanUpstreamYieldsNoViolation() throws Exception {
        JsonNode violations = throughProxy(Defect.NONE);
        assertThat(violations.path("exchanges").asLong()).isEqualTo(traffic().size());
        assertThat(violations.path("violations").asLong()).as("%s", violations).isZero();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("defects")
    void eachDefectIsFlaggedWithTheRuleItBreaks(Defect defect, ExchangeCheck expected) throws Exception {
        JsonNode violations = throughProxy(defect);
        List<String> flagged = new ArrayList<>();
        violations.path("byCheck").forEach(check -> flagged.add(check.path("check").asText()));
        assertThat(flagged).as("%s", violations).contains(expected.id());
        JsonNode flaggedCheck = Stream.of(toArray(violations.path("byCheck"))).filter(c -> c.path("check").asText().equals(expected.id()))
                .findFirst().orElseThrow();
        List<String> rules = new ArrayList<>();
        flaggedCheck.path("rules").forEach(rule -> rules.add(rule.asText()));
        assertThat(rules).isEqualTo(expected.rules());
        assertThat(violations.path("latest")).anySatisfy(v -> assertThat(v.path("check").asText()).isEqualTo(expected.id()));
    }

    private static JsonNode[] toArray(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.toArray(JsonNode[]::new);
    }

    /** Sends the traffic through a fresh proxy in front of the defect, and returns what the proxy found. */
    private JsonNode throughProxy(Defect defect) throws Exception {
        // The DefectProxy first: it lets the JDK's HTTP client send Host, which is read once, at the client's first use.
        try (DefectProxy defective = new DefectProxy(upstream.endpoint(), defect);
                LocalServer proxy = LocalServer.start(JAR, "--upstream", defective.endpoint().toString(),
                        "--upstream-key-id", LocalServer.DEV_KEY_ID, "--upstream-key-secret", LocalServer.DEV_SECRET)) {
            reset(upstream);
            EnsClient client = new EnsClient(proxy.target(Duration.ofSeconds(10)));
            for (Call call : traffic()) {
                try {
                    client.send(call);
                } catch (RuntimeException | AssertionError schemaViolation) {
                    // The suite's own schema check of the relayed answer: the proxy's verdict is what is tested here.
                }
            }
            return controlPlane(proxy, "GET", "/_emulator/violations?limit=1000");
        }
    }

    private static void reset(LocalServer server) throws Exception {
        controlPlane(server, "POST", "/_emulator/reset");
    }

    private static JsonNode controlPlane(LocalServer server, String method, String path) throws Exception {
        String token = server.target(Duration.ofSeconds(10)).adminToken().orElseThrow();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + path.substring(1)))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isBetween(200, 204);
        return answer.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }
}
