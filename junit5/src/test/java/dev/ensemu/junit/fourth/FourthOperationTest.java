package dev.ensemu.junit.fourth;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.Client;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ensemu.junit.EnsEmulatorExtension;
import dev.ensemu.junit.fourth.api.CountImagesByNameApi;
import dev.ensemu.junit.fourth.api.model.CountImagesByNameRequest;
import dev.ensemu.junit.fourth.api.model.CountImagesByNameResponse;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.journal.JournalEntry;
import dev.ensemu.server.rpc.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe of docs/architecture.md tried for real: a fourth ENS operation made of its section of
 * the document (src/test/resources/openapi/fourth-operation.yaml, generated like the real ones) and
 * one handler, served beside the three with nothing else written for it. It is served, permitted
 * for the development account (ens:*) and refused to the read-only one (ens:Describe*), journaled,
 * labelled in metrics, answered in XML, its parameters validated from its section, and covered by
 * the conformance suite's generated checks (GEN-07, GEN-08) run against it from the merged document.
 */
class FourthOperationTest {
    private static final String ACTION = "CountImagesByName";
    private static final String FRAGMENT_REF = "../../../../../api/src/main/resources/openapi/ens-2017-11-10.yaml#";

    @RegisterExtension
    static final EnsEmulatorExtension ens = EnsEmulatorExtension.create()
            .configure(c -> c.auth(AuthMode.ANONYMOUS).operation(state -> Operation.of(ACTION, CountImagesByNameApi.class,
                    CountImagesByNameRequest.class, CountImagesByNameResponse.class, new CountImagesByNameHandler(state))));

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(ens.baseUri().resolve("/?Action=" + ACTION + "&Version=2017-11-10&" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itIsServedValidatedJournaledLabelledAndAnsweredInXml() throws Exception {
        HttpResponse<String> json = get("ImageName=centos-7.9-web");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(json.body()).path("TotalCount").asInt()).isPositive();

        HttpResponse<String> xml = get("ImageName=centos-7.9-web&Format=XML");
        assertThat(xml.headers().firstValue("Content-Type")).hasValue("text/xml;charset=utf-8");
        assertThat(xml.body()).startsWith("<?xml").contains("<CountImagesByNameResponse><TotalCount>");

        // Its section's limits: required, at most 128 characters.
        assertThat(get("").body()).contains("\"Code\":\"MissingParameter\"");
        assertThat(get("ImageName=" + "n".repeat(129)).body()).contains("\"Code\":\"InvalidParameter.ImageName\"");

        List<JournalEntry> journal = ens.emulator().application().journal().recent(Optional.empty(), Optional.empty(), 10);
        assertThat(journal).extracting(JournalEntry::action).contains(Optional.of(ACTION));
        String metrics = http.send(HttpRequest.newBuilder(ens.baseUri().resolve("/_emulator/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("ensemu_requests_total{action=\"" + ACTION + "\",code=\"Success\"}",
                "ensemu_requests_total{action=\"" + ACTION + "\",code=\"InvalidParameter.ImageName\"}");
    }

    @Test
    void theOfficialSdkCallsItWithTheDevelopmentKeyAndTheReadOnlyKeyIsRefused() throws Exception {
        Map<?, ?> body = (Map<?, ?>) call("LTAIEnsemuDevAccess01", "EnsemuDevSecretDoNotUseInProduction01").get("body");
        assertThat(((Number) body.get("TotalCount")).intValue()).isPositive();

        TeaException refused = org.junit.jupiter.api.Assertions.assertThrows(TeaException.class,
                () -> call("LTAIEnsemuReadOnly01", "EnsemuReadOnlySecretDoNotUseInProduction01"));
        assertThat(refused.getCode()).isEqualTo("NoPermission");
    }

    private Map<String, ?> call(String keyId, String secret) throws Exception {
        Client client = new Client(new Config().setEndpoint(ens.endpoint()).setProtocol("HTTP").setAccessKeyId(keyId).setAccessKeySecret(secret));
        Params params = new Params().setAction(ACTION).setVersion("2017-11-10").setProtocol("HTTPS").setPathname("/").setMethod("POST")
                .setAuthType("AK").setStyle("RPC").setReqBodyType("formData").setBodyType("json");
        return client.callApi(params, new OpenApiRequest().setQuery(Map.of("ImageName", "centos-7.9-web")), new RuntimeOptions());
    }

    @Test
    void theConformanceSuiteCoversItFromTheMergedDocument() throws Exception {
        Path suite = Path.of(System.getProperty("ensemu.conformance.jar", "../conformance-tests/target/ensemu-conformance.jar"));
        assertThat(suite).as("the conformance suite's jar (built by the conformance-tests module before this one)").isRegularFile();
        Path document = dir.resolve("ens-with-a-fourth-operation.yaml");
        new YAMLMapper().writeValue(document.toFile(), merged());
        Path reports = dir.resolve("reports");

        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", suite.toString(),
                "--endpoint", "http://" + ens.endpoint() + "/", "--access-key-id", "LTAIEnsemuDevAccess01",
                "--access-key-secret", "EnsemuDevSecretDoNotUseInProduction01",
                "--limited-key-id", "LTAIEnsemuReadOnly01", "--limited-key-secret", "EnsemuReadOnlySecretDoNotUseInProduction01",
                "--limited-key-operations", "DescribeExportImageInfo,DescribeExportImageStatus",
                "--document", document.toString(), "--operations", "all", "--generated", "200",
                "--checks", "GEN-0[78]|PERM-01|SCH-01", "--report-dir", reports.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("suite.log").toFile()).start();
        assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("the suite finished").isTrue();
        String log = Files.readString(dir.resolve("suite.log"));
        assertThat(run.exitValue()).as(log).isZero();

        JsonNode report = new ObjectMapper().readTree(reports.resolve("conformance-report.json").toFile());
        assertThat(report.path("operations").findValuesAsText("action")).contains(ACTION);
        for (JsonNode check : report.path("checks")) {
            assertThat(check.path("result").asText()).as("%s %s", check.path("id").asText(), check.path("details"))
                    .isEqualTo("pass");
        }
        assertThat(report.path("checks").findValuesAsText("id")).containsExactlyInAnyOrder("GEN-07", "GEN-08", "PERM-01", "SCH-01");
    }

    /** ENS's document with the fourth operation's section in it, its references to ENS's made local. */
    private static ObjectNode merged() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode ens;
        try (InputStream in = FourthOperationTest.class.getResourceAsStream("/openapi/ens-2017-11-10.yaml")) {
            ens = (ObjectNode) yaml.readTree(in);
        }
        String fragmentText;
        try (InputStream in = FourthOperationTest.class.getResourceAsStream("/openapi/fourth-operation.yaml")) {
            fragmentText = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace(FRAGMENT_REF, "#");
        }
        JsonNode fragment = yaml.readTree(fragmentText);
        ((ObjectNode) ens.path("paths")).setAll((ObjectNode) fragment.path("paths"));
        ((ObjectNode) ens.path("components").path("schemas")).setAll((ObjectNode) fragment.path("components").path("schemas"));
        return ens;
    }
}
