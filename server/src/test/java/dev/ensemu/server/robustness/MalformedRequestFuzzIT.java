package dev.ensemu.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.Limits;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * 10,000 broken request heads on raw sockets: characters that may not be in a target (space, CR,
 * LF, NUL, tab, other controls), missing, unknown and misspelt versions, absolute-form targets,
 * lower-case and garbage methods, oversize request lines and header blocks, too many headers,
 * header lines without a colon or with control characters, bare LF line ends, conflicting
 * lengths. No answer is a 5xx; every answer with a body has a Content-Type and an ENS envelope
 * that parses; a broken request line is exactly {@code 400 BadRequest}; the server stays healthy.
 */
class MalformedRequestFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");
    private static final String ACTION = "Action=DescribeExportImageInfo&Version=2017-11-10";
    private static final int MAX_HEADER_BYTES = 4096;
    private static final InProcessServer emulator = InProcessServer.with(settings -> settings.auth(AuthMode.ANONYMOUS).admin(false).limits(Limits.builder().maxHeaderBytes(MAX_HEADER_BYTES).build()));

    @BeforeContainer
    static void start() {
        emulator.start();
    }

    @AfterContainer
    static void stop() {
        assertThat(new Http(emulator.baseUri()).get(ACTION).status()).as("healthy after the fuzzing").isEqualTo(200);
        emulator.close();
    }

    /** What was broken, the bytes sent, and whether the request line itself is malformed (then exactly 400 BadRequest). */
    record Broken(String kind, byte[] wire, boolean badRequestLine) {
        @Override
        public String toString() {
            return kind + ": " + new String(wire, 0, Math.min(wire.length, 300), StandardCharsets.ISO_8859_1)
                    .replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
        }
    }

    @Property(tries = 10_000, seed = "20261129")
    void everyAnswerToABrokenHeadIsAProperOne(@ForAll("brokenHeads") Broken request) throws IOException {
        String answer = exchange(request.wire());
        if (answer.isEmpty()) {
            assertThat(request.badRequestLine()).as("a broken request line is answered: %s", request).isFalse();
            return; // the server closed without a word: allowed only for heads it cannot even frame
        }
        Matcher status = STATUS.matcher(answer);
        assertThat(status.find()).as("status line of the answer to %s: %s", request, answer).isTrue();
        int code = Integer.parseInt(status.group(1));
        assertThat(code).as("%s", request).isLessThan(500);
        int headEnd = answer.indexOf("\r\n\r\n");
        String head = answer.substring(0, headEnd).toLowerCase(Locale.ROOT);
        String body = answer.substring(headEnd + 4);
        if (!body.isEmpty()) {
            assertThat(head).as("answer to %s", request).contains("\r\ncontent-type: application/json;charset=utf-8");
            JsonNode envelope = JSON.readTree(body);
            if (code >= 400) {
                assertThat(envelope.path("Code").asText()).as(body).isNotBlank();
                assertThat(envelope.path("RequestId").asText()).as(body).matches("[0-9A-F-]{36}");
            }
        }
        if (request.badRequestLine()) {
            assertThat(code).as("%s -> %s", request, answer).isEqualTo(400);
            assertThat(body).contains("\"Code\":\"BadRequest\"");
        }
    }

    /** Sends the bytes, half-closes, and reads whatever comes back until the server closes. */
    private static String exchange(byte[] wire) throws IOException {
        try (Socket socket = new Socket(emulator.baseUri().getHost(), emulator.baseUri().getPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(wire);
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer and no close within 15 s", e);
            } catch (IOException reset) {
                // a reset after the answer: what was read counts
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Provide
    Arbitrary<Broken> brokenHeads() {
        return Arbitraries.oneOf(badTargets(), badVersions(), absoluteTargets(), badMethods(), oversize(), badHeaderBlocks(), garbage());
    }

    private static Arbitrary<String> query() {
        return Arbitraries.of(ACTION, ACTION + "&PageSize=5", ACTION + "&ImageName=a%20b", "Action=Other", "");
    }

    private static String head(String line, String headers) {
        return line + "\r\nHost: fuzz\r\n" + headers + "\r\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A character no target may hold, put anywhere in it. */
    private Arbitrary<Broken> badTargets() {
        Arbitrary<Character> bad = Arbitraries.oneOf(Arbitraries.of(' ', '\r', '\n', '\0', '\t', '\u007f'),
                Arbitraries.chars().range('\u0001', '\u001f'));
        return Combinators.combine(query(), bad, Arbitraries.integers().between(1, 200), Arbitraries.of("GET", "POST"))
                .as((query, c, at, method) -> {
                    String target = "/?" + query;
                    int position = Math.min(at, target.length());
                    String broken = target.substring(0, position) + c + target.substring(position);
                    // A space or tab at the end only doubles the separator, which parsers may accept (RFC 9112 3.0).
                    boolean doubledSeparator = position == target.length() && (c == ' ' || c == '\t');
                    return new Broken("character " + (int) c + " in the target", bytes(head(method + " " + broken + " HTTP/1.1", "")),
                            !doubledSeparator);
                });
    }

    private Arbitrary<Broken> badVersions() {
        Arbitrary<String> version = Arbitraries.oneOf(
                Arbitraries.of("", " ", "HTTP/9.9", "HTTP/2.0", "HTTP/1.2", "http/1.1", "HTTP/1", "HTTP/1.1x", "HTTP/0.9", "HTTPS/1.1",
                        "HTTP/1.1 extra", "HTTP/ 1.1"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12));
        return Combinators.combine(query(), version, Arbitraries.of("GET", "POST"))
                .as((query, v, method) -> {
                    String line = v.isEmpty() ? method + " /?" + query : method + " /?" + query + " " + v;
                    boolean valid = v.equals("HTTP/1.1") || v.equals("HTTP/1.0");
                    return new Broken("version '" + v + "'", bytes(head(line, "")), !valid);
                });
    }

    private Arbitrary<Broken> absoluteTargets() {
        return Combinators.combine(query(), Arbitraries.of("http://", "https://", "HTTP://", "ftp://"), Arbitraries.of("fuzz", "127.0.0.1:80", ""))
                .as((query, scheme, host) -> new Broken("absolute-form target",
                        bytes(head("GET " + scheme + host + "/?" + query + " HTTP/1.1", "")), true));
    }

    private Arbitrary<Broken> badMethods() {
        Arbitrary<String> method = Arbitraries.oneOf(Arbitraries.of("get", "Get", "post", "pOST", "GET\u0000", "G=T", "GE(T"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10),
                Arbitraries.strings().withCharRange('!', '@').ofMinLength(1).ofMaxLength(6));
        return Combinators.combine(query(), method).as((query, m) ->
                new Broken("method '" + m + "'", bytes(head(m + " /?" + query + " HTTP/1.1", "")), true));
    }

    private Arbitrary<Broken> oversize() {
        return Arbitraries.integers().between(0, 2).flatMap(kind -> Arbitraries.integers().between(MAX_HEADER_BYTES, 3 * MAX_HEADER_BYTES)
                .map(size -> switch (kind) {
                    case 0 -> new Broken("oversize request line", bytes(head("GET /?" + ACTION + "&ImageName=" + "a".repeat(size) + " HTTP/1.1", "")),
                            false);
                    case 1 -> new Broken("oversize header", bytes(head("GET /?" + ACTION + " HTTP/1.1", "X-Big: " + "b".repeat(size) + "\r\n")),
                            false);
                    default -> new Broken("too many headers", bytes(head("GET /?" + ACTION + " HTTP/1.1",
                            "X-Many: v\r\n".repeat(100 + size % 200))), false);
                }));
    }

    private Arbitrary<Broken> badHeaderBlocks() {
        Arbitrary<String> header = Arbitraries.of("NoColonHere\r\n", "Bad Name: v\r\n", " folded: v\r\n", "X-Nul: a\u0000b\r\n",
                ": empty-name\r\n", "Content-Length: 5\r\nContent-Length: 6\r\n", "Content-Length: -1\r\n", "Content-Length: abc\r\n",
                "Transfer-Encoding: gzip, chunked, foo\r\n", "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "X-Ctl: \u0001\u0002\r\n",
                "Host: second\r\n", "X-Bare-LF: v\nX-Other: w\r\n", "Expect: 100-continue-ish\r\n", "Content-Type: \u00ff\u00fe\r\n");
        return Combinators.combine(query(), header, Arbitraries.of("GET", "POST"))
                .as((query, h, method) -> new Broken("header block", bytes(head(method + " /?" + query + " HTTP/1.1", h)), false));
    }

    private Arbitrary<Broken> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200)
                .map(junk -> {
                    byte[] wire = new byte[junk.length + 4];
                    System.arraycopy(junk, 0, wire, 0, junk.length);
                    System.arraycopy(bytes("\r\n\r\n"), 0, wire, junk.length, 4);
                    return new Broken("random bytes", wire, false);
                });
    }
}
