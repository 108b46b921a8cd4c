package dev.ensemu.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.EmulatorApplication;
import dev.ensemu.server.TlsConfig;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.journal.JournalEntry;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.support.MalformedFramings;
import dev.ensemu.server.support.MalformedFramings.Framing;
import dev.ensemu.server.support.RawHttp;
import dev.ensemu.server.support.TrustedTls;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request-smuggling table ({@link MalformedFramings}) on raw sockets against every listener:
 * each malformed framing gets its status and ENS envelope, the connection is closed, the canary
 * request behind it on the same connection is neither answered nor journaled, and the refusal is
 * journaled and counted exactly once. Well-formed pipelined requests are still served, in order.
 */
class RequestFramingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger CANARIES = new AtomicInteger();

    @RegisterExtension
    static final InProcessServer emulator = InProcessServer.with(settings -> settings.auth(AuthMode.ANONYMOUS)
            .adminToken("framing").tls(TlsConfig.selfSigned(0)));

    /** Where a malformed request goes: the RPC endpoint over HTTP and HTTPS, and a control-plane path. */
    private enum Listener {
        HTTP("/?Action=DescribeExportImageInfo&Version=2017-11-10"),
        HTTPS("/?Action=DescribeExportImageInfo&Version=2017-11-10"),
        CONTROL_PLANE("/_emulator/reset");

        final String target;

        Listener(String target) {
            this.target = target;
        }

        RawHttp open() throws Exception {
            URI base = this == HTTPS ? emulator.httpsUri().orElseThrow() : emulator.baseUri();
            return this == HTTPS ? new RawHttp(TrustedTls.trusting(emulator.tlsCertificate().orElseThrow()).getSocketFactory().createSocket(base.getHost(), base.getPort()))
                    : new RawHttp(base);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedFramingIsRefusedOnceAndClosesTheConnectionBeforeTheCanary() {
        assertThat(MalformedFramings.all()).hasSizeGreaterThanOrEqualTo(40);
        return Stream.of(Listener.values()).flatMap(listener -> MalformedFramings.all().stream()
                // Head rules do not depend on the path; a body is read only by the calls that take one.
                .filter(framing -> listener != Listener.CONTROL_PLANE || !framing.inBody())
                .map(framing -> dynamicTest(listener + ": " + framing, () -> assertRefused(listener, framing))));
    }

    private static void assertRefused(Listener listener, Framing framing) throws Exception {
        EmulatorApplication application = emulator.application();
        application.journal().clear();
        double countedBefore = counted(framing.code());
        String canary = "canary-" + CANARIES.incrementAndGet();
        List<RawHttp.Response> answers = new ArrayList<>();
        boolean closed;
        try (RawHttp connection = listener.open()) {
            connection.send(concat(framing.wire(listener.target, ""), MalformedFramings.canary(canary)));
            closed = connection.readUntilClosed(answers, 5_000);
        }
        assertThat(answers).as("answers on the connection (the canary must get none)").hasSize(1);
        RawHttp.Response answer = answers.get(0);
        assertThat(answer.status()).isEqualTo(framing.status());
        assertThat(answer.header("content-type")).isEqualTo("application/json;charset=utf-8");
        assertThat(JSON.readTree(answer.body()).path("Code").asText()).as(answer.body()).isEqualTo(framing.code());
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(closed).as("the server closed the connection").isTrue();

        List<JournalEntry> journal = application.journal().recent(Optional.empty(), Optional.empty(), 100);
        assertThat(journal).as("the refusal, once, and no canary").singleElement().satisfies(entry -> {
            assertThat(entry.requestId()).isEqualTo(answer.header("x-acs-request-id"));
            assertThat(entry.status()).isEqualTo(framing.status());
            assertThat(entry.code()).isEqualTo(framing.code());
        });
        assertThat(counted(framing.code()) - countedBefore).as("counted once in the metrics").isEqualTo(1.0);
    }

    @Test
    void pipelinedWellFormedRequestsAreEachServedOnceInOrderOnAConnectionThatStaysOpen() throws Exception {
        emulator.application().journal().clear();
        String rpc = "/?Action=DescribeExportImageInfo&Version=2017-11-10";
        String form = "Content-Type: application/x-www-form-urlencoded\r\n";
        String wire = "GET " + rpc + "&ImageId=first HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST " + rpc + " HTTP/1.1\r\nHost: a\r\n" + form + "Content-Length: 14\r\n\r\nImageId=second"
                // chunked with an extension and a trailer field, the coding named in odd case
                + "POST " + rpc + " HTTP/1.1\r\nHost: a\r\n" + form + "Transfer-Encoding: ChUnKeD\r\n\r\n"
                + "6;name=value\r\nImageI\r\n7\r\nd=third\r\n0\r\nX-Trailer: t\r\n\r\n"
                // empty list elements around the coding are ignored (RFC 9110 section 5.6.1)
                + "POST " + rpc + " HTTP/1.1\r\nHost: a\r\n" + form + "Transfer-Encoding: , chunked\r\n\r\n"
                + "E\r\nImageId=fourth\r\n0\r\n\r\n"
                + "GET " + rpc + "&ImageId=fifth HTTP/1.1\r\nHost: a\r\nX-Tab:\tvalue\twith tabs\r\n\r\n";
        List<RawHttp.Response> answers = new ArrayList<>();
        boolean closed;
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            connection.send(wire.getBytes(StandardCharsets.ISO_8859_1));
            closed = connection.readUntilClosed(answers, 1_500);
        }
        assertThat(answers).extracting(RawHttp.Response::status).containsExactly(200, 200, 200, 200, 200);
        assertThat(closed).as("the connection stays open").isFalse();
        List<JournalEntry> served = new ArrayList<>(emulator.application().journal().recent(Optional.empty(), Optional.empty(), 100));
        served.sort(Comparator.comparing(JournalEntry::time));
        assertThat(served).extracting(entry -> entry.parameters().get("ImageId"))
                .containsExactly("first", "second", "third", "fourth", "fifth");
        assertThat(served).extracting(JournalEntry::requestId)
                .containsExactlyElementsOf(answers.stream().map(answer -> answer.header("x-acs-request-id")).toList());
    }

    @Test
    void aBrokenBodyBehindACallThatDoesNotReadItStillClosesTheConnectionAndIsRecordedOnce() throws Exception {
        emulator.application().journal().clear();
        byte[] broken = ("GET /_emulator/health HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXX\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        List<RawHttp.Response> answers = new ArrayList<>();
        boolean closed;
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            connection.send(concat(broken, MalformedFramings.canary("canary-after-health")));
            closed = connection.readUntilClosed(answers, 5_000);
        }
        assertThat(closed).isTrue();
        // Health may answer before the body is read; either way that is the only answer.
        assertThat(answers).hasSizeLessThanOrEqualTo(1).allSatisfy(answer -> assertThat(answer.status()).isIn(200, 400));
        assertThat(emulator.application().journal().recent(Optional.empty(), Optional.empty(), 100))
                .singleElement().satisfies(entry -> assertThat(entry.code()).isEqualTo("BadRequest"));
    }

    private static double counted(String code) {
        Matcher line = Pattern.compile("(?m)^ensemu_requests_total\\{action=\"other\",code=\"" + Pattern.quote(code) + "\"} (\\S+)$")
                .matcher(emulator.application().metrics().scrape());
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(second);
        return both.toByteArray();
    }
}
