package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.ensemu.conformance.checks.Check;
import dev.ensemu.contract.report.Level;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import dev.ensemu.conformance.client.EnsClient;
import dev.ensemu.conformance.client.RawConnection;
import dev.ensemu.conformance.client.RawConnection.Framing;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The RPC protocol as the official clients use it (docs/wire-protocol.md sections 1-3). */
class ProtocolChecks extends CheckSupport {
    /** What two answers must share to be "the same page". */
    private static List<Object> page(Answer answer) {
        JsonNode body = answer.json();
        return List.of(body.path("PageNumber").asInt(), body.path("PageSize").asInt(), answer.totalCount(), answer.imageIds());
    }

    @Test
    @Check(id = "PRO-01", rules = {"R-PAR-01"}, description = "GET, POST with a form body, and query/body split give the same page")
    void placementsGiveTheSamePage() {
        Answer get = ok(Call.get().query("PageSize", 3).query("PageNumber", 2));
        Answer post = ok(Call.post().form("PageSize", 3).form("PageNumber", 2));
        Answer split = ok(Call.post().query("PageSize", 3).form("PageNumber", 2));

        assertThat(page(post)).as("POST form body").isEqualTo(page(get));
        assertThat(page(split)).as("query and body split").isEqualTo(page(get));
    }

    @Test
    @Check(id = "PRO-02", rules = {"R-PAR-02"}, description = "Action and Version given only as x-acs-action/x-acs-version headers work (V3 clients)")
    void actionAndVersionAsHeaders() {
        Answer headersOnly = ok(Call.post().naming(Call.Naming.HEADERS_ONLY).query("PageSize", 2));

        assertThat(page(headersOnly)).isEqualTo(page(ok(Call.get().query("PageSize", 2))));
    }

    @Test
    @Check(id = "PRO-07", rules = {"R-PAR-03"}, level = Level.SHOULD, description = "Action and Version parameters win over x-acs-action/x-acs-version headers that say otherwise")
    void parametersWinOverHeaders() {
        Answer answer = ok(Call.get().query("PageSize", 2).header("x-acs-action", "DescribeImages").header("x-acs-version", "2014-05-26"));

        assertThat(page(answer)).isEqualTo(page(ok(Call.get().query("PageSize", 2))));
    }

    @Test
    @Check(id = "PRO-03", rules = {"R-ANS-11"}, level = Level.SHOULD, description = "Format=XML answers text/xml;charset=utf-8 rooted at <DescribeExportImageInfoResponse> with the same data")
    void xmlIsEquivalent() throws IOException {
        Answer json = ok(Call.get().query("PageSize", 4));
        Answer xml = ok(Call.get().query("PageSize", 4).query("Format", "XML"));

        assertThat(xml.header("Content-Type")).hasValueSatisfying(t -> assertThat(t.replace(" ", "").toLowerCase())
                .isEqualTo("text/xml;charset=utf-8"));
        assertThat(xml.body()).contains("<DescribeExportImageInfoResponse>");
        JsonNode parsed = new XmlMapper().readTree(xml.body().getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.path("TotalCount").asInt(-1)).isEqualTo(json.totalCount());
        List<String> ids = new ArrayList<>();
        JsonNode images = parsed.path("Images").path("Image");
        (images.isArray() ? images : List.of(images)).forEach(i -> {
            if (!i.isMissingNode()) {
                ids.add(i.path("ImageId").asText());
            }
        });
        assertThat(ids).isEqualTo(json.imageIds());
    }

    /** How each official client percent-encodes a value on the wire (docs/wire-protocol.md section 3). */
    private static final Map<String, UnaryOperator<String>> CLIENT_ENCODINGS = Map.of(
            "java-core query", v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"),
            "java-tea", v -> URLEncoder.encode(v, StandardCharsets.UTF_8),
            "pop-core", v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~"),
            "node-oac", v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~")
                    .replace("%21", "!").replace("%28", "(").replace("%29", ")"));

    @Test
    @Check(id = "PRO-04", rules = {"R-PAR-06"}, description = "Every client's percent-encoding of an ImageName selects the same images")
    void clientEncodingsRoundTrip() {
        List<String> names = new ArrayList<>(List.of("a b*c~d+e/f", "中文 (x)!"));
        listing(WALKED_IMAGES).images().stream().map(i -> i.path("ImageName").asText()).findFirst().ifPresent(names::add);
        for (String name : names) {
            List<Object> expected = null;
            for (Map.Entry<String, UnaryOperator<String>> encoding : CLIENT_ENCODINGS.entrySet()) {
                List<Object> page = page(ok(Call.post().query("ImageName", name).wireEncoding(encoding.getValue())));
                if (expected == null) {
                    expected = page;
                }
                assertThat(page).as("ImageName %s encoded as %s", name, encoding.getKey()).isEqualTo(expected);
            }
        }
    }

    @Test
    @Check(id = "PRO-05", rules = {"R-PAR-14"}, description = "Chunked, chunked-empty and length-less POSTs are served, several on one keep-alive connection")
    void bodyFramingsOnOneConnection() throws IOException {
        Assumptions.assumeTrue("http".equals(ens.target().endpoint().getScheme()), "not applicable: raw framing is tested over plain HTTP only");
        EnsClient.WireRequest chunkedForm = ens.prepare(Call.post().form("PageSize", 2));
        EnsClient.WireRequest chunkedEmpty = ens.prepare(Call.post().naming(Call.Naming.HEADERS_ONLY).query("PageSize", 3));
        EnsClient.WireRequest lengthless = ens.prepare(Call.post().query("PageSize", 4).header("Content-Type", "application/x-www-form-urlencoded"));

        try (RawConnection connection = new RawConnection(ens.target())) {
            Answer first = connection.exchange(chunkedForm, Framing.CHUNKED);
            Answer second = connection.exchange(chunkedEmpty, Framing.CHUNKED);
            Answer third = connection.exchange(lengthless, Framing.NO_LENGTH);

            assertThat(List.of(first, second, third)).allSatisfy(a -> assertThat(a.status()).as("%s", a).isEqualTo(200));
            assertThat(first.json().path("PageSize").asInt()).isEqualTo(2);
            assertThat(second.json().path("PageSize").asInt()).isEqualTo(3);
            assertThat(third.json().path("PageSize").asInt()).isEqualTo(4);
        }
    }

    @Test
    @Check(id = "PRO-06", rules = {"R-PAR-05"}, level = Level.SHOULD, description = "Unknown parameters (and RegionId) are ignored")
    void unknownParametersAreIgnored() {
        Answer plain = ok(Call.get().query("PageSize", 5));
        Answer extra = ok(Call.get().query("PageSize", 5).query("RegionId", "cn-hangzhou").query("Colour", "blue"));

        assertThat(page(extra)).isEqualTo(page(plain));
    }
}
