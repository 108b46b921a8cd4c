package dev.ensemu.server.rpc;

import static dev.ensemu.server.support.Http.ACTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.RawHttp;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The envelope and parameter rows of the error table, over real sockets (signature rows: AuthenticationIT). */
class ErrorAnswersIT {
    private static final String UUID_UPPER = "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}";
    @RegisterExtension
    static final InProcessServer emulator = InProcessServer.with(settings -> settings.auth(AuthMode.ANONYMOUS));
    private static Http http;

    @BeforeAll
    static void start() {
        http = new Http(emulator.baseUri());
    }

    private static void assertError(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
        JsonNode body = answer.json();
        assertThat(body.path("Code").asText()).isEqualTo(code);
        assertThat(body.path("Message").asText()).isNotBlank();
        assertThat(body.path("HostId").asText()).isNotBlank();
        assertThat(body.path("Recommend").asText()).contains(code);
        assertThat(body.path("RequestId").asText()).matches(UUID_UPPER).isEqualTo(answer.header("x-acs-request-id"));
    }

    @Test
    void anErrorAnswerKeepsTheConnectionForTheNextRequest() throws java.io.IOException {
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            RawHttp.Response bad = connection.exchange("GET /?" + ACTION + "&PageSize=500 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("\"Code\":\"InvalidParameter.PageSize\"");
            assertThat(bad.header("Connection")).isNull();
            RawHttp.Response formBad = connection.exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 62\r\n\r\n" + ACTION + "&PageNumber=0");
            assertThat(formBad.body()).contains("\"Code\":\"InvalidParameter.PageNumber\"");
            RawHttp.Response good = connection.exchange("GET /?" + ACTION + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(good.status()).isEqualTo(200);
            assertThat(good.body()).contains("\"TotalCount\"");
        }
    }

    @Test
    void aMalformedRequestLineIsAnEnvelopeAndClosesTheConnection() throws java.io.IOException {
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            RawHttp.Response answer = connection.exchange("GET /?" + ACTION + "&ImageName=a b HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
            assertThat(answer.body()).contains("\"Code\":\"BadRequest\"", answer.header("x-acs-request-id"));
            assertThat(answer.header("Connection")).isEqualTo("close");
            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    @Test
    void missingActionNamesIt() {
        Http.Answer answer = http.get("Version=2017-11-10");
        assertError(answer, 400, "MissingParameter");
        assertThat(answer.json().path("Message").asText()).contains("Action");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Action=DescribeImages&Version=2017-11-10", "Action=describeexportimageinfo&Version=2017-11-10"})
    void unknownActionIsNotFound(String query) {
        assertError(http.get(query), 404, "InvalidAction.NotFound");
    }

    @Test
    void pathOtherThanRootIsNotFound() {
        assertError(http.send(HttpRequest.newBuilder(http.uri("/v1/images", ACTION)).GET()), 404, "InvalidAction.NotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS"})
    void methodsOtherThanGetAndPostAreNotFound(String method) {
        assertError(http.send(HttpRequest.newBuilder(http.uri("/", ACTION)).method(method, HttpRequest.BodyPublishers.noBody())),
                404, "InvalidAction.NotFound");
    }

    @Test
    void missingVersionNamesIt() {
        Http.Answer answer = http.get("Action=DescribeExportImageInfo");
        assertError(answer, 400, "MissingParameter");
        assertThat(answer.json().path("Message").asText()).contains("Version");
    }

    @Test
    void otherVersionIsInvalid() {
        assertError(http.get("Action=DescribeExportImageInfo&Version=2014-05-26"), 400, "InvalidVersion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"YAML", "JSONX", "x"})
    void unknownFormatIsInvalid(String format) {
        assertError(http.get(ACTION + "&Format=" + format), 400, "InvalidParameter.Format");
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "PageSize|0|InvalidParameter.PageSize",
        "PageSize|51|InvalidParameter.PageSize",
        "PageSize|-1|InvalidParameter.PageSize",
        "PageSize|abc|InvalidParameter.PageSize",
        "PageSize|1.5|InvalidParameter.PageSize",
        "PageSize|2147483648|InvalidParameter.PageSize",
        "PageSize|%2010|InvalidParameter.PageSize",
        "PageSize|10%20|InvalidParameter.PageSize",
        "PageSize|1e1|InvalidParameter.PageSize",
        "PageNumber|0|InvalidParameter.PageNumber",
        "PageNumber|-1|InvalidParameter.PageNumber",
        "PageNumber|x|InvalidParameter.PageNumber",
        "PageNumber|2147483648|InvalidParameter.PageNumber",
        "PageNumber|99999999999999999999|InvalidParameter.PageNumber"
    })
    void badPagingValuesAreRejectedNeverClamped(String name, String value, String code) {
        assertError(http.get(ACTION + "&" + name + "=" + value), 400, code);
    }

    @Test
    void badPagingValuesInAFormBodyAreRejectedToo() {
        assertError(http.postForm("", ACTION + "&PageSize=abc"), 400, "InvalidParameter.PageSize");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ImageId", "ImageName"})
    void overLongFiltersAreInvalid(String name) {
        assertError(http.get(ACTION + "&" + name + "=" + "x".repeat(129)), 400, "InvalidParameter." + name);
    }

    @Test
    void malformedPercentEscapeIsInvalid() {
        assertError(http.get(ACTION + "&ImageName=%E4%B8"), 400, "InvalidParameter.ImageName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%zz", "a%2", "%E4%B8"})
    void escapesTheUriCannotHoldAreStillNamedInvalidParameters(String escape) throws java.io.IOException {
        // Raw bytes: URI-checking clients refuse to send these, real ones sometimes do.
        try (dev.ensemu.server.support.RawHttp connection = new dev.ensemu.server.support.RawHttp(emulator.baseUri())) {
            dev.ensemu.server.support.RawHttp.Response answer = connection.exchange(
                    "GET /?" + ACTION + "&ImageName=" + escape + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
            assertThat(answer.body()).contains("\"Code\":\"InvalidParameter.ImageName\"");
        }
    }

    @Test
    void errorsAreXmlWhenXmlWasAskedFor() {
        Http.Answer answer = http.get(ACTION + "&Format=XML&PageSize=51");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("text/xml;charset=utf-8");
        assertThat(answer.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>")
                .contains("<Code>InvalidParameter.PageSize</Code>", "<RequestId>" + answer.header("x-acs-request-id") + "</RequestId>")
                .contains("<HostId>", "<Message>");
    }

    @Test
    void everyErrorAnswerCarriesContentTypeAndRequestId() {
        for (String query : List.of("", "Action=x", ACTION + "&PageSize=0", ACTION + "&Format=bad")) {
            Http.Answer answer = http.get(query);
            assertThat(answer.header("Content-Type")).as(query).isNotNull();
            assertThat(answer.header("x-acs-request-id")).as(query).matches(UUID_UPPER);
        }
    }

    @Test
    void oversizedBodyIsRefusedClearly() {
        String huge = "ImageName=" + "a".repeat(dev.ensemu.server.Limits.DEFAULTS.maxBodyBytes());
        assertError(http.postForm(ACTION, huge), 400, "InvalidParameter");
    }
}
