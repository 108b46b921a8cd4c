package dev.ensemu.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.RawHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * 10,000 generated requests over the whole request space: known and random parameter names,
 * values of every kind (empty, blank, huge, negative, overflowing, unicode, broken escapes,
 * control characters), repeats, Action in parameter and header disagreeing, every method, odd
 * Content-Types and bodies, broken Authorization headers. Never a 5xx; every answer has a
 * Content-Type and is either a well-formed page or a well-formed ENS error; the server stays healthy.
 */
class RequestFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KNOWN = List.of("Action", "Version", "Format", "ImageId", "ImageName", "PageNumber",
            "PageSize", "RegionId", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp");
    private static final InProcessServer emulator = InProcessServer.with(settings -> settings.auth(AuthMode.ANONYMOUS).admin(false));

    @BeforeContainer
    static void start() {
        emulator.start();
    }

    @AfterContainer
    static void stop() {
        assertThat(new Http(emulator.baseUri()).get(Http.ACTION).status()).as("healthy after the fuzzing").isEqualTo(200);
        emulator.close();
    }

    /** One generated request, already as bytes on the wire. */
    record Fuzzed(String method, String target, Map<String, String> headers, String body, boolean chunked) {
        /** RFC 9110: a TRACE request carries no content, so a framed body breaks HTTP itself. */
        boolean violatesHttp() {
            return method.equals("TRACE") && (chunked || !body.isEmpty());
        }

        String wire() {
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (chunked) {
                request.append("Transfer-Encoding: chunked\r\n\r\n");
                int length = body.getBytes(StandardCharsets.UTF_8).length;
                request.append(length == 0 ? "" : Integer.toHexString(length) + "\r\n" + body + "\r\n").append("0\r\n\r\n");
            } else if (body.isEmpty()) {
                request.append("\r\n"); // neither length nor chunks, as Apache HttpClient sends an empty POST
            } else {
                request.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(body);
            }
            return request.toString();
        }
    }

    @Property(tries = 10_000, seed = "20261127")
    void neverA5xxAndAlwaysAWellFormedAnswer(@ForAll("requests") Fuzzed request) throws IOException {
        RawHttp.Response answer;
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            answer = connection.exchange(request.wire());
        }
        assertThat(answer.status()).as("%s", request).isLessThan(500);
        if (request.violatesHttp()) {
            // Refused by the HTTP layer before the application sees it, still with the ENS envelope.
            assertThat(answer.status()).as("%s", request).isBetween(400, 499);
        }
        String type = answer.header("Content-Type");
        assertThat(type).as("Content-Type of %s", request).isNotNull();
        if (request.method().equals("HEAD")) {
            return;
        }
        if (type.startsWith("application/json")) {
            JsonNode body = JSON.readTree(answer.body());
            if (answer.status() == 200) {
                assertThat(body.path("Images").path("Image").isArray()).as(answer.body()).isTrue();
                assertThat(body.path("TotalCount").isInt() && body.path("PageNumber").isInt() && body.path("PageSize").isInt()).isTrue();
                assertThat(body.has("Code")).isFalse();
            } else {
                assertThat(body.path("Code").asText()).as(answer.body()).isNotBlank();
                assertThat(body.path("Message").asText()).isNotBlank();
                assertThat(body.path("HostId").isTextual()).isTrue();
                assertThat(body.path("RequestId").asText()).isEqualTo(answer.header("x-acs-request-id"));
            }
        } else {
            assertThat(type).isEqualTo("text/xml;charset=utf-8");
            assertThat(answer.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                    .containsAnyOf("<DescribeExportImageInfoResponse>", "<Error>");
        }
    }

    @Provide
    Arbitrary<Fuzzed> requests() {
        Arbitrary<String> method = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("GET")), Tuple.of(6, Arbitraries.just("POST")),
                Tuple.of(1, Arbitraries.of("HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO")));
        Arbitrary<String> path = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just("/")),
                Tuple.of(1, Arbitraries.of("/x", "/v1/images", "//", "/%2e%2e/", "/?/")));
        Arbitrary<List<String>> query = pair().list().ofMaxSize(12);
        Arbitrary<List<String>> form = pair().list().ofMaxSize(8);
        Arbitrary<String> contentType = Arbitraries.of("", "application/x-www-form-urlencoded", "application/json", "text/plain",
                "a/b;;c", "application/x-www-form-urlencoded; charset=latin1", "multipart/form-data; boundary=x");
        Arbitrary<String> authorization = Arbitraries.of("", "", "", "Basic dGVzdA==", "ACS3-HMAC-SHA256", "ACS3-HMAC-SHA256 Credential=",
                "ACS3-HMAC-SHA256 Credential=LTAIEnsemuDevAccess01,SignedHeaders=x-acs-date,Signature=zz",
                "ACS3-HMAC-SHA256 Credential=x,,,=,SignedHeaders=;;;,Signature=", "Bearer \u00e9t\u00e9");
        Arbitrary<String> headerAction = Arbitraries.of("", "DescribeExportImageInfo", "DescribeImages", "\u955c\u50cf");
        Arbitrary<String> rawBody = Arbitraries.of("", "%%%&=&==&%zz", "\u0000\u0001binary", "PageSize=1&PageSize=2&PageSize=", "=".repeat(50));
        Arbitrary<Map<String, String>> headers = Combinators.combine(contentType, authorization, headerAction).as((type, auth, action) -> {
            Map<String, String> map = new java.util.LinkedHashMap<>();
            if (!type.isEmpty()) {
                map.put("Content-Type", type);
            }
            if (!auth.isEmpty()) {
                map.put("Authorization", URLEncoder.encode(auth, StandardCharsets.UTF_8).replace("+", " "));
            }
            if (!action.isEmpty()) {
                map.put("x-acs-action", URLEncoder.encode(action, StandardCharsets.UTF_8));
                map.put("x-acs-version", "2017-11-10");
            }
            return map;
        });
        return Combinators.combine(method, path, query, form, headers, rawBody, Arbitraries.of(true, false))
                .as((m, p, q, f, h, raw, chunked) -> {
                    String target = p + (q.isEmpty() ? "" : (p.contains("?") ? "&" : "?") + String.join("&", q));
                    return new Fuzzed(m, target, h, f.isEmpty() ? raw : String.join("&", f), chunked);
                });
    }

    /** {@code name=value} with the value percent-encoded, or one of the broken escapes left raw. */
    private Arbitrary<String> pair() {
        Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(KNOWN)),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("", " ", "  10 ", "0", "1", "-1", "10", "50", "51", "2147483647", "2147483648",
                        "-2147483649", "99999999999999999999", "1.5", "1e3", "abc", "DescribeExportImageInfo", "2017-11-10",
                        "JSON", "xml", "XML ", "HMAC-SHA1", "2026-11-27T00:00:00Z", "\u955c\u50cf-\u00e9", "\t\r\n")),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.integers().between(100, 3000).map("a"::repeat)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5)));
        Arbitrary<String> encoded = value.map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
        Arbitrary<String> broken = Arbitraries.of("%", "%zz", "%E4%B8", "%C3%28", "%ED%A0%80", "a%2", "%%41");
        return Combinators.combine(name, Arbitraries.frequencyOf(Tuple.of(9, encoded), Tuple.of(1, broken)))
                .as((n, v) -> URLEncoder.encode(n, StandardCharsets.UTF_8) + "=" + v);
    }
}
