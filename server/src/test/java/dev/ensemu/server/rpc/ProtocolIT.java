package dev.ensemu.server.rpc;

import static dev.ensemu.server.support.Http.ACTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.RawHttp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RPC protocol as the official clients use it: placements, encodings, framing, formats. */
class ProtocolIT {
    @RegisterExtension
    static final InProcessServer emulator = InProcessServer.with(settings -> settings.auth(AuthMode.ANONYMOUS));
    private static Http http;

    @BeforeAll
    static void start() {
        http = new Http(emulator.baseUri());
    }

    /** The page without its RequestId, which differs per answer. */
    private static JsonNode page(Http.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        ObjectNode page = (ObjectNode) answer.json();
        page.remove("RequestId");
        return page;
    }

    /** Java's HttpClient offers {@code Upgrade: h2c} with its first request by default, POSTs included. */
    @Test
    void anHttp2UpgradeOfferIsIgnoredAndTheBodyReadAsUsual() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient(); // HTTP_2: sends the upgrade offer
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            java.net.http.HttpResponse<String> answer = client.send(java.net.http.HttpRequest.newBuilder(emulator.baseUri())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ACTION + "&PageSize=3")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
            assertThat(answer.body()).contains("\"PageSize\":3");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(2));
        }
    }

    @Test
    void defaultsArePageOneOfTen() {
        JsonNode page = page(http.get(ACTION));

        assertThat(page.path("PageNumber").asInt()).isEqualTo(1);
        assertThat(page.path("PageSize").asInt()).isEqualTo(10);
        assertThat(page.path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
        assertThat(page.path("Images").path("Image")).hasSize(10);
    }

    @Test
    void getPostAndSplitParametersGiveTheSamePage() {
        JsonNode get = page(http.get(ACTION + "&PageSize=3&PageNumber=2"));
        JsonNode post = page(http.postForm("", ACTION + "&PageSize=3&PageNumber=2"));
        JsonNode split = page(http.postForm(ACTION, "PageSize=3&PageNumber=2"));

        assertThat(post).isEqualTo(get);
        assertThat(split).isEqualTo(get);
        assertThat(get.path("Images").path("Image")).hasSize(3);
    }

    @Test
    void actionAndVersionMayComeOnlyAsHeaders() {
        Http.Answer answer = http.send(HttpRequest.newBuilder(http.uri("/", "PageSize=2"))
                .header("x-acs-action", "DescribeExportImageInfo")
                .header("x-acs-version", "2017-11-10")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(page(answer).path("Images").path("Image")).hasSize(2);
    }

    @Test
    void parameterWinsOverHeaderForAction() {
        Http.Answer answer = http.send(HttpRequest.newBuilder(http.uri("/", "Action=Nope&Version=2017-11-10"))
                .header("x-acs-action", "DescribeExportImageInfo").GET());

        assertThat(answer.status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a%20b*c%7Ed%2Be%2Ff", "a+b*c%7Ed%2Be%2Ff", "a%20b%2Ac~d%2Be%2Ff", "a%20b*c~d%2Be%2Ff"})
    void everyClientEncodingOfANameMatchesTheSameImages(String wireName) throws IOException {
        Http.Answer answer = http.get(ACTION + "&ImageName=" + wireName);

        assertThat(page(answer).path("TotalCount").asInt()).isZero();
        assertThat(answer.status()).isEqualTo(200);
        // and the non-ASCII name of the seed, percent-encoded as every client sends it
        JsonNode named = page(http.get(ACTION + "&ImageName=%E8%BE%B9%E7%BC%98%E8%8A%82%E7%82%B9%E9%95%9C%E5%83%8F-%C3%A9"));
        assertThat(named.path("TotalCount").asInt()).isEqualTo(2);
        assertThat(named.path("Images").path("Image").get(0).path("ImageName").asText()).isEqualTo("边缘节点镜像-é");
    }

    @Test
    void nonAsciiIsWrittenAsRawUtf8() {
        Http.Answer answer = http.get(ACTION + "&ImageName=%E8%BE%B9%E7%BC%98%E8%8A%82%E7%82%B9%E9%95%9C%E5%83%8F-%C3%A9");

        assertThat(answer.body()).contains("边缘节点镜像-é").doesNotContain("\\u");
    }

    @Test
    void emptyValuesActAsAbsentAndUnknownParametersAreIgnored() {
        JsonNode plain = page(http.get(ACTION));
        JsonNode withEmpties = page(http.get(ACTION + "&ImageId=&ImageName=&PageNumber=&PageSize=&Format=&Colour=blue&RegionId=cn-hangzhou"));

        assertThat(withEmpties).isEqualTo(plain);
    }

    @Test
    void successBodiesNeverCarryCode() {
        Http.Answer answer = http.get(ACTION);

        assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
        assertThat(answer.json().has("Code")).isFalse();
        assertThat(answer.json().path("RequestId").asText()).isEqualTo(answer.header("x-acs-request-id"));
    }

    @Test
    void unexportedImagesHaveAnEmptyUrlAndExportedOnesAUrl() {
        for (JsonNode image : page(http.get(ACTION + "&PageSize=50")).path("Images").path("Image")) {
            boolean exported = image.path("ImageExportStatus").asText().equals("Exported");
            assertThat(image.has("ExportedImageURL")).isTrue();
            assertThat(image.path("ExportedImageURL").asText().isEmpty()).as(image.toString()).isEqualTo(!exported);
            assertThat(image.path("CreationTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        }
    }

    @Test
    void pagePastTheEndIsEmptyWithTheTrueTotal() {
        JsonNode page = page(http.get(ACTION + "&PageNumber=2147483647&PageSize=50"));

        assertThat(page.path("Images").path("Image")).isEmpty();
        assertThat(page.path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
        assertThat(page.path("PageNumber").asInt()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void xmlAnswerHoldsTheSameDataAsJson() throws IOException {
        JsonNode json = page(http.get(ACTION + "&PageSize=4"));
        Http.Answer xml = http.get(ACTION + "&PageSize=4&Format=xml");

        assertThat(xml.header("Content-Type")).isEqualTo("text/xml;charset=utf-8");
        assertThat(xml.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeExportImageInfoResponse>");
        JsonNode parsed = new XmlMapper().readTree(xml.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(parsed.path("TotalCount").asText()).isEqualTo(json.path("TotalCount").asText());
        List<String> xmlIds = new ArrayList<>();
        parsed.path("Images").path("Image").forEach(i -> xmlIds.add(i.path("ImageId").asText()));
        List<String> jsonIds = new ArrayList<>();
        json.path("Images").path("Image").forEach(i -> jsonIds.add(i.path("ImageId").asText()));
        assertThat(xmlIds).isEqualTo(jsonIds).hasSize(4);
    }

    @Test
    void xmlListIsEmptyElementWhenNothingMatches() {
        Http.Answer xml = http.get(ACTION + "&Format=XML&ImageId=m-none");

        assertThat(xml.body()).contains("<Images/>", "<TotalCount>0</TotalCount>");
    }

    @Test
    void acceptHeaderDoesNotChooseTheFormat() {
        Http.Answer answer = http.send(HttpRequest.newBuilder(http.uri("/", ACTION)).header("Accept", "application/xml").GET());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
    }

    @Test
    void chunkedEmptyAndLengthlessPostsWorkOnOneKeepAliveConnection() throws IOException {
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            // okhttp (Java tea): every POST chunked, even an empty one
            RawHttp.Response chunkedEmpty = connection.exchange("POST /?PageSize=1 HTTP/1.1\r\nHost: x\r\n"
                    + "x-acs-action: DescribeExportImageInfo\r\nx-acs-version: 2017-11-10\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            // node openapi-client: a form body, chunked
            String form = "PageSize=2&PageNumber=1";
            RawHttp.Response chunkedForm = connection.exchange("POST /?" + ACTION + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(form.length()) + "\r\n" + form + "\r\n0\r\n\r\n");
            // Apache HttpClient (java-core): a POST with neither Content-Length nor Transfer-Encoding
            RawHttp.Response lengthless = connection.exchange("POST /?" + ACTION + "&PageSize=3 HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n\r\n");
            RawHttp.Response get = connection.exchange("GET /?" + ACTION + "&PageSize=4 HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(List.of(chunkedEmpty.status(), chunkedForm.status(), lengthless.status(), get.status()))
                    .containsOnly(200);
            assertThat(chunkedEmpty.body()).contains("\"PageSize\":1");
            assertThat(chunkedForm.body()).contains("\"PageSize\":2");
            assertThat(lengthless.body()).contains("\"PageSize\":3");
            assertThat(get.body()).contains("\"PageSize\":4");
        }
    }

    @Test
    void anHttp2UpgradeOfferIsServedAsPlainHttp11() throws Exception {
        // The JDK client's default: a GET offering "Upgrade: h2c". It must not hang or lose headers.
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build()
                .send(HttpRequest.newBuilder(http.uri("/", ACTION)).timeout(java.time.Duration.ofSeconds(5)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/json;charset=utf-8");
    }

    @Test
    void headAnswersWithoutABody() {
        Http.Answer answer = http.send(HttpRequest.newBuilder(http.uri("/", ACTION)).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.header("x-acs-request-id")).isNotNull();
    }
}
