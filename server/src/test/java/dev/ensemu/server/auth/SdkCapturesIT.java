package dev.ensemu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.support.MutableClock;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.support.RawHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the 17 requests captured from four official clients, byte for byte (framing included),
 * against a server whose clock is set to each capture's moment. Each must pass once, be refused
 * as a replay the second time, and fail with SignatureDoesNotMatch when any signed part changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkCapturesIT {
    private final MutableClock clock = new MutableClock(Instant.EPOCH);
    @RegisterExtension
    final InProcessServer emulator = InProcessServer.with(settings -> settings.clock(clock).seed(resource("/captures-seed.json")));
    @RegisterExtension
    final InProcessServer emulatorWithOtherSecret = InProcessServer.with(settings -> settings.clock(clock)
            .seed(resource("/captures-seed-other-secret.json")));

    /** A captured request, editable for mutations. */
    record Capture(String variant, String scheme, Instant time, String method, String target,
            List<String[]> headers, String body, String framing) {

        byte[] toBytes() {
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            for (String[] header : headers) {
                String name = header[0].toLowerCase(Locale.ROOT);
                if (name.equals("content-length")) {
                    request.append(header[0]).append(": ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
                } else {
                    request.append(header[0]).append(": ").append(header[1]).append("\r\n");
                }
            }
            request.append("\r\n");
            if (framing.equals("chunked")) {
                int length = body.getBytes(StandardCharsets.UTF_8).length;
                request.append(length == 0 ? "" : Integer.toHexString(length) + "\r\n" + body + "\r\n").append("0\r\n\r\n");
            } else {
                request.append(body);
            }
            return request.toString().getBytes(StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        Capture withHeader(String name, UnaryOperator<String> change) {
            List<String[]> changed = new ArrayList<>();
            for (String[] h : headers) {
                changed.add(h[0].equalsIgnoreCase(name) ? new String[] {h[0], change.apply(h[1])} : h);
            }
            return new Capture(variant, scheme, time, method, target, changed, body, framing);
        }

        Capture withQuery(String newQuery) {
            return new Capture(variant, scheme, time, method, path() + "?" + newQuery, headers, body, framing);
        }

        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        Capture withBody(String newBody) {
            return new Capture(variant, scheme, time, method, target, headers, newBody, framing);
        }

        String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        @Override
        public String toString() {
            return variant;
        }
    }

    /** One change to a captured request and the Code it must produce. */
    record Mutation(String what, Capture request, String expectedCode) {}

    static Stream<Capture> captures() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Capture> captures = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                SdkCapturesIT.class.getResourceAsStream("/sdk-captures.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode node = mapper.readTree(line);
                List<String[]> headers = new ArrayList<>();
                node.get("headers").forEach(h -> headers.add(new String[] {h.get(0).asText(), h.get(1).asText()}));
                captures.add(new Capture(node.get("client_variant").asText(), node.get("verify").get("scheme").asText(),
                        Instant.parse(node.get("time").asText()), node.get("method").asText(), node.get("target").asText(),
                        headers, node.get("body").asText(), node.get("body_framing").asText()));
            }
        }
        assertThat(captures).hasSize(17);
        return captures.stream();
    }

    private static Path resource(String name) {
        try {
            return Path.of(SdkCapturesIT.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void capturedRequestVerifiesOnceAndEveryChangeToASignedPartFails(Capture capture) throws IOException {
        clock.set(capture.time());
        List<Mutation> mutations = mutations(capture);
        assertThat(mutations).as("mutations of %s", capture).hasSizeGreaterThanOrEqualTo(4);
        for (Mutation mutation : mutations) {
            // A connection per request: Grizzly closes the connection after a 400.
            try (RawHttp connection = new RawHttp(emulator.baseUri())) {
                RawHttp.Response answer = connection.exchange(mutation.request().toBytes());
                assertThat(answer.status()).as(mutation.what()).isEqualTo(400);
                assertThat(answer.body()).as(mutation.what()).contains(mutation.expectedCode());
            }
        }
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            RawHttp.Response answer = connection.exchange(capture.toBytes());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).containsAnyOf("\"TotalCount\":2", "<TotalCount>2</TotalCount>");
            assertThat(answer.body()).contains("m-capture0001", "m-capture0002").doesNotContain("m-capture0003");

            RawHttp.Response replay = connection.exchange(capture.toBytes());
            assertThat(replay.status()).isEqualTo(400);
            assertThat(replay.body()).contains("SignatureNonceUsed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void capturedRequestFailsAgainstAnotherSecret(Capture capture) throws IOException {
        clock.set(capture.time());
        try (RawHttp connection = new RawHttp(emulatorWithOtherSecret.baseUri())) {
            RawHttp.Response answer = connection.exchange(capture.toBytes());
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("SignatureDoesNotMatch", "server string to sign is:")
                    .doesNotContain("testsecret");
        }
    }

    private static List<Mutation> mutations(Capture capture) {
        List<Mutation> mutations = new ArrayList<>();
        String mismatch = "SignatureDoesNotMatch";
        // Every parameter, in the query or the body, whose value can change and stay well-formed.
        mutations.addAll(parameterMutations(capture.query(), capture::withQuery, "query"));
        mutations.addAll(parameterMutations(capture.body(), capture::withBody, "body"));
        if (capture.scheme().equals("V3")) {
            if (!capture.body().isEmpty()) {
                mutations.add(new Mutation("body byte", capture.withBody(capture.body().replace("PageSize=10", "PageSize=20")),
                        mismatch));
            }
            String authorization = capture.header("Authorization");
            String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]*).*", "$1");
            for (String header : signedHeaders.split(";")) {
                UnaryOperator<String> change = switch (header) {
                    case "x-acs-date" -> v -> Instant.parse(v).plusSeconds(1).toString();
                    case "x-acs-action", "x-acs-version" -> null; // a changed name is refused before signatures
                    case "content-type" -> v -> v + "; charset=UTF-8";
                    default -> v -> v + "0";
                };
                if (change != null) {
                    mutations.add(new Mutation("header " + header, capture.withHeader(header, change), mismatch));
                }
            }
            mutations.add(new Mutation("signature", capture.withHeader("Authorization",
                    a -> a.replaceFirst("Signature=[0-9a-f]", "Signature=" + (a.contains("Signature=0") ? "1" : "0"))),
                    mismatch));
        }
        return mutations;
    }

    /** One mutation per parameter of a form-encoded text, the Signature itself included. */
    private static List<Mutation> parameterMutations(String formText, Function<String, Capture> replace, String where) {
        List<Mutation> mutations = new ArrayList<>();
        for (String piece : formText.split("&")) {
            int eq = piece.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = piece.substring(0, eq);
            String value = URLDecoder.decode(piece.substring(eq + 1), StandardCharsets.UTF_8);
            String changed = name.equals("Signature")
                    ? (value.startsWith("A") ? "B" : "A") + value.substring(1)
                    : changedValue(name, value);
            if (changed != null) {
                String changedPiece = name + "=" + URLEncoder.encode(changed, StandardCharsets.UTF_8);
                mutations.add(new Mutation(where + " " + name, replace.apply(formText.replace(piece, changedPiece)),
                        "SignatureDoesNotMatch"));
            }
        }
        return mutations;
    }

    /** A different but well-formed value, or null for parameters refused by other checks when changed. */
    private static String changedValue(String name, String value) {
        return switch (name) {
            case "Action", "Version", "AccessKeyId", "SignatureMethod", "SignatureVersion" -> null;
            case "Format" -> value.equals(value.toUpperCase(Locale.ROOT)) ? value.toLowerCase(Locale.ROOT) : value.toUpperCase(Locale.ROOT);
            case "Timestamp" -> Instant.parse(value).plusSeconds(1).toString();
            case "PageSize", "PageNumber" -> String.valueOf(Integer.parseInt(value) + 1);
            default -> value + "0";
        };
    }
}
