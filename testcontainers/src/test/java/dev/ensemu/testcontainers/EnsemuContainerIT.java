package dev.ensemu.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyuncs.CommonResponse;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The official Java SDK against the freshly built image through EnsemuContainer, as a user's test would run it. */
@Testcontainers
class EnsemuContainerIT {
    private static final String IMAGE = System.getProperty("ensemu.image", "localhost/ensemu:latest");
    private static final String DEV_ACCOUNT = "1000000000000001";

    @Container
    static final EnsemuContainer ens = new EnsemuContainer(IMAGE).withHttps().withExportDuration(java.time.Duration.ofMillis(500));

    @AfterEach
    void backToTheSeed() {
        ens.reset();
    }

    private static JsonNode json(CommonResponse response) throws Exception {
        return new ObjectMapper().readTree(response.getData());
    }

    @ParameterizedTest
    @EnumSource(value = MethodType.class, names = {"GET", "POST"})
    void theOfficialSdkReadsTheDevAccountsImagesOverHttp(MethodType method) throws Exception {
        CommonResponse response = EnsCalls.describeExportImageInfo(ens, ProtocolType.HTTP, method, "PageSize", "5");

        assertThat(response.getHttpStatus()).isEqualTo(200);
        JsonNode page = json(response);
        assertThat(page.path("PageSize").asInt()).isEqualTo(5);
        assertThat(page.path("Images").path("Image")).hasSize(5);
        assertThat(page.path("TotalCount").asInt()).isGreaterThan(5);
    }

    @Test
    void theExportFlowRunsThroughTheOfficialSdkAndEndsWithThePromisedUrl() throws Exception {
        String url = json(EnsCalls.call(ens, "ExportImage", "ImageId", "m-dev0004", "OSSBucket", "container-exports",
                "OSSRegionId", "cn-beijing", "OSSPrefix", "tc/")).path("ExportedImageURL").asText();
        assertThat(url).isEqualTo("https://container-exports.oss-cn-beijing.aliyuncs.com/tc/m-dev0004.qcow2");

        String status = "Exporting";
        for (int polls = 0; polls < 100 && status.equals("Exporting"); polls++) {
            Thread.sleep(50);
            status = json(EnsCalls.call(ens, "DescribeExportImageStatus", "ImageId", "m-dev0004")).path("ImageExportStatus").asText();
        }
        assertThat(status).isEqualTo("Exported");
        assertThat(json(EnsCalls.call(ens, "DescribeExportImageInfo", "ImageId", "m-dev0004")).at("/Images/Image/0/ExportedImageURL").asText())
                .isEqualTo(url);
    }

    @Test
    void theOfficialSdkTrustsTheContainersCertificateOverHttps() throws Exception {
        CommonResponse response = EnsCalls.describeExportImageInfo(ens, ProtocolType.HTTPS, MethodType.POST, "PageSize", "2");

        assertThat(response.getHttpStatus()).isEqualTo(200);
        assertThat(json(response).path("Images").path("Image")).hasSize(2);
        assertThat(ens.httpsEndpoint().getScheme()).isEqualTo("https");
    }

