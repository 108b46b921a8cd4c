package dev.ensemu.conformance;

import dev.ensemu.conformance.endpoint.Target;
import dev.ensemu.conformance.endpoint.SignatureScheme;
import dev.ensemu.conformance.endpoint.LocalServer;
import dev.ensemu.conformance.checks.Check;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.conformance.client.RpcSigner;
import dev.ensemu.conformance.client.SchemaValidation;
import dev.ensemu.contract.report.CheckResult;
import dev.ensemu.contract.report.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against real servers: reports, signature schemes, empty accounts, anonymous targets. */
class RunnerIT {
    @org.junit.jupiter.api.BeforeAll
    static void fewerGeneratedRequests() {
        System.setProperty("ens.generated", "200"); // the checks' own Maven run does the full 2,000
    }

    @org.junit.jupiter.api.AfterAll
    static void defaultGeneratedRequests() {
        System.clearProperty("ens.generated");
    }
    private static final Path JAR = Path.of(System.getProperty("ensemu.server.jar"));

    @TempDir
    Path dir;

    @Test
    void realServerIsConformantWithV3AndTheReportsSaySo() throws Exception {
        try (LocalServer server = LocalServer.start(JAR)) {
            Target v1 = server.target(Duration.ofSeconds(10));
            Target v3 = v1.signedWith(SignatureScheme.V3);
            ByteArrayOutputStream progress = new ByteArrayOutputStream();

            RunReport report = ConformanceRunner.run(v3, null, dir, new PrintStream(progress, true, StandardCharsets.UTF_8));

            assertThat(report.conformant()).isTrue();
            assertThat(report.count(CheckResult.Outcome.FAIL)).isZero();
            assertThat(progress.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(report.checks().size());
            JsonNode json = new ObjectMapper().readTree(dir.resolve("conformance-report.json").toFile());
            assertThat(json.path("openApiSha256").asText()).isEqualTo(
                    RpcSigner.sha256Hex(SchemaValidation.specification().getBytes(StandardCharsets.UTF_8)));
            assertThat(json.path("endpoint").asText()).isEqualTo(v3.endpoint().toString());
            assertThat(json.path("signature").asText()).isEqualTo("v3");
            assertThat(json.path("checks")).hasSize(report.checks().size());
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("TEST-") && n.endsWith(".xml"));
            }
            // The rule matrix: in V3 the V3-only rule is verified too, and nothing fails.
            assertThat(json.path("rules")).hasSize(report.rules().size());
            assertThat(report.rules()).filteredOn(r -> r.rule().id().equals("R-SIG-15")).singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(dev.ensemu.contract.report.RuleResult.Outcome.VERIFIED));
            assertThat(json.path("summary").path("rulesVerified").asLong()).isEqualTo(report.count(dev.ensemu.contract.report.RuleResult.Outcome.VERIFIED))
                    .isGreaterThanOrEqualTo(45);
            assertThat(json.path("summary").path("rulesFailing").asLong()).isZero();
            assertThat(report.verdict()).contains(report.rulesVerified());
            String rulesXml = Files.readString(dir.resolve("TEST-conformance-rules.xml"));
            assertThat(rulesXml).contains("<testsuite name=\"ensemu conformance rules\" tests=\"" + report.rules().size() + "\" failures=\"0\"")
                    .contains("classname=\"rules.Signatures\" name=\"R-SIG-15 (MUST)");
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("TEST-conformance-rules.xml").toFile());
            // Per operation: all three implemented and conformant, in the JSON and in their own JUnit file.
            assertThat(json.path("operations")).extracting(o -> o.path("action").asText() + " " + o.path("verdict").asText())
                    .containsExactly("DescribeExportImageInfo conformant", "ExportImage conformant", "DescribeExportImageStatus conformant");
            String operationsXml = Files.readString(dir.resolve("TEST-conformance-operations.xml"));
            assertThat(operationsXml).contains("<testsuite name=\"ensemu conformance operations\" tests=\"3\" failures=\"0\"")
                    .contains("name=\"ExportImage\"><system-out>conformant: ");
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("TEST-conformance-operations.xml").toFile());
        }
    }

    @Test
    void overHttpsWithTemporaryCredentialsEveryCheckPassesTheStsOnesIncluded() throws Exception {
        try (LocalServer server = LocalServer.start(JAR, "--tls-port", "0")) {
            Target plain = server.target(Duration.ofSeconds(10));
            java.util.List<String> sts = dev.ensemu.conformance.client.ControlPlane.of(plain).orElseThrow()
                    .mintTemporaryCredentials("1000000000000001", 3600);
            for (SignatureScheme scheme : List.of(SignatureScheme.V1, SignatureScheme.V3)) {
                Target https = new Target(server.httpsEndpoint().orElseThrow(), Optional.empty(), Optional.empty(), SignatureScheme.NONE,
                        Duration.ofSeconds(10), plain.adminToken(), Optional.empty(), server.certificate(), false, Optional.empty())
                        .withTemporaryCredentials(sts.get(0), sts.get(1), sts.get(2)).signedWith(scheme);

                RunReport report = ConformanceRunner.run(https, null, null, new PrintStream(PrintStream.nullOutputStream()));

                assertThat(report.checks()).filteredOn(c -> c.id().startsWith("STS-")).hasSize(6)
                        .allSatisfy(c -> assertThat(c.outcome()).as("%s %s %s", scheme, c.id(), c.details()).isEqualTo(CheckResult.Outcome.PASS));
                assertThat(report.checks()).allSatisfy(c -> assertThat(c.outcome()).as("%s %s %s", scheme, c.id(), c.details())
                        .isNotEqualTo(CheckResult.Outcome.FAIL));
                assertThat(report.conformant()).isTrue();
            }
        }
    }

    @Test
    void anHttpsEndpointWithoutTrustingItsCertificateIsNotConformant() {
        try (LocalServer server = LocalServer.start(JAR, "--tls-port", "0")) {
            Target untrusted = server.target(Duration.ofSeconds(10)).at(server.httpsEndpoint().orElseThrow());

            RunReport report = ConformanceRunner.run(untrusted, "DEF-01", null, new PrintStream(PrintStream.nullOutputStream()));

            assertThat(report.conformant()).isFalse();
            assertThat(report.checks()).singleElement().satisfies(c -> assertThat(String.join(" ", c.details())).containsIgnoringCase("certif"));
        }
    }

    @Test
    void checksThatNeedImagesAreNotApplicableToAnEmptyAccountNeverPassed() throws Exception {
        Path seed = dir.resolve("empty.json");
        Files.writeString(seed, "{\"accounts\":[{\"id\":\"e\",\"accessKeys\":[{\"id\":\"" + LocalServer.DEV_KEY_ID
                + "\",\"secret\":\"" + LocalServer.DEV_SECRET + "\"}],\"images\":[]}]}");
        try (LocalServer server = LocalServer.start(JAR, "--seed", seed.toString())) {
            RunReport report = ConformanceRunner.run(server.target(Duration.ofSeconds(10)), null, null,
                    new PrintStream(PrintStream.nullOutputStream()));

            // ORD-01 needs two images; SIG-14 and EXP-06 a key without permission (this seed has none), PERM-01 a limited
            // key, ISO-01 another account's key, SIG-15 a V3 run, GEN-07/08 an operation without an oracle of its own;
            // the export checks an image to export.
            Set<String> needImages = Set.of("PAG-01", "PAG-02", "PAG-03", "FIL-01", "FIL-03", "FIL-04", "FIL-05", "FIL-06", "FLD-01", "FLD-02",
                    "FLD-03", "FLD-04", "FLD-08", "ORD-01", "SIG-14", "SIG-15", "EXP-04", "EXP-05", "EXP-06", "STA-02", "FLOW-01",
                    "FLOW-02", "FLOW-03", "ISO-01", "PERM-01", "GEN-07", "GEN-08");
            assertThat(report.checks()).filteredOn(c -> needImages.contains(c.id()))
                    .hasSize(needImages.size())
                    .allSatisfy(c -> assertThat(c.outcome()).as(c.id()).isEqualTo(CheckResult.Outcome.NOT_APPLICABLE));
            assertThat(report.checks()).filteredOn(c -> !needImages.contains(c.id()))
                    .allSatisfy(c -> assertThat(c.outcome()).as("%s %s", c.id(), c.details()).isEqualTo(CheckResult.Outcome.PASS));
            assertThat(report.conformant()).isTrue();
        }
    }

    @Test
    void withoutCredentialsOrAdminTokenSignatureAndSeededChecksDoNotApply() throws Exception {
        try (LocalServer server = LocalServer.start(JAR, "--auth", "anonymous")) {
            Target unsigned = new Target(server.endpoint(), Optional.empty(), Optional.empty(), SignatureScheme.NONE,
                    Duration.ofSeconds(10), Optional.empty());

            RunReport report = ConformanceRunner.run(unsigned, "SIG-.*|SEED-.*|STS-.*|DEF-01|PAG-01", null, new PrintStream(PrintStream.nullOutputStream()));

            assertThat(report.checks()).filteredOn(c -> c.id().startsWith("SIG-") || c.id().startsWith("SEED-") || c.id().startsWith("STS-"))
                    .hasSizeGreaterThanOrEqualTo(12)
                    .allSatisfy(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.NOT_APPLICABLE));
            assertThat(report.checks()).filteredOn(c -> !c.id().matches("(SIG|SEED|STS)-.*")).extracting(CheckResult::id)
                    .containsExactly("DEF-01", "PAG-01");
            assertThat(report.conformant()).isTrue();
        }
    }

    @Test
    void listNamesEveryCheckOnceWithItsLevel() {
        List<Check> checks = ConformanceRunner.list(null);

        assertThat(checks).extracting(Check::id).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(45)
                .allMatch(id -> id.matches("[A-Z]{3,4}-\\d{2}"));
        assertThat(ConformanceRunner.list("PAG-.*")).extracting(Check::id).allMatch(id -> id.startsWith("PAG-"));
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() {
        assertThat(Main.run(new String[] {"--colour", "red"})).isEqualTo(2);
        assertThat(Main.run(new String[] {"--signature", "v9", "--endpoint", "http://127.0.0.1:1/"})).isEqualTo(2);
        assertThat(Main.run(new String[0])).isEqualTo(2);
        assertThat(Main.run(new String[] {"--endpoint", "ftp://x/"})).isEqualTo(2);
    }

    @Test
    void aLimitedKeyNeedsItsSecretAndOperationsTheDocumentHas() {
        String[] base = {"--endpoint", "http://127.0.0.1:1/", "--access-key-id", "k", "--access-key-secret", "s"};
        assertOneLineExitTwo(base, new String[] {"--limited-key-id", "r", "--limited-key-secret", "s", "--limited-key-operations", "DescribeImages"},
                "--limited-key-operations names DescribeImages, which the OpenAPI document does not have");
        assertOneLineExitTwo(base, new String[] {"--limited-key-id", "r", "--limited-key-secret", "s"}, "a limited key needs its AccessKeyId");
        assertOneLineExitTwo(base, new String[] {"--limited-key-id", "r", "--limited-key-secret", "s", "--limited-key-operations", "A;B"},
                "--limited-key-operations must be Action names separated by commas");
        assertOneLineExitTwo(base, new String[] {"--operations", "ExportImage,Nope"}, "--operations names Nope");
    }

    @Test
    void anotherDocumentMustBeThereAndHaveOperations(@org.junit.jupiter.api.io.TempDir Path scratch) throws Exception {
        String[] base = {"--endpoint", "http://127.0.0.1:1/"};
        assertOneLineExitTwo(base, new String[] {"--document", scratch.resolve("missing.yaml").toString()}, "missing.yaml is not a file");
        Path empty = Files.writeString(scratch.resolve("empty.yaml"), "openapi: 3.0.3\npaths: {}\n");
        try {
            assertOneLineExitTwo(base, new String[] {"--document", empty.toString()}, "has no operation keyed /?Action=<Name>");
        } finally {
            System.clearProperty(SchemaValidation.DOCUMENT_PROPERTY);
        }
    }

    private static void assertOneLineExitTwo(String[] base, String[] more, String message) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int status;
        try {
            status = Main.run(java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more)).toArray(String[]::new));
        } finally {
            System.setErr(original);
        }
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(message).hasLineCount(1);
    }
}