    @Test
    void theCertificateIsTrustedOnlyThroughTheContainersTrustStore() {
        HttpRequest health = HttpRequest.newBuilder(ens.httpsEndpoint().resolve("/_emulator/health")).build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aJavaHttpClientWithTheSslContextReachesTheHttpsHealthPage() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ens.sslContext()).build();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(ens.httpsEndpoint().resolve("/_emulator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void aWrongSecretGetsEnsCodeThroughTheSdk() {
        assertThatThrownBy(() -> EnsCalls.describeExportImageInfo(ens.endpoint(), ens.accessKeyId(), "not-the-secret",
                Optional.empty(), MethodType.GET))
                .isInstanceOfSatisfying(ClientException.class,
                        e -> assertThat(e.getErrCode()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void anImageAddedThroughTheControlPlaneIsGoneAfterReset() throws Exception {
        assertThat(EnsCalls.control(ens, "POST", "/_emulator/accounts/" + DEV_ACCOUNT + "/images", EnsCalls.image("m-addedbyit")).statusCode())
                .isEqualTo(201);
        assertThat(json(EnsCalls.describeExportImageInfo(ens, ProtocolType.HTTP, MethodType.GET, "ImageId", "m-addedbyit"))
                .path("TotalCount").asInt()).isEqualTo(1);

        ens.reset();

        assertThat(json(EnsCalls.describeExportImageInfo(ens, ProtocolType.HTTP, MethodType.GET, "ImageId", "m-addedbyit"))
                .path("TotalCount").asInt()).isZero();
    }

    @Test
    void resetWithAnotherTokenIsRefused() {
        try (EnsemuContainer other = new EnsemuContainer(IMAGE).withAdminToken("right-token")) {
            other.start();
            assertThat(other.adminToken()).isEqualTo("right-token");
            other.reset();
            other.withAdminToken("wrong-token");
            assertThatThrownBy(other::reset).isInstanceOf(IllegalStateException.class).hasMessageContaining("401");
        }
    }

    @Test
    void aYamlSeedServesItsOwnKeyAndImages(@TempDir Path dir) throws Exception {
        Path seed = dir.resolve("team.yaml");
        Files.writeString(seed, """
                accounts:
                  - id: "1234567890123456"
                    accessKeys:
                      - id: LTAITeamOldKey000001
                        secret: TeamOldSecret0000000001
                        status: Inactive
                      - id: LTAITeamKey000000001
                        secret: TeamSecret00000000001
                    images:
                      - ImageId: m-team0001
                        ImageName: team-image
                        CreationTime: "2025-03-01T00:00:00Z"
                        Architecture: x86_64
                        Platform: ubuntu
                        ImageOwnerAlias: self
                        ImageExportStatus: Unexported
                """);
        try (EnsemuContainer team = new EnsemuContainer(IMAGE).withSeed(seed)) {
            team.start();

            assertThat(team.accessKeyId()).isEqualTo("LTAITeamKey000000001");
            JsonNode page = json(EnsCalls.describeExportImageInfo(team, ProtocolType.HTTP, MethodType.GET));
            assertThat(page.path("TotalCount").asInt()).isEqualTo(1);
            assertThat(page.path("Images").path("Image").path(0).path("ImageId").asText()).isEqualTo("m-team0001");
            assertThatThrownBy(() -> EnsCalls.describeExportImageInfo(team.endpoint(), EnsemuContainer.DEV_ACCESS_KEY_ID,
                    EnsemuContainer.DEV_ACCESS_KEY_SECRET, Optional.empty(), MethodType.GET))
                    .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.getErrCode()).isEqualTo("InvalidAccessKeyId.NotFound"));
        }
    }

    @Test
    void aSeedWithoutAnActiveKeyIsRefusedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path seed = dir.resolve("none.json");
        Files.writeString(seed, "{\"accounts\":[{\"id\":\"1234567890123456\",\"accessKeys\":[]}]}");

        assertThatThrownBy(() -> new EnsemuContainer(IMAGE).withSeed(seed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no active long-term key");
    }

    @Test
    void anonymousAuthServesUnsignedRequestsAsTheFirstAccount() throws Exception {
        try (EnsemuContainer open = new EnsemuContainer(IMAGE).withAuth(EnsemuContainer.Auth.ANONYMOUS)) {
            open.start();
            URI unsigned = open.endpoint().resolve("/?Action=DescribeExportImageInfo&Version=2017-11-10&PageSize=1");

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(unsigned).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(answer.body()).path("Images").path("Image")).hasSize(1);
        }
    }

    @Test
    void theHttpsAccessorsSayWhenHttpsIsOff() {
        try (EnsemuContainer plain = new EnsemuContainer(IMAGE)) {
            plain.start();
            assertThatThrownBy(plain::httpsEndpoint).isInstanceOf(IllegalStateException.class).hasMessageContaining("withHttps()");
            assertThatThrownBy(plain::trustStore).isInstanceOf(IllegalStateException.class).hasMessageContaining("withHttps()");
        }
    }

    @Test
    void theJvmRunsC1OnlyBesideTheUsersOptionsUnlessAskedForTheFullJit() {
        try (EnsemuContainer shortLived = new EnsemuContainer(IMAGE).withEnv("JAVA_TOOL_OPTIONS", "-Xmx96m");
                EnsemuContainer forLoad = new EnsemuContainer(IMAGE).withFullJit()) {
            shortLived.start();
            forLoad.start();
            // The JVM's own echo of the options it was started with.
            assertThat(shortLived.getLogs()).contains("Picked up JAVA_TOOL_OPTIONS: -XX:TieredStopAtLevel=1 -Xmx96m");
            assertThat(forLoad.getLogs()).contains("Picked up JAVA_TOOL_OPTIONS: -XX:TieredStopAtLevel=4");
        }
    }
}
